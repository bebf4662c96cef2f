[#-- How a guide names another target's part (issue 29). Outside a bundle: the command that writes it. In a bundle,
     whose reader has no whitelist-gen: that part's main file in the bundle, or, where the bundle lacks the target, the
     Netigate contact. The model's `bundle` (empty outside one) holds the bundle's targets and both phrases in its
     language (templates/_bundle/bundle_LANG.properties: part_here, part_ask). --]
[#assign partFiles = {"m365": "Install-NetigateAllowlist.ps1", "google": "google-workspace-guide.md", "bind": "spf-records.zone",
    "json": "netigate-profile.json", "barracuda": "barracuda-guide.md", "cisco": "cisco-guide.md",
    "hornetsecurity": "hornetsecurity-guide.md", "mimecast": "mimecast-guide.md", "proofpoint": "proofpoint-guide.md"}]
[#-- TARGET/FILE: the file a reader opens first for that target's part. --]
[#function partFile target]
[#return target + "/" + partFiles[target]]
[/#function]
[#-- Whether these files go into a bundle, whose reader runs no whitelist-gen command. --]
[#function inBundle]
[#return bundle.targets??]
[/#function]
[#-- "command" (not in a bundle), "here" (the bundle holds the target) or "ask" (it does not). --]
[#function partState target]
[#if !inBundle()][#return "command"][/#if]
[#return bundle.targets?seq_contains(target)?then("here", "ask")]
[/#function]
[#-- Markdown: `command`, or `TARGET/FILE` in this package, or ask the Netigate contact (in the bundle's language). --]
[#function part target command]
[#local state = partState(target)]
[#if state == "command"][#return "`" + command + "`"][/#if]
[#if state == "here"][#return bundle.here?replace("{path}", partFile(target))][/#if]
[#return bundle.ask]
[/#function]
