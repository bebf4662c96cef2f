[#import "/_common/header.ftl" as h]
[@h.header c="#" title="postscreen access list: Netigate's mail servers skip postscreen's tests" apply=[
  "postscreen_access_list = permit_mynetworks, cidr:/etc/postfix/netigate_postscreen.cidr",
  "postscreen decides before the sender is known, so this entry is by IP alone; smtpd still applies",
  "every check (including the sender-domain tie) afterwards. postscreen's actions are permit/reject/dunno."] /]
[#list server.networks as network]
[=network.cidr]	permit
[/#list]
