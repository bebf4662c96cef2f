[#include "_names.ftl"]
setting,admin_console_path,organisational_unit,value,option
[#list server.senderDomains as domain]
approved_senders,[=csv("Apps > Google Workspace > Gmail > Spam, Phishing and Malware > Spam > Approved senders list: " + addressListName)],top-level,[=csv(domain)],authentication required
[/#list]
[#if ipAllowList]
email_allowlist,[=csv("Apps > Google Workspace > Gmail > Spam, Phishing and Malware > Email allowlist")],top-level,[=csv(allowlistValue)],add to existing entries
[/#if]
