[#-- The README of a support bundle (whitelist-gen bundle), in the customer's language. Every word comes from
     bundle_<lang>.properties beside this file and in each target's folder; only the layout is here. --]
# [=m.title]

[=m.intro]

- **[=m.label_server]:** [=md(server.name)] (`[=server.id]`)[#if server.hosts?has_content]; [=m.server_hint] [#list server.hosts as host]`[=host]`[#sep], [/#list][/#if]
- **[=m.label_domains]:** [#list customerDomains as domain]`[=domain]`[#sep], [#else][=m.no_domains][/#list]
- **[=m.label_profile]:** [=m.label_version] [=profile.version] ([=m["status_" + profile.status]]), [#if profile.source.title?has_content][=m.from_article?replace("{publisher}", md(profile.source.publisher))?replace("{title}", md(profile.source.title))?replace("{language}", m["language_" + profile.source.language]!profile.source.language)][#else][=m.from_heading?replace("{heading}", md(profile.source.heading))?replace("{language}", m["language_" + profile.source.language]!profile.source.language)][/#if]
- **[=m.label_command]:** `[=command]`
[#if behind?has_content]
[#-- bundle --behind GATEWAY: the gateway's part first, then the mailbox system's (issue 29) --]
[#assign gatewayParts = targets?filter(t -> t.name == behind)]
[#assign jsonParts = targets?filter(t -> t.name == "json")]
[#assign mailboxParts = targets?filter(t -> t.name == "m365" || t.name == "google")]

## [=m.behind_heading]

[=m.behind_intro]

1. [=m.behind_first?replace("{part}", gatewayParts?has_content?then("`" + behind + "/` (" + gatewayParts[0].title + ")",
    (behind == "other" && jsonParts?has_content)?then(m.behind_other, m.part_ask)))]
[#if mailboxParts?has_content]
2. [=m.behind_then?replace("{parts}", mailboxParts?map(t -> "`" + t.name + "/`")?join(" " + m.or + " "))]
[#else]
2. [=m.behind_then_missing]
[/#if]
[/#if]

## [=m.heading_check]

[=m.check_text]

    sha256sum -c SHA256SUMS

[=m.unblock_text]

## [=m.heading_scenarios]

1. [=m.scenario1][#if server.senderAddresses?has_content] ([#list server.senderAddresses as address]`[=address]`[#sep], [/#list])[/#if].
2. [=m.scenario2] [=m.scope_note]

[=m.principle]

[#if !behind?has_content]
[=m.gateway_note]

[/#if]
[=m.dkim_note]

[=m.support]

## [=m.heading_contents]

| [=m.column_file] | [=m.column_what] |
| --- | --- |
| `README.md` | [=m.file_readme] |
[#list targets as t]
[#list t.files as f]
| `[=f.path]` | [=f.description] |
[/#list]
[/#list]
| `SHA256SUMS` | [=m.file_checksums] |
[#list targets as t]

## [=t.title] — `[=t.name]/`

**[=m.label_scenario]:** [=t.scenario]

**[=m.label_apply]:**

[=t.apply]

**[=m.label_undo]:**

[=t.undo]
[/#list]
[#if skipped?has_content]

## [=m.heading_skipped]

[#list skipped as s]
- `[=s.name]`: [=m.skipped_needs_domain]
[/#list]
[/#if]

