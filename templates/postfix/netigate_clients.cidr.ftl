[#import "/_common/header.ftl" as h]
[@h.header c="#" title="Postfix cidr table: Netigate's mail servers" apply=[
  "check_client_access cidr:/etc/postfix/netigate_clients.cidr (apply.sh places it).",
  "A listed client is sent to the restriction class netigate_senders, which answers OK only when",
  "the envelope sender's domain is in netigate_sender_access; any other sender goes on through every check.",
  "These IPs are Netigate's shared platform, used for all of Netigate's customers.",
  "postfix reload after changing this file (cidr tables are read at start-up; no postmap)."] /]
[@h.ipCaveat c="#" /]
[@h.unknowns c="#" /]
[#list server.networks as network]
[=network.cidr]	netigate_senders
[/#list]
