[#include "_names.ftl"]
setting,where,value
sender_group,[=csv("Mail Policies > HAT Overview > Add Sender Group (each listener that receives Internet mail); order 1 or directly below RELAYLIST; mail flow policy ACCEPTED")],[=csv(senderGroup)]
[#list ipList as ip]
sender,[=csv("Mail Policies > HAT Overview > " + senderGroup + " > Add Sender")],[=csv(ip)]
[/#list]
message_filter,CLI: filters > NEW (netigate-message-filter.txt),[=csv(filterName)]
message_filter_position,CLI: filters > MOVE (first: no earlier filter may end processing before it),1
[#list envelopeDomains as d]
envelope_sender_domain,[=csv("message filter " + filterName + ": mail-from, exact domain")],[=csv(d)]
[/#list]
header_added,[=csv("message filter " + filterName + ": insert-header")],[=csv(headerName + ": " + headerValue)]
