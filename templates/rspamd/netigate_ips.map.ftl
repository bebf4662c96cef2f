[#import "/_common/header.ftl" as h]
[@h.header c="#" inJinja=true title="rspamd map: Netigate's mail servers, one IP or network a line (used by NETIGATE_IP)" apply=[
  "rspamd rereads a changed map file by itself; see netigate-multimap.conf for how to apply and undo."] /]
[@h.ipCaveat c="#" /]
[#list server.networks as network]
[=network.text]
[/#list]
