[#-- Values and pages the guide and the CSV share. Barracuda's IP entries have no sender field and its sender policies
     no IP field, so the two cannot be tied: this target exempts Netigate's IPs only and never a sender domain, which
     anyone can write (Barracuda's own advice, IP Analysis - Inbound). Every entry carries the same comment, so upgrade
     and undo find exactly this guide's entries. --]
[#assign entryComment = "Netigate surveys (whitelist-gen)"]
[#-- Both consoles take an address and a netmask (255.255.255.255 for one address); neither page read says how an
     IPv6 address is entered, so an IPv6 network is refused rather than guessed. --]
[#list server.networks as n]
[#if !n.ipv4][#stop "barracuda: Netigate's network " + n.cidr + " is IPv6; Barracuda's pages read for this target give the address-and-netmask form for IPv4 only"][/#if]
[/#list]
[#-- each network's address, netmask and cidr (the render model makes them as the guide reaches each one, never all at once) --]
[#assign exemptions = server.networks]
[#-- What earlier profile versions listed for this server and this one does not (the render model's `earlier`, when
     the generator knows the history): the upgrade step names those entries for removal. --]
[#assign earlierNetworks = (earlier.networks)![]]
[#assign earlierLinkDomains = (earlier.webDomains)![]]

[#-- The pages each step rests on: Barracuda Campus (campus.barracuda.com), for Email Gateway Defense (formerly Email
     Security Service; where the current page could not be read in full, the same page of its predecessor) and for the
     on-premises Email Security Gateway. --]
[#assign doc = {
  "egdIp": "Barracuda Campus, Email Gateway Defense, \"IP Analysis - Inbound\" (Inbound Settings > IP Address Policies; exempt by IP address only, not by domain; a valid starting address with its netmask; the policy with the largest range applies when ranges nest): https://campus.barracuda.com/product/emailgatewaydefense/doc/96023004/ip-analysis-inbound/",
  "egdIpNesting": "Barracuda Campus, Email Gateway Defense, \"IP Analysis - Inbound\" (policies processed from the smallest network bit to the largest): https://campus.barracuda.com/doc/167976813",
  "egdSender": "Barracuda Campus, Email Gateway Defense, \"Sender and Recipient Analysis\" (Sender Policies check the header and the envelope From; exempt senders bypass spam scoring, Intent Analysis and content filters, virus scanning and rate control still apply): https://campus.barracuda.com/doc/96023020/",
  "egdSpf": "Barracuda Campus, Email Gateway Defense, \"How to Configure SPF Policies in Email Gateway Defense\" (Inbound Settings > Sender Authentication; SPF Exemptions by IP Address: IP Address, Netmask, Comment; exempt from SPF enforcement on Hard Fail or Soft Fail; still scanned for spam): https://documentation.campus.barracuda.com/wiki/spaces/EGD/pages/450494480/How+to+Configure+SPF+Policies+in+Email+Gateway+Defense",
  "egdAuth": "Barracuda Campus, Email Gateway Defense, \"Sender Authentication\" (DMARC evaluation takes precedence over SPF, DKIM and their exemptions; an enforcing DMARC policy decides the final action): https://documentation.campus.barracuda.com/wiki/spaces/EGD/pages/2850945/Sender+Authentication",
  "egdLinks": "Barracuda Campus, Email Gateway Defense, \"Understanding Link Protection\" (not rewritten: exempt Sender Policies, Intent Domain Policies set to Ignore, domains Barracuda trusts): https://campus.barracuda.com/product/emailgatewaydefense/doc/96023012/understanding-link-protection",
  "intentVisits": "Barracuda Campus, Email Security Service (Email Gateway Defense's former name) knowledge base, solution 00007546 \"How does INTENT checking work\" (Intent checking finds the URLs in a message and visits them): https://campus.barracuda.com/product/essentials/knowledgebase/501600000014MuaAAE/How+does+INTENT+checking+work+on+the+Barracuda+Email+Security+Service/",
  "intentIgnore": "Barracuda Campus, legacy Barracuda Essentials documentation of the Email Security Service (Email Gateway Defense's former name), \"Intent Domain Policies\" (Ignore: exempt from Intent Analysis and URL Click Protection, not rewritten; abc.com covers its subdomains): https://campus.barracuda.com/doc/78808936/",
  "egdLog": "Barracuda Campus, Email Gateway Defense, Message Log reasons and actions (Overview > Message Log; the Scan Email for Viruses setting on Inbound Settings > Anti-Spam/Antivirus): https://campus.barracuda.com/doc/167976683",
  "esgLog": "Barracuda Campus, Email Security Gateway knowledge base, solution 00001581 (the reason of a blocked message in BASIC > Message Log): https://campus.barracuda.com/product/emailsecuritygateway/knowledgebase/50160000000GT6TAAW/Why+is+mail+being+blocked+by+my+Barracuda+Spam+Firewall+for+reason+of+Intent%3F/",
  "esgIpIn": "Barracuda Campus, Email Security Gateway, \"IP Analysis - Inbound\" (trusted mail servers by IP avoid spam scanning; virus scanning and blocked attachment checks are still enforced; BLOCK/ACCEPT > IP Filters): https://campus.barracuda.com/product/emailsecuritygateway/doc/171802767/ip-analysis-inbound",
  "esgIpOut": "Barracuda Campus, Email Security Gateway, \"IP Analysis Outbound\" (the Allowed IP/Range section of BLOCK/ACCEPT > IP Filters bypasses Rate Control, spam scoring and all other block lists; virus scanning still applies; add IP addresses, not domains): https://campus.barracuda.com/product/emailsecuritygateway/doc/3866724/ip-analysis-outbound/",
  "esgAuth": "Barracuda Campus, Email Security Gateway, \"Sender Authentication\" (Sender Spoof Protection on ADVANCED > Email Protocol, per domain \"Reject messages from my domain\"; not to be enabled when the organization sends from outside its own infrastructure): https://campus.barracuda.com/product/emailsecuritygateway/doc/3866643/sender-authentication/",
  "esgContent": "Barracuda Campus, Email Security Gateway, \"Content Analysis - Inbound\" (all messages except those from senders on the Allow List go through attachment filtering): https://campus.barracuda.com/product/emailsecuritygateway/doc/3866700/content-analysis-inbound"
}]
[#include "/_common/say.ftl"]
