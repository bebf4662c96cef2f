[#import "/_common/header.ftl" as h]
[@h.header c="#" inJinja=true title="rspamd multimap rules: Netigate's mail-server IPs, and Netigate's (and the customer's) sender domains" apply=[
  "Apply (as root; Debian paths): copy netigate-multimap.conf, netigate-composites.conf, netigate_ips.map and",
  "  netigate_sender_domains.map into /etc/rspamd/local.d/, then add one line to each of two files there",
  "  (create them if missing; keep what they already hold):",
  "    local.d/multimap.conf:   .include \"$LOCAL_CONFDIR/local.d/netigate-multimap.conf\"",
  "    local.d/composites.conf: .include \"$LOCAL_CONFDIR/local.d/netigate-composites.conf\"",
  "  Check with  rspamadm configtest  (\"syntax OK\"), then  systemctl reload rspamd.",
  "Upgrade (a new profile version, other options): copy the four new files over the old ones, configtest,",
  "  reload; they are replaced whole, so nothing of the earlier version stays. Your own rules are not touched.",
  "Undo: remove the two .include lines and the four files, rspamadm configtest, systemctl reload rspamd.",
  "Verify: rspamc --ip " + server.networks[0].address + " --from " + (server.senderAddresses[0]!("survey@" + server.senderDomains[0])) + " symbols < message",
  "  shows NETIGATE_ALLOWLIST (use this server's own sender: another server's domain does not fire)."] /]
#
# Both rules score 0 on their own: a Netigate IP with another sender, or a Netigate sender on another IP,
# changes nothing. Only the composite NETIGATE_ALLOWLIST in netigate-composites.conf, which needs both, lowers
# the score. https://rspamd.com/doc/modules/multimap.html (types "ip" and "selector"),
# https://rspamd.com/doc/configuration/selectors.html (from('smtp'), domain, lower)
# NETIGATE_SENDER_DOMAIN looks at the envelope sender only (the selector from('smtp'); the type "from" with
# extract_from = "smtp" falls back to the header From: when there is no envelope sender, so a message without
# one and with From: at a listed domain would fire) and matches exact domains, any case: bounce@mail.ntgt.de
# does not match ntgt.de (the same rule in every target of whitelist-gen).
[@h.ipCaveat c="#" /]
[@h.unknowns c="#" /]
[#-- Only validated values inside UCL strings (server.id, never the free-text name: it may hold '"' or '$'). --]

NETIGATE_IP {
  type = "ip";
  map = "$LOCAL_CONFDIR/local.d/netigate_ips.map";
  description = "Connecting IP is one of Netigate's mail servers (server [=server.id])";
  score = 0.0;
}

NETIGATE_SENDER_DOMAIN {
  type = "selector";
  selector = "from('smtp'):domain.lower";
  map = "$LOCAL_CONFDIR/local.d/netigate_sender_domains.map";
  description = "Envelope sender domain is Netigate's, or the customer's own";
  score = 0.0;
}
