[#import "/_common/header.ftl" as h]
[@h.header c=";" title="SPF TXT records that authorise Netigate to send as the customer's domains" apply=[
  "Apply: in the zone of each domain below, REPLACE its existing v=spf1 TXT record with the one here",
  "(never add a second: two v=spf1 records make every SPF check fail with permerror), raise the SOA",
  "serial, check with 'named-checkzone DOMAIN ZONEFILE', then 'rndc reload DOMAIN'.",
  "Undo: put back the existing record quoted above each new one (or delete the record if there was none).",
  "Upgrade (a new profile version, another --spf-mode): generate from the record published now (best with",
  "--existing-spf-from-dns); terms an earlier Netigate version added for this server are taken out (listed",
  "under 'removes:'), so the record converges to what a first run of this version writes. Your own terms stay.",
  "Owner names are absolute (trailing dot), so the lines work in any zone file that holds the domain.",
  "No TTL is given: the zone's $TTL applies.",
  "Dynamic zones (allow-update or update-policy in named.conf): named keeps updates in a journal (.jnl) and",
  "a hand edit of the file while it runs is lost or breaks the zone. Either 'rndc freeze DOMAIN', edit and",
  "raise the serial, 'rndc thaw DOMAIN' (thaw reloads the zone and enables updates again), or make the",
  "change with nsupdate as shown under each record (no file edit, no serial: named raises it). Inline-signed",
  "zones: edit the unsigned file named in named.conf, never the .signed one. (rndc(8): freeze, thaw;",
  "nsupdate(1); BIND 9 ARM, Dynamic Update.)"] /]
;
; SPF (RFC 7208) authorises by the envelope sender (MAIL FROM). For surveys sent with the customer's
; own domain in the header From, receivers judge that From by DKIM and DMARC alignment: see DKIM below.
; Netigate's servers are shared by all of Netigate's customers: once this record includes them, mail any
; Netigate customer sends through them as your domain passes SPF too. Only a DKIM signature with d=your
; domain (a key in your own Netigate account) shows that the customer sent it.
[#if spfMode == "ip"]
; Mode ip: the server's networks as ip4:/ip6: terms.
[#elseif !server.spfInclude?has_content]
; Profile version [=profile.version] gives no SPF include for this server, so its networks are used as ip4:/ip6: terms.
[/#if]
; DKIM: [=profile.dkim.note]
; TLS: [=profile.tls.note]
[#if spfMode == "ip" || !server.spfInclude?has_content]
[@h.ipCaveat c=";" /]
[/#if]
[@h.unknowns c=";" /]
[#list spf as r]

; [=r.domain]
[#if r.existing?has_content]
;   existing: [#list r.existingStrings as s][=zone(s)][#sep] [/#list]
[#else]
;   existing: none given
[/#if]
[#if r.removed?has_content]
;   removes:  [#list r.removed as term][=term][#sep] [/#list]
[/#if]
[#if r.added?has_content]
;   adds:     [#list r.added as term][=term][#sep] [/#list]
[/#if]
[#list r.notes as note]
;   [=note]
[/#list]
;   Dynamic zone, instead of editing the file: save these lines to a file and send them as one batch,
;   nsupdate -k KEYFILE FILE (or nsupdate -l FILE on the primary with update-policy local), so the delete
;   and the add are one update: if a line is refused, nothing is sent and the old record stays
;   (TTL: the zone's default, e.g. 3600):
[#if r.existing?has_content]
;     update delete [=r.domain]. IN TXT [#list r.existingStrings as s][=zone(s)][#sep] [/#list]
[#if r.existingStringsPublished]
;   (the existing record's strings exactly as DNS published them: the delete must match them)
[#else]
;   (the delete matches only the exact strings: above they are split as whitelist-gen splits records; if
;   dig +short TXT [=r.domain]  shows them split elsewhere, write them as it shows them)
[/#if]
[/#if]
;     update add [=r.domain]. 3600 IN TXT [#list r.strings as s][=zone(s)][#sep] [/#list]
;     send
;   then  dig +short TXT [=r.domain]  must show exactly one v=spf1 record.
[#if r.strings?size == 1]
[=r.domain].	IN	TXT	[=zone(r.strings[0])]
[#else]
[=r.domain].	IN	TXT	(
[#list r.strings as s]
	[=zone(s)]
[/#list]
	)
[/#if]
[/#list]
