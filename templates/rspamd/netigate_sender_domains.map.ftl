[#import "/_common/header.ftl" as h]
[@h.header c="#" inJinja=true title="rspamd map: sender domains accepted from Netigate's mail servers (used by NETIGATE_SENDER_DOMAIN)" apply=[
  "Exact domains only (no subdomains). rspamd rereads a changed map file by itself;",
  "see netigate-multimap.conf for how to apply and undo."] /]
# Netigate's own sender domains
[#list server.senderDomains as domain]
[=domain]
[/#list]
[#if customerDomains?has_content]
# The customer's own domains, for surveys sent as the customer (so they are not taken for spoofing)
[#list customerDomains as domain]
[=domain]
[/#list]
[#else]
# No --domain given: surveys sent with the customer's own domain as sender are not covered.
[/#if]
