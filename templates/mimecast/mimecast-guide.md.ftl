[#include "_names.ftl"]
[#include "/_common/parts.ftl"]
[#-- The prose comes from bundle_LANG.properties (guide.*), so a bundle shows it in the customer's language. Every
     step cites the page in `doc` (_names.ftl) it rests on; what those pages leave open is said in the text. --]
# [=say("guide.title")] ([=md(server.name)])

[=say("guide.intro")]

[=say("guide.docs")]

[=say("guide.ipcaveat")]

## [=say("guide.step1.heading")]

[=say("guide.step1.what")]

1. [=say("guide.step1.1")]
2. [=say("guide.step1.2")]
3. [=say("guide.step1.3")]
   - [=say("guide.field.narrative")]: `[=narrative("DOMAIN")]`
   - [=say("guide.field.option")]: **Permit Sender**
   - [=say("guide.field.basedOn")]: **Both**
   - [=say("guide.field.from")]: **Email Domain**, [=say("guide.field.specifically")]: `DOMAIN`
   - [=say("guide.field.to")]: **Internal Addresses**
   - [=say("guide.field.validity")]
   - [=say("guide.field.ranges")]:
[#list sourceRanges as range]
     - `[=range]`
[/#list]
4. [=say("guide.step1.4")]

[=say("guide.step1.domains")]

[#list permitDomains as d]
- `[=d]`: `[=narrative(d)]`
[/#list]

[=say("guide.step1.default")]

[=say("guide.source")]: [=doc.permitted]; [=doc.basics]; [=doc.addressesBasedOn]; [=doc.validity]; [=doc.overview]

## [=say("guide.step2.heading")]

[=say("guide.step2.text")]

[=say("guide.source")]: [=doc.permitted]; [=doc.virus]; [=doc.dnsAuth]
[#if customerDomains?has_content]

## [=say("guide.step3.heading", {"domains": customerDomains?join(", ")})]

[=say("guide.step3.intro")]

1. [=say("guide.step3.1")]
   - [=say("guide.field.narrative")]: `[=narrative("DOMAIN")]`
   - [=say("guide.field.option")]: **Take No Action**
   - [=say("guide.field.basedOn")]: **Both**
   - [=say("guide.field.from")]: **Email Domain**, [=say("guide.field.specifically")]: `DOMAIN`
   - [=say("guide.field.to")]: **Internal Addresses**
   - [=say("guide.field.validity")]
   - [=say("guide.field.ranges")]:
[#list sourceRanges as range]
     - `[=range]`
[/#list]
2. [=say("guide.step3.2")]

[#list customerDomains as d]
- `[=d]`: `[=narrative(d)]`
[/#list]

[=say("guide.step3.auth")]

[#list customerDomains as domain]
- [=say("guide.step3.spf", {"domain": domain, "bind": part("bind", "whitelist-gen --target bind --server " + server.id + " --domain " + domain)})]
[/#list]
- [=say("guide.step3.dkim")]
- [=say("guide.step3.dmarc")]

[#if server.spfInclude?has_content]
[=say("guide.step3.api", {"spf": server.spfInclude, "prefix": narrativePrefix})]
[#else]
[=say("guide.step3.apiNoInclude", {"prefix": narrativePrefix})]
[/#if]

[=say("guide.source")]: [=doc.antiSpoofing]; [=doc.validity]; [=doc.dnsAuth]; [=doc.dnsAuthDefinition]; [=doc.spfBypass]; [=doc.apiSpfBypass]; [=doc.apiClient][#if server.spfInclude?has_content]; [=doc.apiGateways]; [=doc.apiResponses][/#if]
[#else]

## [=say("guide.step3.absent.heading")]

[=say("guide.step3.absent", {"again": say(inBundle()?then("guide.again.bundle", "guide.again.command"))})]
[/#if]

## [=say("guide.links.heading")]

[=say("guide.links.text")]
[#if server.webDomains?has_content]

[=say("guide.links.domains")]

[#list server.webDomains as domain]
- `[=domain]`
[/#list]
[#else]

[=say("guide.links.none")]
[/#if]

[=say("guide.source")]: [=doc.urlDefinition]; [=doc.managedUrls]

## [=say("guide.behind.heading")]

[=say("guide.behind.text", {"m365": part("m365", "whitelist-gen --target m365 --server " + server.id + " --behind mimecast"), "google": part("google", "whitelist-gen --target google --server " + server.id)})]

## [=say("guide.verify.heading")]

[=say("guide.verify.text")]

[=say("guide.source")]: [=doc.tracking]; [=doc.details]

## [=say("guide.upgrade.heading")]

[=say("guide.upgrade.text", {"prefix": narrativePrefix})] [=say("guide.upgrade.script")]
[#if earlierNetworks?has_content || earlierSenders?has_content || earlierLinkDomains?has_content]

[=say("guide.earlier.text", {"version": profile.version})]

[#list earlierNetworks as n]
- [=say("guide.earlier.network", {"entry": n.cidr, "version": n.version})]
[/#list]
[#list earlierSenders as d]
- [=say("guide.earlier.sender", {"entry": narrative(d.name), "version": d.version})]
[/#list]
[#list earlierLinkDomains as d]
- [=say("guide.earlier.linkDomain", {"entry": d.name, "version": d.version})]
[/#list]
[/#if]

## [=say("guide.undo.heading")]

1. [=say("guide.undo.1", {"prefix": narrativePrefix})]
2. [=say("guide.undo.2", {"prefix": narrativePrefix})]
3. [=say("guide.undo.script", {"prefix": narrativePrefix})]
4. [=say("guide.undo.3")]

---
[=say("guide.footer", {"vendor": md(profile.vendor), "server": md(server.name), "id": server.id, "version": profile.version,
    "status": say("guide.status." + profile.status), "source": profile.source.title?has_content?then(say("guide.article.titled",
    {"publisher": md(profile.source.publisher), "title": md(profile.source.title)}), say("guide.article.heading", {"heading": md(profile.source.heading)})),
    "language": say("guide.language." + profile.source.language)})]
[=say("guide.reproduce")]: `[=command]`
