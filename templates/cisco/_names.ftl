[#-- Names and pages the guide, the filter and the CSV share. One sender group and one filter whatever the server:
     applying another server's or a later version's output replaces them, so nothing an earlier run added remains. --]
[#assign senderGroup = "NETIGATE_WLG"]
[#assign filterName = "netigate_wlg"]
[#assign headerName = "X-Whitelist-Gen"]
[#assign headerValue = "netigate-" + server.id]
[#assign ipList = server.networks?map(n -> n.text)]
[#-- Web domains earlier profile versions listed for this server and this one does not: the upgrade step names them, in
     case the customer exempted them from link rewriting (render model `earlier`). --]
[#assign earlierLinkDomains = (earlier.webDomains)![]]
[#assign envelopeDomains = server.senderDomains + customerDomains]
[#-- Every domain goes into a filter regular expression in double quotes: refuse anything but DNS letters, digits,
     hyphens and dots (DomainName already allows no more; this keeps the filter safe if that ever changes). --]
[#list envelopeDomains as d]
[#if !d?matches("[a-z0-9]([a-z0-9.-]*[a-z0-9])?")][#stop "cisco: the domain '" + d + "' holds characters a message filter regular expression cannot take as they are"][/#if]
[/#list]
[#-- mail-from is case-insensitive (Cisco tech note 118013); "@" before and "$" after keep the domain exact: no
     subdomain, no look-alike such as netigate.se.example. A backslash is written twice in a filter (user guide,
     "Regular Expressions in Rules"). --]
[#function senderRegex domain][#return "@" + domain?replace(".", "\\\\.") + "$"][/#function]

[#-- The pages each step rests on. Cisco's current (14.x/15.x) user guides were not reachable through the search
     tool; the chapters below are Cisco's own AsyncOS user and CLI guides (7.1 to 10.0) as mirrored on the pages named,
     cisco.com tech notes, and docs.ces.cisco.com. --]
[#assign doc = {
  "senderGroup": "AsyncOS 9.1.2 User Guide, ch. 7 \"Creating a Sender Group for Message Handling\" and \"Rearranging the Order of the Rules\": http://38.142.81.21:8001/manual/cisco/cisco-email-security-appliance-c680/user-guide-english/page-136.html",
  "senderSyntax": "AsyncOS 9.1.2 User Guide, Table 7-1 \"Sender Group Syntax\" (IPv4/IPv6 address, CIDR): http://38.142.81.21:8001/manual/cisco/cisco-email-security-appliance-c680/user-guide-english/page-126.html",
  "trusted": "CLI Reference Guide for AsyncOS 9.7, listenerconfig > HOSTACCESS > PRINT ($TRUSTED: spam_check off; $ACCEPTED: the defaults): https://manualsbrain.com/zh/manuals/1648606/?page=293",
  "hatImport": "AsyncOS 8.5.5 User Guide, \"Working with the Host Access Table Configuration\" (an import overwrites all existing HAT information): https://manualsbrain.com/pt/manuals/1649541/?page=143",
  "filtersCli": "AsyncOS 8.0.2 User Guide, \"Using the CLI to Manage Message Filters\" (filters > NEW, end with '.'): https://manualsbrain.com/fr/manuals/1649530/?page=238",
  "filterSyntax": "AsyncOS 9.8 User Guide, \"Message Filter Example Syntax\" (if/else, quotes, # comments): https://manualsbrain.com/fr/manuals/1649658/?page=159",
  "filterRules": "AsyncOS 9.1.2 User Guide, Table 9-2 \"Message Filter Rules\" (mail-from, sendergroup): http://38.142.81.21:8001/manual/cisco/cisco-email-security-appliance-c680/user-guide-english/page-176.html",
  "sendergroupRegex": "AsyncOS 7.1 Advanced Configuration Guide, \"Sender Group Rule\" (a regular expression on the HAT sender group's name): https://manualsbrain.com/pt/manuals/1649630/?page=336",
  "sendergroupNote": "Cisco tech note 118686 (sendergroup in a message filter): https://www.cisco.com/c/en/us/support/docs/security/email-security-appliance/118686-technote-esa-00.html",
  "mailFromCase": "Cisco tech note 118013 (mail-from and rcpt-to are case-insensitive): https://cisco.com/c/en/us/support/docs/security/email-security-appliance/118013-config-cdc-00.html",
  "regex": "AsyncOS 9.1.2 User Guide, \"Regular Expressions in Rules\" (two backslashes): http://38.142.81.21:8001/manual/cisco/cisco-email-security-appliance-c680/user-guide-english/page-183.html",
  "skipSpam": "AsyncOS 8.5.6 User Guide, \"Bypass Anti-Spam System Action\" / \"Bypass Anti-Virus System Action\": https://manualsbrain.com/pt/manuals/1605321/?page=245",
  "skipGraymail": "AsyncOS 9.5 User Guide, \"Bypassing Graymail Actions\" (skip-marketingcheck, skip-socialcheck, skip-bulkcheck): https://manualsbrain.com/pt/manuals/1649492/?page=241",
  "headers": "AsyncOS 9.1.2 User Guide, \"Strip Header Action\" / \"Insert Header Action\": http://38.142.81.21:8001/manual/cisco/cisco-email-security-appliance-c680/user-guide-english/page-234.html",
  "predefined": "AsyncOS 9.1.2 User Guide, Tables 7-6 and 7-7 \"Predefined Sender Groups and Mail Flow Policies\" (UNKNOWNLIST: $ACCEPTED; RELAYLIST: $RELAYED): http://38.142.81.21:8001/manual/cisco/cisco-email-security-appliance-c680/user-guide-english/page-134.html",
  "pipeline": "AsyncOS 7.1 Configuration Guide, \"Content Filters Overview\" (message filters run before anti-spam and anti-virus scanning): https://manualsbrain.com/pt/manuals/1649642/?page=213",
  "filterOrder": "AsyncOS 8.0.2 User Guide, \"Message Filter Processing\" (filters in list order; a final action ends filter processing): https://manualsbrain.com/pt/manuals/1649529/?page=163",
  "filterMove": "AsyncOS 10.0 User Guide, \"Using the CLI to Manage Message Filters\" (new appends at the end unless given a position; move): https://manualsbrain.com/pt/manuals/1649694/?page=249",
  "exceptionTable": "AsyncOS 9.1.2 User Guide, \"Excluding Unverified Senders from Sender Verification Rules\" (the exception table applies to every mail flow policy that uses it): https://manualsbrain.com/pt/manuals/1649682/?page=157",
  "spoofSenderVerification": "Cisco tech note \"Spoof Protection using Sender Verification\" (own mail flow policy with the exception table off; own domain set to Reject), mirrored: https://manualsbrain.com/es/manuals/1647994/",
  "spoofFilter": "Cisco tech note 200166 \"Quarantine Spoofed Email Messages on the ESA\" (message filter with a trusted sender group MY_TRUSTED_SPOOF_HOSTS): https://www.cisco.com/c/en/us/support/docs/security/email-security-appliance/200166-Quarantine-Spoofed-Email-Messages-on-the.html",
  "urlBypass": "Cisco Secure Email, \"URL Rewriting and Analysis Best Practices\" (Outbreak Filters, Bypass domain scanning): https://docs.ces.cisco.com/docs/url-rewriting-and-analysis-best-practices"
}]
[#include "/_common/say.ftl"]
