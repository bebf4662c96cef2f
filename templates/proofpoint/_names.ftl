[#-- Values and pages the guide and the CSV share. One target for both Proofpoint products: `check mx` cannot promise
     which one an MX belongs to from a third-party or unconfirmed suffix, and the customer's admin knows which console
     they log in to, so the guide has a part for each. --]
[#assign routeId = "netigate_surveys"]
[#assign routeDescription = "Netigate surveys (whitelist-gen)"]
[#-- Both products take a single IPv4 address as it is; Essentials takes CIDR no wider than /24. Every profile lists
     single addresses; a wider network would need a value neither page shows for a Policy Route condition. --]
[#list server.networks as n]
[#if !n.single][#stop "proofpoint: the network " + n.cidr + " is not a single address; Proofpoint's safelisting article enters Sender IP Address conditions one address each"][/#if]
[/#list]
[#-- What earlier profile versions listed for this server and this one does not (the render model's `earlier`, when
     the generator knows the history): the upgrade step names those values for removal. --]
[#assign earlierNetworks = (earlier.networks)![]]
[#assign earlierLinkDomains = (earlier.webDomains)![]]

[#-- The pages each step rests on, all on Proofpoint's help site (help.proofpoint.com) except the mail flow order,
     which Proofpoint's own order-of-processing page refers to a "Mail Flow KB" for and which could be read only in a
     Proofpoint partner's copy. --]
[#assign doc = {
  "ppsSafelisting": "Proofpoint, \"Security Awareness Safelisting in Proofpoint Protection Services\" (System > Policy Route > New Route, Sender IP Address Equals, one condition per IP joined by OR; Email Protection > Spam Detection > Settings > General > Disable Processing for Selected Policy Routes; Email Protection > Email Firewall > Rules, Edit Rule for the active anti-spoofing rule, under Conditions Disable Processing for Selected Policy Routes): https://help.proofpoint.com/Proofpoint_Essentials/Security_Awareness/Setup/Security_Awareness_Safelisting_in_Proofpoint_Protection_Services",
  "essSenderLists": "Proofpoint Essentials, \"How to edit Safe and Blocked Sender Lists\" (Security Settings > Email > Sender Lists; Safe Senders WILL NOT be quarantined; IP addresses, wildcards, CIDR no larger than /24; some items cannot be bypassed for scanning): https://help.proofpoint.com/Proofpoint_Essentials/Email_Security/Administrator_Topics/090_filtersandsenderlists/Setting_up_sender_lists/How_to_edit_Safe_and_Blocked_Sender_Lists",
  "essSetup": "Proofpoint Essentials, \"Setting Up Sender Lists\" (account-level lists affect all users; Safe Sender List lets the message through as Filtered: Allow; a filter overrides a sender list entry): https://help.proofpoint.com/Proofpoint_Essentials/Email_Security/Administrator_Topics/090_filtersandsenderlists/Setting_up_sender_lists",
  "essOrder": "Proofpoint Essentials, \"Mail Flow Scanning & Filters Order of Processing\" (filters before sender lists; block before safe entries): https://help.proofpoint.com/Proofpoint_Essentials/Email_Security/Administrator_Topics/090_filtersandsenderlists/Filters_Order_of_Operations",
  "essMailFlow": "the same page as copied by a Proofpoint partner, with the mail flow order (anti-virus, Attachment Defense and anti-spoofing checks before the custom filter checks and the spam engine): https://excelmicro.kayako.com/article/257-mail-flow-scanning-filters-order-of-processing-proofpoint",
  "essAntiSpoofing": "Proofpoint Essentials, \"How To Bypass Anti-Spoofing Checks\" (mail quarantined as Fraud despite the safe sender list; Security Settings > Malicious Content > Anti-Spoofing exceptions take domains only, not IP addresses): https://help.proofpoint.com/Proofpoint_Essentials/Email_Security/Support/Trouble-shooting_Platform_Features/Anti-spoofing/How_To_Bypass_Anti-Spoofing_Checks",
  "essSpoofDetection": "Proofpoint Essentials, \"Quarantining suspected spoof and allowing safe messages\" (Company Settings > Spam > Inbound domain spoofing protection quarantines inbound mail whose from domain is one of the company's own; an organization Safe Sender entry or a custom filter bypasses it; sender lists support IP addresses): https://help.proofpoint.com/Proofpoint_Essentials/Email_Security/Administrator_Topics/Other_Features/Quarantining_suspected_spoof",
  "essLogs": "Proofpoint Essentials, \"Troubleshooting email delivery problems using Email Logs\" (the Logs tab; search by sender, recipient or subject; message status) and \"Log Details Button\" (classification and delivery status per recipient): https://help.proofpoint.com/Proofpoint_Essentials/Email_Security/Administrator_Topics/110_logs/Troubleshooting_email_delivery_problems_using_Email_Logs; https://help.proofpoint.com/Proofpoint_Essentials/Email_Security/Administrator_Topics/Log_Details_Button",
  "essUrlDefense": "Proofpoint Essentials, \"Troubleshooting issues with URL Defense\" (Security Settings > Malicious Content > URL Defense; Exclude URLs that contain specified domains/IP addresses): https://help.proofpoint.com/Proofpoint_Essentials/Email_Security/Administrator_Topics/Other_Features/Troubleshooting_issues_with_URL_Defense"
}]
[#include "/_common/say.ftl"]
