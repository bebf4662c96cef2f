[#-- Values and pages the guide and the CSV share. Every policy this target makes is one Mimecast policy per sender
     domain, limited to Netigate's IPs in its Source IP Ranges: the domain and the IPs are tied in one policy, and
     neither the header From nor the envelope sender alone gets anything. --]
[#assign narrativePrefix = "Netigate surveys (whitelist-gen)"]
[#function narrative domain][#return narrativePrefix + " " + domain][/#function]
[#-- Mimecast's Source IP Ranges take CIDR notation, a single address with /32 (Mimecast support, Permitted Senders). --]
[#assign sourceRanges = server.networks?map(n -> n.cidr)]
[#assign permitDomains = server.senderDomains + customerDomains]
[#-- What earlier profile versions listed for this server and this one does not (the render model's `earlier`, when
     the generator knows the history): the upgrade step names those values for removal. --]
[#assign earlierNetworks = (earlier.networks)![]]
[#assign earlierSenders = (earlier.senderDomains)![]]
[#assign earlierLinkDomains = (earlier.webDomains)![]]

[#-- The pages each step rests on: Mimecast's support site (mimecastsupport.zendesk.com), its older community
     knowledge base (community.mimecast.com) where the new site's page could not be read in full, and its API
     reference (integrations.mimecast.com). --]
[#assign doc = {
  "permitted": "Mimecast support, \"Policies - Configuring and Managing Permitted Senders\" (Policies | Gateway Policies | Permitted Senders; Permit Sender; messages bypass Spam Scanning, Greylisting and IP Reputation checks; Blocked Sender policies take precedence; single IPs as /32): https://mimecastsupport.zendesk.com/hc/en-us/articles/42979302935955-Policies-Configuring-and-Managing-Permitted-Senders",
  "basics": "Mimecast support, \"Policy Basics\" (Policy Narrative; Emails From and To; Addresses Based On; Envelope (P1) and Header (P2) addresses): https://mimecastsupport.zendesk.com/hc/en-us/articles/34000618348435-Email-Security-Cloud-Gateway-Policy-Basics",
  "addressesBasedOn": "Mimecast support, \"URL Protect - Policy Configuration\" (Addresses Based On: Return Address, Message From Address, or Both - whichever matches; Applies From / To options): https://mimecastsupport.zendesk.com/hc/en-us/articles/34000692448787-Targeted-Threat-Protection-URL-Protect-Policy-Configuration",
  "validity": "Mimecast support, \"Mimecast Policy Validity\" (enable, perpetual, Policy Override, Bi-Directional, Source IP Ranges): https://mimecastsupport.zendesk.com/hc/en-us/articles/34000805058579-Email-Security-Cloud-Gateway-Mimecast-Policy-Validity",
  "overview": "Mimecast support, \"Policies - Gateway Policies Overview\" (a change can take up to five minutes to propagate): https://mimecastsupport.zendesk.com/hc/en-us/articles/34000376923795-Policies-Gateway-Policies-Overview",
  "virus": "Mimecast knowledge base, \"Default Connect Policies\" (a Permitted Sender always bypasses the content-based spam checks, but virus scanning still applies): https://community.mimecast.com/docs/DOC-1645",
  "dnsAuth": "Mimecast knowledge base, \"DNS Authentication - Inbound Checks\" (inbound SPF, DKIM and DMARC checks run regardless of Auto Allow or Permitted Sender entries): https://community.mimecast.com/docs/DOC-2546",
  "dnsAuthDefinition": "Mimecast support, \"Policies - Configuring DNS Authentication Definition\" (Verify SPF, DKIM and DMARC for inbound mail): https://mimecastsupport.zendesk.com/hc/en-us/articles/34000340541587",
  "antiSpoofing": "Mimecast support, \"Policies - Configuring Anti-Spoofing\" (external mail claiming an internal domain is blocked; a Take No Action policy allows legitimately spoofed mail restricted to the source IPs): https://mimecastsupport.zendesk.com/hc/en-us/articles/34000743640851-Policies-Configuring-Anti-Spoofing",
  "spfBypass": "Mimecast support, \"Anti-Spoofing SPF-Based Bypass\" (no Anti-Spoofing policy applies when the connecting IP passes the SPF record of a listed domain; only one such policy can apply to a mail flow; records with 10 or more terms are not evaluated): https://mimecastsupport.zendesk.com/hc/en-us/articles/34000752076563-Email-Security-Cloud-Gateway-Anti-Spoofing-SPF-Bypass",
  "apiSpfBypass": "Mimecast API reference, \"Create Anti-Spoofing SPF Bypass Policy\" (/api/policy/antispoofing-bypass/create-policy creates an Anti-Spoofing SPF based Bypass policy, option enable_bypass or disable_bypass; conditions spfDomains, hostnames, sourceIPs): https://integrations.mimecast.com/documentation/endpoint-reference/policies/antispoofing-spf-bypass/create-policy",
  "apiGateways": "Mimecast support, \"API & Integrations - Enhancing API Gateway Resilience\" (API gateways: global api.services.mimecast.com, UK instance uk-api.services.mimecast.com, US instance us-api.services.mimecast.com; a regional one keeps data in that region): https://mimecastsupport.zendesk.com/hc/en-us/articles/41019270938643-API-Integrations-Enhancing-API-Gateway-Resilience-Jun-2025",
  "apiResponses": "Mimecast API reference, \"Response Codes\" (HTTP 200 does not mean that the requested action was successful; function-level success or failure is in the response body): https://www.mimecast.com/tech-connect/documentation/api-overview/response-code/",
  "apiClient": "Cortex XSOAR, Mimecast v2 integration (API 2.0: client credentials at /oauth/token, then the same /api/policy/antispoofing-bypass/ paths with a bearer token; demisto/content, Packs/MimecastV2/Integrations/MimecastV2/MimecastV2.py): https://xsoar.pan.dev/docs/reference/integrations/mimecast-v2",
  "managedUrls": "Mimecast support, \"URL Protect - Managed URLs\" (Services | URL Protection | URL Tools | Managed URLs; Permitted; Disable Rewriting For This Entry): https://mimecastsupport.zendesk.com/hc/en-us/articles/34000414469267-Targeted-Threat-Protection-URL-Protect-Managed-URLs",
  "urlDefinition": "Mimecast support, \"URL Protect - Configuring URL Protect Definitions\" (rewrite modes for inbound mail): https://mimecastsupport.zendesk.com/hc/en-us/articles/34000589915155-Targeted-Threat-Protection-URL-Protect-Configuring-URL-Protect-Definitions",
  "tracking": "Mimecast support, \"Message Tracking\" (Message Center | Message Tracking; a message's processing and current state, e.g. greylisted, then accepted): https://mimecastsupport.zendesk.com/hc/en-us/articles/34000759692947-Message-Tracking",
  "details": "Mimecast support, \"Managing Message Details\" (the Message Details panel: metadata and transmission information, spam scores): https://mimecastsupport.zendesk.com/hc/en-us/articles/34000710750611-Email-Security-Cloud-Gateway-Managing-Message-Details"
}]
[#include "/_common/say.ftl"]
