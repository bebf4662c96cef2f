[#import "/_common/header.ftl" as h]
[@h.header c="#" title="postscreen access list: Netigate's mail servers skip postscreen's tests" apply=[
  "postscreen_access_list = cidr:/etc/postfix/netigate_postscreen.cidr, permit_mynetworks, <...>",
  "(apply.sh puts it first, before what the list held). It matters only where master.cf runs postscreen",
  "on port 25 (smtp inet ... postscreen); Debian's stock master.cf runs smtpd there, and postscreen is unused.",
  "postscreen decides before the sender is known, so this entry is by IP alone; smtpd still applies",
  "every check (including the sender-domain tie) afterwards. postscreen's actions are permit/reject/dunno."] /]
[@h.ipCaveat c="#" /]
[#list server.networks as network]
[=network.cidr]	permit
[/#list]
