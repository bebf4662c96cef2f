[#-- Values and pages the guide and the CSV share. The allow list holds Netigate's IPs only: its entries are matched
     one by one (no entry ties an IP to a sender), and address or domain entries are compared with the header From,
     which any sender writes freely. --]
[#assign allowIps = server.networks?map(n -> n.text)]
[#assign anyRange = server.networks?filter(n -> !n.single)?has_content]
[#-- Only if the check after the first survey shows the IP entries did not match: the exact sender (header From). --]
[#assign fallbackSenders = server.senderAddresses?has_content?then(server.senderAddresses, server.senderDomains)]
[#-- What earlier profile versions listed for this server and this one does not (the render model's `earlier`, when
     the generator knows the history): the upgrade step names those entries for deletion. --]
[#assign earlierNetworks = (earlier.networks)![]]
[#assign earlierSenders = (earlier.senderDomains)![]]
[#assign earlierLinkDomains = (earlier.webDomains)![]]

[#-- The pages each step rests on: Hornetsecurity's Control Panel manual (cp.hornetsecurity.com) and support articles. --]
[#assign doc = {
  "about": "Control Panel manual, \"About Deny & Allow Lists\" (the Allow List only overrides a spam classification; Content, Threat, AdvThreat and Rejected are not delivered): https://cp.hornetsecurity.com/manual/en/partner/cp_html/deny_allow_list/c_about_deny_allow_list.html",
  "addEntry": "Control Panel manual, \"Creating Deny and Allow List Entries\" (scope, Deny & Allow Lists, Add entry; an email address, a domain or an IP address; a domain entry does not apply to subdomains): https://cp.hornetsecurity.com/manual/en/partner/cp_html/deny_allow_list/t_add_entries.html",
  "headerFrom": "Hornetsecurity FAQ \"Setting up the Deny & Allow Lists\" (entries are matched with the header From, not the envelope From; user lists before the domain's; entries can be removed at will): https://faq.hornetsecurity.com/en/support/solutions/articles/9000129863-setting-up-the-deny-allow-lists",
  "ruleset": "Control Panel manual, \"Ruleset Order\" (RBL and mass spam detection, then the Compliance Filter, then the check for malicious content and Content Control, then the allow and deny lists; processing usually ends at the first matching rule): https://cp.hornetsecurity.com/manual/en/partner/cp_html/c_ruleset_order.html",
  "complianceOrder": "Control Panel manual, \"Order of Filter Rules\" (Compliance Filter; once a rule matches, no other rules are applied; rules that categorize as Clean are exceptions for Content Control): https://cp.hornetsecurity.com/manual/en/partner/compliance_filter/c_filter_order_sort.html",
  "spf": "Hornetsecurity support, \"Hornetsecurity Sender Policy Framework (SPF) Filter\" (type 1 checks mail whose sender is one of your own domains; envelope sender, then header sender; the type is set with customer support): https://support.hornetsecurity.com/en/support/solutions/articles/9000059888-hornetsecurity-sender-policy-framework-spf-filter",
  "authExceptions": "Control Panel manual, \"Adding Exceptions\" (Email Authentication: an exception switches the SPF check, DKIM or DMARC validation off for one of your domains; only domains with Spam and Malware Protection can be selected): https://cp.hornetsecurity.com/manual/en/partner/email_authentication/t_add_exception.html",
  "secureLinks": "Hornetsecurity support (German), \"ATP im Detail: Secure Links\" (an allow list entry of the type 'URL (nur für Rewriting)' keeps a domain's links from being rewritten; 'Subdomains berücksichtigen'): https://support.hornetsecurity.com/hc/de/articles/360011312977-ATP-im-Detail-Secure-Links",
  "urlRewritingSupport": "Hornetsecurity support, \"Setting up the URL Rewriting mechanism\" (exceptions through customer support): https://support.hornetsecurity.com/en/support/solutions/articles/9000124607-setting-up-the-url-rewriting-mechanism",
  "liveTracking": "Control Panel manual, \"Email Actions\" (Email Live Tracking; classifications Clean, Infomail, Spam, Content, Threat, AdvThreat; Deliver email adds the header line x-hornetsecurity-delivered:): https://cp.hornetsecurity.com/manual/en/partner/cp_html/email_live_tracking/r_email-actions.html",
  "categories": "Control Panel manual, \"Email Categories\" (Clean, Infomail - newsletters and mail from a sender's IP range that sends regularly -, Spam, Content, Threat, AdvThreat, Rejected): https://cp.hornetsecurity.com/manual/en/partner/cp_html/r_Categories.html",
  "atpEngines": "Control Panel manual, \"Description of the ATP Engines\" (URL Rewriting reroutes a clicked link through the Web Filter; URL Scanning checks the targets of links in attached documents): https://cp.hornetsecurity.com/manual/en/partner/advanced_threat_protection/c_atp_engines.html",
  "falsePositive": "Hornetsecurity support, \"Reporting False Positives and False Negatives\": https://support.hornetsecurity.com/hc/en-us/articles/360012766598-Reporting-False-Positives-and-False-Negatives"
}]
[#include "/_common/say.ftl"]
