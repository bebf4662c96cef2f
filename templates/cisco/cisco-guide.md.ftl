[#include "_names.ftl"]
[#include "/_common/parts.ftl"]
[#-- The prose comes from bundle_LANG.properties (guide.*), so a bundle shows it in the customer's language. Every
     step cites the page in `doc` (_names.ftl) it rests on; what those pages leave open is said in the text. --]
# [=say("guide.title")] ([=md(server.name)])

[=say("guide.intro")]

[=say("guide.docs")]

[=say("guide.ipcaveat")]

## [=say("guide.step1.heading", {"group": senderGroup})]

[=say("guide.step1.what")]

1. [=say("guide.step1.1")]
2. [=say("guide.step1.2", {"group": senderGroup})]
3. [=say("guide.step1.3")]
4. [=say("guide.step1.4")]
[#list ipList as ip]
   - `[=ip]`
[/#list]
5. [=say("guide.step1.5")]

[=say("guide.step1.cli", {"group": senderGroup})]

[=say("guide.step1.import")]

[=say("guide.source")]: [=doc.senderGroup]; [=doc.senderSyntax]; [=doc.predefined]; [=doc.trusted]; [=doc.hatImport]

## [=say("guide.step2.heading", {"filter": filterName})]

[=say("guide.step2.what")]

1. [=say("guide.step2.1")]
2. [=say("guide.step2.2")]
3. [=say("guide.step2.3", {"filter": filterName})]
4. [=say("guide.step2.4")]

[=say("guide.step2.rule")]

```
if (sendergroup == "^[=senderGroup]$") and ([#list envelopeDomains as d](mail-from == "[=senderRegex(d)]")[#sep] or [/#list])
```

[=say("guide.step2.order", {"filter": filterName})]

[=say("guide.step2.graymail")]

[=say("guide.source")]: [=doc.filtersCli]; [=doc.filterMove]; [=doc.filterOrder]; [=doc.pipeline]; [=doc.filterSyntax]; [=doc.filterRules];
[=doc.sendergroupRegex]; [=doc.sendergroupNote]; [=doc.mailFromCase]; [=doc.regex]; [=doc.skipSpam]; [=doc.skipGraymail]; [=doc.headers]
[#if customerDomains?has_content]

## [=say("guide.step3.heading", {"domains": customerDomains?join(", ")})]

[=say("guide.step3.intro")]

[#list customerDomains as domain]
- [=say("guide.step3.spf", {"domain": domain, "bind": part("bind", "whitelist-gen --target bind --server " + server.id + " --domain " + domain)})]
[/#list]
- [=say("guide.step3.dkim")]
- [=say("guide.step3.dmarc")]
- [=say("guide.step3.spoof", {"group": senderGroup})]
- [=say("guide.step3.exception", {"group": senderGroup})]

[=say("guide.source")]: [=doc.spoofFilter]; [=doc.spoofSenderVerification]; [=doc.exceptionTable]
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

[=say("guide.source")]: [=doc.urlBypass]

## [=say("guide.behind.heading")]

[=say("guide.behind.text", {"m365": part("m365", "whitelist-gen --target m365 --server " + server.id + " --behind cisco"), "google": part("google", "whitelist-gen --target google --server " + server.id)})]

## [=say("guide.verify.heading")]

[=say("guide.verify.text", {"header": headerName + ": " + headerValue})]

## [=say("guide.upgrade.heading")]

[=say("guide.upgrade.text", {"group": senderGroup, "filter": filterName})]
[#if earlierLinkDomains?has_content]

[=say("guide.earlier.linkDomains", {"version": profile.version})]

[#list earlierLinkDomains as d]
- [=say("guide.earlier.linkDomain", {"entry": d.name, "version": d.version})]
[/#list]
[/#if]

## [=say("guide.undo.heading")]

1. [=say("guide.undo.1", {"filter": filterName})]
2. [=say("guide.undo.2", {"group": senderGroup})]
3. [=say("guide.undo.3", {"group": senderGroup})]

---
[=say("guide.footer", {"vendor": md(profile.vendor), "server": md(server.name), "id": server.id, "version": profile.version,
    "status": say("guide.status." + profile.status), "source": profile.source.title?has_content?then(say("guide.article.titled",
    {"publisher": md(profile.source.publisher), "title": md(profile.source.title)}), say("guide.article.heading", {"heading": md(profile.source.heading)})),
    "language": say("guide.language." + profile.source.language)})]
[=say("guide.reproduce")]: `[=command]`
