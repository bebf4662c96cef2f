[#import "/_common/header.ftl" as h]
[@h.header c="#" inJinja=true title="rspamd composite: lowers the score only for Netigate's IPs AND Netigate's (or the customer's) sender domains" apply=[
  "Included from /etc/rspamd/local.d/composites.conf: see netigate-multimap.conf for how to apply and undo."] /]
#
# https://rspamd.com/doc/configuration/composites.html
# -20 keeps a survey clear of the default actions (greylist 4, add header 6, reject 15) whatever the
# DNS-based checks say; with those thresholds the message still gets "reject" only when its other symbols
# add up to more than 35. That is not how viruses are stopped: the antivirus module forces no action by
# default and its symbol weights are yours, so to reject a virus whatever the score, give its antivirus
# rule  action = "reject";  (https://rspamd.com/doc/modules/antivirus.html). Force actions
# (https://rspamd.com/doc/modules/force_actions.html) still apply to this mail.
# Netigate's IPs are shared by all of Netigate's customers: any of them can send from there with these
# sender domains, the customer's included, and get -20. Only a DKIM signature with d=the customer's domain
# proves a survey was sent by the customer; whitelist-gen does not generate such a tie for rspamd (the
# whitelist module's valid_dkim matches the signer's registered domain, not the exact domain or From:).
# policy "leave" keeps NETIGATE_IP and NETIGATE_SENDER_DOMAIN in the report, so a scan shows why.

NETIGATE_ALLOWLIST {
  expression = "NETIGATE_IP & NETIGATE_SENDER_DOMAIN";
  score = -20.0;
  policy = "leave";
  description = "Netigate mail server (server [=server.id]) sending for a Netigate or customer domain";
}
