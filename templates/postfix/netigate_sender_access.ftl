[#import "/_common/header.ftl" as h]
[@h.header c="#" title="Postfix regexp table: envelope sender domains accepted from Netigate's mail servers" apply=[
  "check_sender_access regexp:/etc/postfix/netigate_sender_access, inside the netigate_senders class.",
  "Only reached for clients listed in netigate_clients.cidr: the exception needs IP and domain.",
  "Exact domains only, as in every target of whitelist-gen: survey@ntgt.de matches, bounce@mail.ntgt.de",
  "does not. A regexp table is matched against the whole address, with no parent-domain search (access(5),",
  "REGULAR EXPRESSION TABLES), unlike a hash table, where ntgt.de would also match every subdomain",
  "(parent_domain_matches_subdomains). Case is ignored. No postmap needed; postfix reload after a change."] /]
# Netigate's own sender domains (invitations sent from Netigate's addresses)
[#list server.senderDomains as domain]
/@[=domain?replace(".", "\\.")]$/	OK
[/#list]
[#if customerDomains?has_content]
# The customer's own domains, for surveys sent as the customer (so they are not taken for spoofing).
# Netigate's IPs are shared by all its customers: any of them can send as these domains from there.
[#list customerDomains as domain]
/@[=domain?replace(".", "\\.")]$/	OK
[/#list]
[#else]
# No --domain given: surveys sent with the customer's own domain as sender are not covered.
[/#if]
