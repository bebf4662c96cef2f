[#import "/_common/header.ftl" as h]
[@h.header c="#" title="Postfix access table: sender domains accepted from Netigate's mail servers" apply=[
  "check_sender_access hash:/etc/postfix/netigate_sender_access, inside the netigate_senders class.",
  "Run 'postmap hash:/etc/postfix/netigate_sender_access' after changing it (apply.sh does).",
  "Only reached for clients listed in netigate_clients.cidr: the exception needs IP and domain.",
  "A domain also matches its subdomains (parent_domain_matches_subdomains includes smtpd_access_maps)."] /]
# Netigate's own sender domains (invitations sent from Netigate's addresses)
[#list server.senderDomains as domain]
[=domain]	OK
[/#list]
[#if customerDomains?has_content]
# The customer's own domains, for surveys sent as the customer (so they are not taken for spoofing)
[#list customerDomains as domain]
[=domain]	OK
[/#list]
[#else]
# No --domain given: surveys sent with the customer's own domain as sender are not covered.
[/#if]
