[#include "_names.ftl"]
[#include "/_common/parts.ftl"]
[#-- The prose comes from bundle_LANG.properties (guide.*), so a bundle shows it in the customer's language. Every
     step cites the page in `doc` (_names.ftl) it rests on; what those pages leave open is said in the text. --]
# [=say("guide.title")] ([=md(server.name)])

[=say("guide.intro")]

[=say("guide.docs")]

[=say("guide.ipcaveat")]

[=say("guide.which")][#if !inBundle()] [=say("guide.which.checkMx", {"checkMx": "whitelist-gen check mx --domain DOMAIN"})][/#if]

## [=say("guide.a.heading")]

### [=say("guide.a1.heading")]

1. [=say("guide.a1.1")]
2. [=say("guide.a1.2", {"id": routeId, "description": routeDescription})]
3. [=say("guide.a1.3")]
[#list server.networks as n]
   - **Sender IP Address** **Equals** `[=n.address]`
[/#list]
4. [=say("guide.a1.4")]

[=say("guide.source")]: [=doc.ppsSafelisting]

### [=say("guide.a2.heading")]

1. [=say("guide.a2.1")]
2. [=say("guide.a2.2", {"id": routeId})]
3. [=say("guide.a2.3")]

[=say("guide.source")]: [=doc.ppsSafelisting]

### [=say("guide.a.stays.heading")]

[=say("guide.a.stays")]

[=say("guide.a.notTied")]
[#if customerDomains?has_content]

### [=say("guide.a3.heading", {"domains": customerDomains?join(", ")})]

[=say("guide.a3.text", {"id": routeId})]

[=say("guide.source")]: [=doc.ppsSafelisting]
[/#if]

## [=say("guide.b.heading")]

### [=say("guide.b1.heading")]

1. [=say("guide.b1.1")]
2. [=say("guide.b1.2")]

```
[#list server.networks as n]
[=n.address]
[/#list]
```

3. [=say("guide.b1.3")]

[=say("guide.b1.caveat")]

[=say("guide.source")]: [=doc.essSenderLists]; [=doc.essSetup]

### [=say("guide.b.stays.heading")]

[=say("guide.b.stays")]

[=say("guide.source")]: [=doc.essOrder]; [=doc.essMailFlow]; [=doc.essSenderLists]; [=doc.essSpoofDetection]; [=doc.essAntiSpoofing]
[#if customerDomains?has_content]

### [=say("guide.b2.heading", {"domains": customerDomains?join(", ")})]

[=say("guide.b2.text")]

[=say("guide.source")]: [=doc.essSpoofDetection]; [=doc.essAntiSpoofing]
[/#if]
[#if customerDomains?has_content]

## [=say("guide.auth.heading", {"domains": customerDomains?join(", ")})]

[=say("guide.auth.intro")]

[#list customerDomains as domain]
- [=say("guide.auth.spf", {"domain": domain, "bind": part("bind", "whitelist-gen --target bind --server " + server.id + " --domain " + domain)})]
[/#list]
- [=say("guide.auth.dkim")]
[#else]

## [=say("guide.scenario2.absent.heading")]

[=say("guide.scenario2.absent", {"again": say(inBundle()?then("guide.again.bundle", "guide.again.command"))})]
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

[=say("guide.source")]: [=doc.essUrlDefense]

## [=say("guide.behind.heading")]

[=say("guide.behind.text", {"m365": part("m365", "whitelist-gen --target m365 --server " + server.id + " --behind proofpoint"), "google": part("google", "whitelist-gen --target google --server " + server.id)})]

## [=say("guide.verify.heading")]

[=say("guide.verify.text")]

[=say("guide.source")]: [=doc.essSenderLists]; [=doc.essLogs]; [=doc.essSetup]

## [=say("guide.upgrade.heading")]

[=say("guide.upgrade.text", {"id": routeId})]
[#if earlierNetworks?has_content || earlierLinkDomains?has_content]

[=say("guide.earlier.text", {"version": profile.version})]

[#list earlierNetworks as n]
- [=say("guide.earlier.network", {"entry": n.text, "version": n.version, "id": routeId})]
[/#list]
[#list earlierLinkDomains as d]
- [=say("guide.earlier.linkDomain", {"entry": d.name, "version": d.version})]
[/#list]
[/#if]

## [=say("guide.undo.heading")]

1. [=say("guide.undo.1", {"id": routeId})]
2. [=say("guide.undo.2")]
3. [=say("guide.undo.3")]

---
[=say("guide.footer", {"vendor": md(profile.vendor), "server": md(server.name), "id": server.id, "version": profile.version,
    "status": say("guide.status." + profile.status), "source": profile.source.title?has_content?then(say("guide.article.titled",
    {"publisher": md(profile.source.publisher), "title": md(profile.source.title)}), say("guide.article.heading", {"heading": md(profile.source.heading)})),
    "language": say("guide.language." + profile.source.language)})]
[=say("guide.reproduce")]: `[=command]`
