[#import "/_common/header.ftl" as h]
[@h.header c="#" inJinja=true title="rspamd composite: lowers the score only for Netigate's IPs AND Netigate's (or the customer's) sender domains" apply=[
  "Included from /etc/rspamd/local.d/composites.conf: see netigate-multimap.conf for how to apply and undo."] /]
#
# https://rspamd.com/doc/configuration/composites.html
# -20 keeps a survey clear of the default actions (greylist 4, add header 6, reject 15) whatever the
# DNS-based checks say, yet mail that scores over 35 on content (e.g. a virus) is still rejected.
# policy "leave" keeps NETIGATE_IP and NETIGATE_SENDER_DOMAIN in the report, so a scan shows why.

NETIGATE_ALLOWLIST {
  expression = "NETIGATE_IP & NETIGATE_SENDER_DOMAIN";
  score = -20.0;
  policy = "leave";
  description = "Netigate mail server (server [=server.id]) sending for a Netigate or customer domain";
}
