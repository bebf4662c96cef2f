[#include "_names.ftl"]
[#-- The prose comes from bundle_LANG.properties (guide.*), so a bundle shows it in the customer's language. Sources,
     checked for each claim:
     - approved senders, "Authentication required", From header only, spam still possible, DMARC still applies:
       https://support.google.com/a/answer/2368132 (Customize spam filter settings); "Create or edit list" opens
       "Manage address lists" in a new browser tab, then back to the setting's tab:
       https://support.google.com/a/answer/2364632 (same dialog for Blocked senders)
     - German console labels: see the comment at the top of bundle_de.properties; Swedish ones were not verifiable
       and are given as translations (bundle_sv.properties)
     - Email allowlist: top-level only, CIDR ranges accepted, up to 24 hours, ignored for Inbound gateway IPs:
       https://support.google.com/a/answer/60751 ; warning banner: https://support.google.com/a/answer/60752
     - Gmail "Settings" admin privilege: https://support.google.com/a/answer/6395507
     - Inbound gateway: https://support.google.com/a/answer/60730
     - the Policy API creates and changes settings too (POST /v1/policies), for those marked "Mutate supported":
       https://cloud.google.com/identity/docs/reference/rest/v1/policies/create ,
       https://cloud.google.com/identity/docs/concepts/overview-policies (super administrators only; its note on the
       "Mutate supported" column of https://cloud.google.com/identity/docs/concepts/supported-policy-api-settings)
     - the Swedish article's caveat on IPs (step 2): the profile's source, version 2 --]
# [=say("guide.title")] ([=md(server.name)])

[=say("guide.intro")]

[=say("guide.source")]: Cloud Identity Policy API, [=say("guide.cite", {"title": "Method: policies.create"})], https://cloud.google.com/identity/docs/reference/rest/v1/policies/create;
[=say("guide.cite", {"title": "Policy API supported settings"})], https://cloud.google.com/identity/docs/concepts/supported-policy-api-settings

[=say("guide.labels")]

## [=say("guide.step1.heading")]

[=say("guide.step1.what")]
[#if !customerDomains?has_content]

[=say("guide.step1.own_domain")]
[/#if]

1. [=say("guide.step1.1")]
2. [=say("guide.step1.2")]
3. [=say("guide.step1.3", {"rule": ruleName})]
4. [=say("guide.step1.4")]
5. [=say("guide.step1.5", {"list": addressListName})]
6. [=say("guide.step1.6")]
[#list server.senderDomains as domain]
   - `[=domain]`
[/#list]
7. [=say("guide.step1.7", {"list": addressListName})]

[=say("guide.source")]: Google Workspace Admin Help, [=say("guide.cite", {"title": "Customize spam filter settings"})], https://support.google.com/a/answer/2368132;
[=say("guide.cite", {"title": "Delegate administrator privileges in Gmail"})], https://support.google.com/a/answer/6395507
[#if ipAllowList]

## [=say("guide.step2.heading")]

[=say("guide.step2.what")]

1. [=say("guide.step2.1")]
2. [=say("guide.step2.2")]
3. [=say("guide.step2.3")]

   ```
   [=allowlistValue]
   ```

4. [=say("guide.step2.4")]

[=say("guide.step2.caveat")]

[=say("guide.step2.gateway")]

[=say("guide.source")]: Google Workspace Admin Help, [=say("guide.cite", {"title": "Add IP addresses to allowlists in Gmail"})], https://support.google.com/a/answer/60751;
[=say("guide.cite", {"title": "Allowlists, denylists, and approved senders"})] (warning banner), https://support.google.com/a/answer/60752
[#else]

## [=say("guide.step2.absent.heading")]

[=say("guide.step2.absent", {"command": command})]

[=say("guide.source")]: Google Workspace Admin Help, [=say("guide.cite", {"title": "Add IP addresses to allowlists in Gmail"})], https://support.google.com/a/answer/60751
[/#if]

[#if earlierNetworks?has_content || earlierSenders?has_content]
## [=say("guide.earlier.heading")]

[=say("guide.earlier.text", {"version": profile.version})]

[#list earlierNetworks as n]
- [=say("guide.earlier.network", {"entry": n.text, "version": n.version})]
[/#list]
[#list earlierSenders as d]
- [=say("guide.earlier.sender", {"entry": d.name, "version": d.version})]
[/#list]

[/#if]
## [=say("guide.gateway.heading")]

[#-- in the bundle of a customer behind a gateway (bundle --behind), the gateway's part is right there --]
[=say("guide.gateway.text", {"gatewayPart": (inBundle() && bundle.behind?has_content && partState(bundle.behind) == "here")
    ?then(part(bundle.behind, ""), say("guide.gateway.contact"))})]

[=say("guide.source")]: Google Workspace Admin Help, [=say("guide.cite", {"title": "Set up an inbound mail gateway"})], https://support.google.com/a/answer/60730
[#if customerDomains?has_content]

## [=say("guide.step3.heading", {"domains": customerDomains?join(", ")})]

[=say("guide.step3.intro")]

[#list customerDomains as domain]
- [=say("guide.step3.spf", {"domain": domain, "term": spfTerms})]
[/#list]
- [=say("guide.step3.dkim")]
[/#if]

## [=say("guide.verify.heading")]

[=say("guide.verify.text")]

[=say("guide.source")]: Cloud Identity Policy API, [=say("guide.cite", {"title": "Method: policies.list"})], https://cloud.google.com/identity/docs/reference/rest/v1/policies/list;
CISA ScubaGoggles (scubagoggles/policy_api.py, parsers/gmail_rules_parser.py), https://github.com/cisagov/ScubaGoggles
[#if ipAllowList]

[=say("guide.verify.allowlist", {"ips": ipList(", ")})]
[/#if]

## [=say("guide.undo.heading")]

[#if ipAllowList]
1. [=say("guide.undo.allowlist", {"ips": ipList(", ")})]
2. [=say("guide.undo.spam", {"rule": ruleName, "list": addressListName})]
[#else]
1. [=say("guide.undo.spam", {"rule": ruleName, "list": addressListName})]
[/#if]

---
[=say("guide.footer", {"vendor": md(profile.vendor), "server": md(server.name), "id": server.id, "version": profile.version,
    "status": say("guide.status." + profile.status), "source": profile.source.title?has_content?then(say("guide.article.titled",
    {"publisher": md(profile.source.publisher), "title": md(profile.source.title)}), say("guide.article.heading", {"heading": md(profile.source.heading)})),
    "language": say("guide.language." + profile.source.language)})]
[=say("guide.reproduce")]: `[=command]`
