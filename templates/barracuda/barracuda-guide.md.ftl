[#include "_names.ftl"]
[#include "/_common/parts.ftl"]
[#-- The prose comes from bundle_LANG.properties (guide.*), so a bundle shows it in the customer's language. Every
     step cites the page in `doc` (_names.ftl) it rests on; what those pages leave open is said in the text. --]
# [=say("guide.title")] ([=md(server.name)])

[=say("guide.intro")]

[=say("guide.docs")]

[=say("guide.ipcaveat")]

## [=say("guide.egd.heading")]

1. [=say("guide.egd.1")]
2. [=say("guide.egd.2")]
3. [=say("guide.egd.3", {"comment": entryComment})]

| [=say("guide.field.address")] | [=say("guide.field.netmask")] | [=say("guide.field.policy")] | [=say("guide.field.comment")] |
| --- | --- | --- | --- |
[#list exemptions as e]
| `[=e.address]` | `[=e.netmask]` | **Exempt** | `[=entryComment]` |
[/#list]

[=say("guide.egd.nesting")]

[=say("guide.source")]: [=doc.egdIp]; [=doc.egdIpNesting]

## [=say("guide.esg.heading")]

1. [=say("guide.esg.1")]
2. [=say("guide.esg.2", {"comment": entryComment})]

| [=say("guide.field.address")] | [=say("guide.field.netmask")] | [=say("guide.field.comment")] |
| --- | --- | --- |
[#list exemptions as e]
| `[=e.address]` | `[=e.netmask]` | `[=entryComment]` |
[/#list]

[=say("guide.source")]: [=doc.esgIpIn]; [=doc.esgIpOut]

## [=say("guide.untied.heading")]

[=say("guide.untied.text")]

[=say("guide.source")]: [=doc.egdIp]; [=doc.egdSender]; [=doc.esgIpOut]

## [=say("guide.on.heading")]

[=say("guide.on.text")]

[=say("guide.source")]: [=doc.egdIp]; [=doc.egdSender]; [=doc.egdLog]; [=doc.egdLinks]; [=doc.esgIpIn]; [=doc.esgIpOut]; [=doc.esgContent]
[#if customerDomains?has_content]

## [=say("guide.s2.heading", {"domains": customerDomains?join(", ")})]

[=say("guide.s2.intro")]

[#list customerDomains as domain]
- [=say("guide.s2.spf", {"domain": domain, "bind": part("bind", "whitelist-gen --target bind --server " + server.id + " --domain " + domain)})]
[/#list]
- [=say("guide.s2.dkim")]

[=say("guide.s2.egd", {"comment": entryComment})]

| [=say("guide.field.address")] | [=say("guide.field.netmask")] | [=say("guide.field.comment")] |
| --- | --- | --- |
[#list exemptions as e]
| `[=e.address]` | `[=e.netmask]` | `[=entryComment]` |
[/#list]

[=say("guide.s2.egdCost")]

[=say("guide.s2.esg")]

[=say("guide.source")]: [=doc.egdSpf]; [=doc.egdAuth]; [=doc.egdSender]; [=doc.esgAuth]
[#else]

## [=say("guide.s2.absent.heading")]

[=say("guide.s2.absent", {"again": say(inBundle()?then("guide.again.bundle", "guide.again.command"))})]
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

[=say("guide.source")]: [=doc.egdLinks]; [=doc.intentVisits]; [=doc.intentIgnore]

## [=say("guide.behind.heading")]

[=say("guide.behind.text", {"m365": part("m365", "whitelist-gen --target m365 --server " + server.id + " --behind barracuda"), "google": part("google", "whitelist-gen --target google --server " + server.id)})]

## [=say("guide.verify.heading")]

[=say("guide.verify.text")]

[=say("guide.source")]: [=doc.egdLog]; [=doc.esgLog]

## [=say("guide.upgrade.heading")]

[=say("guide.upgrade.text", {"comment": entryComment})]
[#if earlierNetworks?has_content || earlierLinkDomains?has_content]

[=say("guide.earlier.text", {"version": profile.version})]

[#list earlierNetworks as n]
- [=say("guide.earlier.network", {"entry": n.cidr, "version": n.version})]
[/#list]
[#list earlierLinkDomains as d]
- [=say("guide.earlier.linkDomain", {"entry": d.name, "version": d.version})]
[/#list]
[/#if]

## [=say("guide.undo.heading")]

1. [=say("guide.undo.1", {"comment": entryComment})]
2. [=say("guide.undo.2", {"comment": entryComment})]
3. [=say("guide.undo.3")]

---
[=say("guide.footer", {"vendor": md(profile.vendor), "server": md(server.name), "id": server.id, "version": profile.version,
    "status": say("guide.status." + profile.status), "source": profile.source.title?has_content?then(say("guide.article.titled",
    {"publisher": md(profile.source.publisher), "title": md(profile.source.title)}), say("guide.article.heading", {"heading": md(profile.source.heading)})),
    "language": say("guide.language." + profile.source.language)})]
[=say("guide.reproduce")]: `[=command]`
