[#ftl strip_whitespace=true]
[#-- JSON has no comments: provenance and the reproducing command are fields ("generated_by", "profile.source").
     The document's shape is schemas/whitelist-gen-profile.schema.json; change both together. --]
[#macro strings values][#compress][[#list values as v][=json(v)][#sep], [/#list]][/#compress][/#macro]
[#macro text value][#if value?has_content][=json(value)][#else]null[/#if][/#macro]
{
  "format": "whitelist-gen-profile/1",
  "generated_by": {
    "tool": "whitelist-gen",
    "target": [=json(target.name)],
    "command": [=json(command)]
  },
  "vendor": [=json(profile.vendor)],
  "profile": {
    "version": [=json(profile.version)],
    "status": [=json(profile.status)],
    "supersedes": [@text profile.supersedes /],
    "source": {
      "publisher": [@text profile.source.publisher /],
      "title": [@text profile.source.title /],
      "heading": [@text profile.source.heading /],
      "language": [=json(profile.source.language)],
      "dated": [=json(profile.source.dated)],
      "summary": [=json(profile.source.summary)]
    },
    "unknowns": [@strings profile.unknowns /],
    "inferred": [#if profile.inferred?has_content][
[#list profile.inferred as i]
      {"field": [=json(i.field)], "why": [=json(i.why)]}[#sep],[/#sep]
[/#list]
    ][#else][][/#if]
  },
  "server": {
    "id": [=json(server.id)],
    "name": [=json(server.name)],
    "aliases": [@strings server.aliases /],
    "spf_include": [@text server.spfInclude /],
    "ipv4": [@strings server.ipv4Networks?map(n -> n.text) /],
    "ipv6": [@strings server.ipv6Networks?map(n -> n.text) /],
    "networks": [#if server.networks?has_content][
[#list server.networks as network]
      {"cidr": [=json(network.cidr)], "address": [=json(network.address)], "prefix": [=network.prefix?c], "family": [=json(network.ipv4?then("ipv4", "ipv6"))], "last_address": [=json(network.last)]}[#sep],[/#sep]
[/#list]
    ][#else][][/#if],
    "mail_domains": [@strings server.mailDomains /],
    "sender_domains": [@strings server.senderDomains /],
    "sender_addresses": [@strings server.senderAddresses /],
    "web_domains": [@strings server.webDomains /],
    "notes": [@strings server.notes /]
  },
  "customer_domains": [@strings customerDomains /],
  "tls": {
    "inbound_required": [#if profile.tls.said][=profile.tls.inboundRequired?c][#else]null[/#if],
    "note": [=json(profile.tls.note)]
  },
  "dkim": {
    "offered": [#if profile.dkim.said][=profile.dkim.offered?c][#else]null[/#if],
    "selector": [@text profile.dkim.selector /],
    "note": [=json(profile.dkim.note)]
  }
}
