[#import "/_common/header.ftl" as h]
[@h.header c="#" inJinja=true title="rspamd multimap rules: Netigate's mail-server IPs, and Netigate's (and the customer's) sender domains" apply=[
  "Apply (as root; Debian paths): copy netigate-multimap.conf, netigate-composites.conf, netigate_ips.map and",
  "  netigate_sender_domains.map into /etc/rspamd/local.d/, then add one line to each of two files there",
  "  (create them if missing; keep what they already hold):",
  "    local.d/multimap.conf:   .include \"$LOCAL_CONFDIR/local.d/netigate-multimap.conf\"",
  "    local.d/composites.conf: .include \"$LOCAL_CONFDIR/local.d/netigate-composites.conf\"",
  "  Check with  rspamadm configtest  (\"syntax OK\"), then  systemctl reload rspamd.",
  "Undo: remove the two .include lines and the four files, rspamadm configtest, systemctl reload rspamd.",
  "Verify: rspamc --ip " + server.networks[0].address + " --from " + (server.senderAddresses[0]!("survey@" + server.senderDomains[0])) + " symbols < message",
  "  shows NETIGATE_ALLOWLIST (use this server's own sender: another server's domain does not fire)."] /]
#
# Both rules score 0 on their own: a Netigate IP with another sender, or a Netigate sender on another IP,
# changes nothing. Only the composite NETIGATE_ALLOWLIST in netigate-composites.conf, which needs both, lowers
# the score. https://rspamd.com/doc/modules/multimap.html (types "ip" and "from", filter "email:domain")
# NETIGATE_SENDER_DOMAIN looks at the envelope sender (extract_from = "smtp") and matches exact domains:
# bounce@mail.ntgt.de does not match ntgt.de (the same rule in every target of whitelist-gen).
[@h.unknowns c="#" /]
[#-- Only validated values inside UCL strings (server.id, never the free-text name: it may hold '"' or '$'). --]

NETIGATE_IP {
  type = "ip";
  map = "$LOCAL_CONFDIR/local.d/netigate_ips.map";
  description = "Connecting IP is one of Netigate's mail servers (server [=server.id])";
  score = 0.0;
}

NETIGATE_SENDER_DOMAIN {
  type = "from";
  extract_from = "smtp";
  filter = "email:domain";
  map = "$LOCAL_CONFDIR/local.d/netigate_sender_domains.map";
  description = "Envelope sender domain is Netigate's, or the customer's own";
  score = 0.0;
}
