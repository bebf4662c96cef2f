[#import "/_common/header.ftl" as h]
[#import "/_common/powershell.ftl" as p]
[#include "_names.ftl"]
[#include "_parts.ftl"]
[#assign changes = [
  "Run in Windows PowerShell 5.1 or PowerShell 7 as an Exchange administrator, from this folder:",
  "    .\\Install-NetigateAllowlist.ps1 -WhatIf     (shows what it would change, changes nothing)",
  "    .\\Install-NetigateAllowlist.ps1             (names the tenant and asks before changing it; a second run changes nothing)",
  "    .\\Install-NetigateAllowlist.ps1 -Mode Audit (the rule only logs what it would do, as Microsoft recommends before enforcing)",
  "    .\\Test-NetigateAllowlist.ps1                (read-only report: what is done, not done, not checkable)",
  "    .\\Remove-NetigateAllowlist.ps1             (undo: removes what the install recorded adding, of any version)",
  "Needs the ExchangeOnlineManagement module 3.0 or later. Connects only when no Exchange Online session is open",
  "(a Security & Compliance session, or one opened with -Prefix, does not count), prints the tenant (name, TenantID,",
  "delegated organization, user) and asks before the first change; -Confirm:$false skips the question. Every",
  "Exchange command runs with -ErrorAction Stop: the first error stops the script. A transcript",
  "(Install-NetigateAllowlist-DATE.log) is written beside the script.",
  "Files downloaded from a ticket or a zip carry Windows' internet mark, and the RemoteSigned execution policy",
  "refuses them: run  Get-ChildItem *.ps1 | Unblock-File  in this folder first",
  "(https://learn.microsoft.com/powershell/module/microsoft.powershell.utility/unblock-file).",
  "What it changes, and what that weakens:"]]
[#if behindGateway]
[#assign changes = changes + [
  "  - --behind " + behind + ": your MX points to the gateway, so Exchange Online sees the gateway's IP. The script turns on",
  "    Enhanced Filtering for Connectors on the gateway's inbound connector (skip listing the gateway's IPs, given",
  "    with -GatewayIP or read from the connector's SenderIPAddresses; -SkipLastIP skips the last hop instead), so",
  "    that Exchange Online's filtering judges the real source. It adds no SCL -1 rule: Microsoft says a rule that",
  "    makes messages skip filtering after they pass such a connector must be disabled once Enhanced Filtering is",
  "    on. The mail flow rule '" + ruleName + "' is kept DISABLED, only as the record of what the",
  "    install added. Allowlist Netigate in the gateway itself (that part is not this script's)."]]
[#else]
[#assign changes = changes + [
  "  - mail flow rule '" + ruleName + "': SCL -1 (Microsoft: it \"requests a bypass from most spam",
  "    filtering\") only when the connecting IP is one of " + ips?join(", ") + " AND the sender domain",
  "    (header From; -SenderAddressLocation Header) is " + server.senderDomains?join(", ") + " or any subdomain of it",
  "    (SenderDomainIs matches subdomains too). With your MX at Microsoft 365, secure by default still quarantines",
  "    malware and high-confidence phishing; with an MX elsewhere Microsoft says such a bypass rule \"can result in",
  "    the delivery of messages detected as high confidence phishing\". The script reads the MX of each accepted",
  "    domain and says which applies. Any other sender on these IPs, or these domains from any other IP, is",
  "    filtered as before. -Mode Audit installs it in audit mode; a later run without it enforces.",
  "  - If an MX points to a filtering gateway, Exchange Online sees the gateway's IP, not Netigate's, and the rule",
  "    never matches: the script says so from the MX and the inbound connectors and names the fix",
  "    (regenerate with --behind GATEWAY). It changes no connector of yours."]]
[/#if]
[#if tlsConnector]
[#assign changes = changes + [
  "  - inbound Partner connector '" + connectorName + "' for sender domains " + server.senderDomains?join(", "),
  "    (those exact domains, not their subdomains, while the rule's SenderDomainIs includes subdomains: TLS is",
  "    required of the domains Netigate names) with RequireTls: mail from them that arrives without TLS is",
  "    rejected. Relaxes nothing."]]
[/#if]
[#if ipAllowList]
[#assign changes = changes + [
  "  - --ip-allow-list: adds " + ips?join(", ") + " to the Default connection filter policy's IP Allow List.",
  "    WEAKENS MORE: every message from these IPs, whatever its sender, skips spam filtering AND the",
  "    SPF/DKIM/DMARC-based verdicts (\"skips spam filtering and sender email authentication (SPF, DKIM, and",
  "    DMARC)\": learn.microsoft.com/defender-office-365/create-safe-sender-lists-in-office-365); malware and",
  "    high confidence phishing are still filtered. Security baselines (CIS Microsoft 365 2.1.12) want it empty.",
  "    Keep it only if surveys still land in Junk Email or quarantine although they carry the header",
  "    " + headerName + ": " + headerValue + " (the rule matched; the message's headers show it).",
  "    Entries already in the list stay as they are; the ones this script adds are recorded in the rule's comment."]]
[#elseif !behindGateway]
[#assign changes = changes + [
  "  - No connection filter IP Allow List (--ip-allow-list): it would let every message from these IPs skip spam",
  "    filtering, whatever its sender. Ask your Netigate contact for it only if surveys still land in Junk Email or",
  "    quarantine although they carry the header " + headerName + ": " + headerValue + " (the rule matched; the",
  "    message's headers show it)."]]
[/#if]
[#if customerDomains?has_content]
[#assign changes = changes + [
  "  - scenario 2: spoof allow pairs (Tenant Allow/Block List) for " + customerDomains?join(", ") + ". SpoofType",
  "    is decided at run time: Internal for one of your accepted domains (then Microsoft asks for the full From",
  "    address: give it with -SenderAddress), External otherwise (the domain). The sending infrastructure is the",
  "    organizational domain of each Netigate IP's PTR name, resolved at run time, as Microsoft recommends; an IP",
  "    without a PTR name gets its /24 (" + nets24?join(", ") + "), 256 addresses of the hosting provider, not only",
  "    Netigate's. A PTR domain that is not Netigate's own covers every server of that provider: the script says so.",
  "    Pairs never expire; the ones this script adds are recorded in the rule's comment.",
  "  - If Exchange Online rejects Direct Send (Set-OrganizationConfig -RejectDirectSend) and one of these domains",
  "    is yours, the script stops before changing anything and says why."]]
[/#if]
[#assign changes = changes + [
  "Converges: entries an earlier run or an earlier profile version recorded that this run does not cover (an",
  "older Netigate IP, a --domain or option no longer given) are removed, line by line; an entry the other server's",
  "install (azure/dach) also recorded stays while that install needs it. Entries you made are never touched."]]
[@h.header c="#" title="Exchange Online: lets Netigate's survey invitations in, and nothing else" apply=changes /]
[@h.unknowns c="#" /]
[@h.ipCaveat c="#" /]
[CmdletBinding(SupportsShouldProcess = $true)]
param(
    # Audit: the rule's actions are only written to the message tracking log (New-TransportRule -Mode).
    [ValidateSet('Enforce', 'Audit')]
    [string]$Mode = 'Enforce'[#if customerDomains?has_content],
    # The full From addresses the surveys use in your accepted domains (intra-org spoof entries need them).
    [string[]]$SenderAddress = @()[/#if][#if behindGateway],
    # The gateway's inbound connector, when there is more than one candidate.
    [string]$GatewayConnector = '',
    # The IPs the gateway delivers from (skip listing); default: the connector's SenderIPAddresses.
    [string[]]$GatewayIP = @(),
    # Skip the last hop instead of listing IPs (Microsoft: for one message source only).
    [switch]$SkipLastIP[/#if]
)

# A preference set here does not reach the ExchangeOnlineManagement module's functions (they run in the
# module's own scope), so every Exchange command below also carries -ErrorAction Stop.
# https://learn.microsoft.com/en-us/powershell/module/microsoft.powershell.core/about/about_preference_variables
# https://learn.microsoft.com/en-us/powershell/module/microsoft.powershell.core/about/about_commonparameters
$ErrorActionPreference = 'Stop'

[@p.sameValuesFunction /]

[@p.recordFunctions ruleName=ruleName tag=tag prefix=(tag + recordLabel) /]

[@recordedEntryFunctions /]

# An entry this run wants that already exists: recorded by this install (an earlier run), by the other server's
# install (then recorded here too, so neither removal takes it while the other still needs it), or by nobody
# (then it is yours, and stays unrecorded so no removal takes it).
function Write-NetigateSharedEntry {
    [CmdletBinding(SupportsShouldProcess = $true)]
    param([string]$Token, [string]$What)
    $holders = @($script:othersRecorded | Where-Object { ($_ -split "`t")[0] -eq $Token } | ForEach-Object { ($_ -split "`t")[1] })
    if ($script:recorded -contains $Token) {
        Write-Host "Unchanged: $What (added by an earlier run)"
    } elseif ($holders.Count -gt 0) {
        if ($PSCmdlet.ShouldProcess("$What", 'Record as needed by this install too')) {
            Add-NetigateRecord -Token $Token
            Write-Host ("Unchanged: $What (added by the install of " + ($holders -join ', ') + '; recorded here too, so it stays while either needs it)')
        }
    } else {
        Write-Host "Unchanged: $What existed before and is not recorded; the removal script leaves it"
    }
}
[#if customerDomains?has_content]

[@organizationalDomainFunction /]
[/#if]

try {
[@p.startTranscript name="Install-NetigateAllowlist" /]
[@p.exchangeOnlineSession /]
[@p.tenantConfirmation action="Install the Netigate allowlist" /]

    # The rule's comment is the tag, plus what the install added (parsed the same way by the removal script).
    # https://learn.microsoft.com/en-us/powershell/module/exchangepowershell/get-transportrule?view=exchange-ps
    $rule = Get-TransportRule -ErrorAction Stop | Where-Object { $_.Name -eq [=ps(ruleName)] }
    $recorded = @()
    if ($null -ne $rule) {
        if ("$($rule.Comments)" -cmatch [=ps(recordPattern)]) {
            $recorded = @("$($Matches['added'])" -split ',' | Where-Object { $_ -ne '' })
        } else {
            throw [=ps("A mail flow rule named '" + ruleName + "' exists that this script did not create (its comment is not " + tag + "); rename or remove it, then run again.")]
        }
    }
[@p.otherRecords ruleName=ruleName anyRecordPattern=anyRecordPattern /]
    $accepted = @(Get-AcceptedDomain -ErrorAction Stop | ForEach-Object { "$($_.DomainName)".ToLowerInvariant() })
[@mxReport /]
[#if behindGateway]
    if ($mxElsewhere.Count -eq 0 -and $mxUnknown.Count -eq 0) {
        Write-Warning [=ps("This script was generated with --behind " + behind + ", but every accepted domain's MX points to Microsoft 365: no gateway is in front. Regenerate without --behind; nothing was changed.")]
        throw 'Stopped before any change: no gateway in front of this tenant.'
    }
[/#if]

    # What this run wants recorded: decided in full before the first change, so a refusal changes nothing.
    $wanted = @()
[#if ipAllowList]
    $wanted += @([=p.list(ips?map(ip -> ipToken(ip)))])
[/#if]
[#if customerDomains?has_content]

    # Scenario 2. SpoofType: Internal for your accepted domains, External otherwise (the Tenant Allow/Block List
    # page: Internal is "a domain that belongs to your organization (an accepted domain)"). SpoofedUser: "For
    # domains outside your organization (cross-org), use the domain of the email address that appears in the From
    # field of the message. For domains inside your organization (intra-org), use the full email address that
    # appears in the From field of the message." SendingInfrastructure: "The domain is found in the reverse DNS
    # lookup (PTR record) of the source email server's IP address", "Use the IP address if the source IP address
    # has no PTR record. /24 is the only available and maximum subnet depth"; Microsoft recommends "the PTR
    # Organization Domain" (for smtp.inbound.contoso.com, contoso.com). At most 1024 entries (checked when generated).
    # https://learn.microsoft.com/en-us/powershell/module/exchangepowershell/new-tenantallowblocklistspoofitems?view=exchange-ps
    # https://learn.microsoft.com/en-us/defender-office-365/tenant-allow-block-list-email-spoof-configure
    # https://learn.microsoft.com/en-us/powershell/module/exchangepowershell/get-accepteddomain?view=exchange-ps
    # The PTR names are resolved here with [System.Net.Dns], which Windows PowerShell and PowerShell 7 on every
    # system offer (Resolve-DnsName exists on Windows only): https://learn.microsoft.com/en-us/dotnet/api/system.net.dns.gethostentry
    $infrastructure = @()
[#list server.ipv4Networks as n]
[#if n.single]
    $infrastructure += (Get-NetigateSendingInfrastructure -Address [=ps(n.address)] -Network [=ps(n.slash24)] -NetigateDomains @([=p.list(netigateDomains)]))
[#else]
    # A range has no single PTR name: its /24.
    $infrastructure += [=ps(n.slash24)]
[/#if]
[/#list]
    $infrastructure = @($infrastructure | Sort-Object -Unique)
    $customerDomains = @([=p.list(customerDomains)])
    foreach ($address in $SenderAddress) {
        if ("$address" -notmatch '^[A-Za-z0-9._+-]+@[A-Za-z0-9.-]+$' -or $customerDomains -notcontains ("$address" -replace '^.*@', '').ToLowerInvariant()) {
            throw ("-SenderAddress '$address': not an address in " + [=ps(customerDomains?join(", "))] + ' (letters, digits and . _ + - before the @). Nothing was changed.')
        }
    }
    $spoofTypes = @{}
    $internal = @()
[#list customerDomains as domain]
    if ($accepted -contains [=ps(domain)]) {
        $spoofTypes[[=ps(domain)]] = 'Internal'
        $internal += [=ps(domain)]
        $users = @($SenderAddress | Where-Object { ("$_" -replace '^.*@', '').ToLowerInvariant() -eq [=ps(domain)] } | ForEach-Object { "$_".ToLowerInvariant() } | Sort-Object -Unique)
        if ($users.Count -eq 0) {
            throw [=ps(domain + " is one of this tenant's accepted domains, so Microsoft asks for the full From address of the surveys (intra-org): run again with -SenderAddress ADDRESS@" + domain + " (the address your Netigate account sends as). Nothing was changed.")]
        }
        Write-Host ([=ps(domain + ": SpoofType Internal (one of your accepted domains); spoofed users ")] + ($users -join ', '))
    } else {
        $spoofTypes[[=ps(domain)]] = 'External'
        $users = @([=ps(domain)])
        Write-Warning [=ps(domain + " is not one of this tenant's accepted domains: its spoof pairs are External. If it is yours, check that this is the right tenant (printed above).")]
    }
    foreach ($user in $users) {
        foreach ($source in $infrastructure) {
            $wanted += ('spoof:' + $user + '>' + $source)
            $spoofTypes[$user] = $spoofTypes[[=ps(domain)]]
        }
    }
[/#list]

    # Direct Send: with RejectDirectSend on, Exchange Online "rejects anonymous messages sent from your own domain to
    # your organization's mailboxes when" they "don't match any inbound connectors. We only consider inbound
    # connectors configured to match the sender IP or certificate", and the MAIL FROM domain is an accepted domain.
    # Spoof allow entries cannot rescue such a rejection. Netigate's article does not say which MAIL FROM the
    # surveys sent as your domain carry; if it is your domain, they are rejected.
    # https://learn.microsoft.com/en-us/powershell/module/exchangepowershell/set-organizationconfig?view=exchange-ps
    if ($internal.Count -gt 0 -and $organization.RejectDirectSend) {
        $matching = @(Get-InboundConnector -ErrorAction Stop | Where-Object { $_.Enabled -and "$($_.ConnectorType)" -eq 'Partner' -and $_.RestrictDomainsToIPAddresses } | Where-Object { $listed = @(@($_.SenderIPAddresses) | ForEach-Object { "$_" }); @([=p.list(ips)] | Where-Object { $listed -notcontains $_ }).Count -eq 0 })
        if ($matching.Count -eq 0) {
            throw ('This tenant rejects Direct Send (RejectDirectSend), and ' + ($internal -join ', ') + ' is an accepted domain: surveys sent as it with it in MAIL FROM (the envelope sender) would be rejected in the SMTP session before any allowlist applies. Only an inbound connector matched by sender IP or certificate exempts them, and a Partner connector restricted to IPs (RestrictDomainsToIPAddresses) rejects its SenderDomains from every other IP, so this script does not create one: decide with your mail flow owner, or ask Netigate which MAIL FROM it uses. Nothing was changed.')
        }
        Write-Host ('RejectDirectSend is on; inbound connector ' + (@($matching | ForEach-Object { "'" + $_.Name + "'" }) -join ', ') + " lists every Netigate IP, so Netigate's mail matches a connector by sender IP.")
    }
[/#if]

    # Mail flow rule, conditions ANDed: sender IP AND sender domain in the header From. Parameters:
    # https://learn.microsoft.com/en-us/powershell/module/exchangepowershell/new-transportrule?view=exchange-ps
    # https://learn.microsoft.com/en-us/powershell/module/exchangepowershell/set-transportrule?view=exchange-ps
    # SenderDomainIs "matches domains and subdomains"; SenderAddressLocation Header: "Only examine senders in the
    # message headers (the From field)"; SetSCL -1 "requests a bypass from most spam filtering"; Mode Audit: "The
    # actions that the rule would have taken are written to the message tracking log, but no action that affects
    # message delivery is taken on the message". Secure by default (malware, high-confidence phishing) "applies only
    # when the MX record for your domain points to Microsoft 365": https://learn.microsoft.com/en-us/defender-office-365/secure-by-default
    # An entry added while the rule is missing (its creation declined at a -Confirm prompt) could not be recorded,
    # and the removal would never take it out: each addition below first checks that the rule exists.
    $ruleReady = $null -ne $rule
    if ($null -eq $rule) {
        if ($PSCmdlet.ShouldProcess([=ps("mail flow rule " + ruleName)], 'Create')) {
            New-TransportRule -Name [=ps(ruleName)] -Comments [=ps(tag)] -SenderIpRanges [=p.list(ips)] -SenderDomainIs [=p.list(server.senderDomains)] -SenderAddressLocation 'Header' -SetSCL -1 -SetHeaderName [=ps(headerName)] -SetHeaderValue [=ps(headerValue)] -Mode $Mode -Enabled $[=(!behindGateway)?c] -ErrorAction Stop | Out-Null
            $ruleReady = $true
            Write-Host ([=ps("Created mail flow rule " + ruleName + ", mode ")] + $Mode[#if behindGateway] + ', disabled (behind the gateway it only holds the record)'[/#if])
        }
    } elseif (-not (Test-SameValues $rule.SenderIpRanges @([=p.list(ips)])) -or -not (Test-SameValues $rule.SenderDomainIs @([=p.list(server.senderDomains)])) -or "$($rule.SenderAddressLocation)" -ne 'Header' -or "$($rule.SetSCL)" -ne '-1' -or "$($rule.SetHeaderName)" -ne [=ps(headerName)] -or "$($rule.SetHeaderValue)" -ne [=ps(headerValue)] -or "$($rule.Mode)" -ne $Mode) {
        if ($PSCmdlet.ShouldProcess([=ps("mail flow rule " + ruleName)], 'Update')) {
            # The comment is kept as it is: it records what earlier runs added.
            Set-TransportRule -Identity [=ps(ruleName)] -SenderIpRanges [=p.list(ips)] -SenderDomainIs [=p.list(server.senderDomains)] -SenderAddressLocation 'Header' -SetSCL -1 -SetHeaderName [=ps(headerName)] -SetHeaderValue [=ps(headerValue)] -Mode $Mode -ErrorAction Stop
            Write-Host ([=ps("Updated mail flow rule " + ruleName + " (IPs, sender domains, From only, SCL -1, header, mode ")] + $Mode + ')')
        }
    } else {
        Write-Host ([=ps("Unchanged: mail flow rule " + ruleName + ", mode ")] + $Mode)
    }
    # https://learn.microsoft.com/en-us/powershell/module/exchangepowershell/enable-transportrule?view=exchange-ps
    # https://learn.microsoft.com/en-us/powershell/module/exchangepowershell/disable-transportrule?view=exchange-ps
[#if behindGateway]
    if ($null -ne $rule -and "$($rule.State)" -ne 'Disabled') {
        if ($PSCmdlet.ShouldProcess([=ps("mail flow rule " + ruleName)], 'Disable (behind a gateway no SCL -1 rule may apply)')) {
            Disable-TransportRule -Identity [=ps(ruleName)] -Confirm:$false -ErrorAction Stop
            Write-Host [=ps("Disabled mail flow rule " + ruleName + ": behind the gateway it only holds the record of what the install added")]
        }
    }
[#else]
    if ($null -ne $rule -and "$($rule.State)" -eq 'Disabled') {
        if ($PSCmdlet.ShouldProcess([=ps("mail flow rule " + ruleName)], 'Enable')) {
            Enable-TransportRule -Identity [=ps(ruleName)] -Confirm:$false -ErrorAction Stop
            Write-Host [=ps("Enabled mail flow rule " + ruleName + " (a run with --behind had disabled it)")]
        }
    }
[/#if]
[#if behindGateway]

[@enhancedFilteringOnGateway /]
[#else]

[@gatewayAdvice /]
[/#if]
[#if tlsConnector]

    # Partner connector: TLS required for Netigate's sender domains (the source article asks for TLS). It
    # relaxes no filtering. SenderDomains matches the domains as given; the rule's SenderDomainIs also matches
    # their subdomains (TLS is required only of the domains Netigate names).
    # https://learn.microsoft.com/en-us/powershell/module/exchangepowershell/new-inboundconnector?view=exchange-ps
    # https://learn.microsoft.com/en-us/powershell/module/exchangepowershell/set-inboundconnector?view=exchange-ps
    $connector = Get-InboundConnector -ErrorAction Stop | Where-Object { $_.Name -eq [=ps(connectorName)] }
    if ($null -eq $connector) {
        if ($PSCmdlet.ShouldProcess([=ps("inbound connector " + connectorName)], 'Create')) {
            New-InboundConnector -Name [=ps(connectorName)] -Comment [=ps(tag)] -ConnectorType 'Partner' -SenderDomains [=p.list(server.senderDomains)] -RequireTls $true -Enabled $true -ErrorAction Stop | Out-Null
            Write-Host [=ps("Created inbound connector " + connectorName)]
        }
    } elseif ("$($connector.Comment)" -ne [=ps(tag)]) {
        throw [=ps("An inbound connector named '" + connectorName + "' exists that this script did not create (its comment is not " + tag + "); rename or remove it, then run again.")]
    } elseif ("$($connector.ConnectorType)" -ne 'Partner' -or -not (Test-SameValues $connector.SenderDomains @([=p.list(server.senderDomains)])) -or -not $connector.RequireTls -or -not $connector.Enabled) {
        if ($PSCmdlet.ShouldProcess([=ps("inbound connector " + connectorName)], 'Update')) {
            Set-InboundConnector -Identity [=ps(connectorName)] -Comment [=ps(tag)] -ConnectorType 'Partner' -SenderDomains [=p.list(server.senderDomains)] -RequireTls $true -Enabled $true -ErrorAction Stop
            Write-Host [=ps("Updated inbound connector " + connectorName)]
        }
    } else {
        Write-Host [=ps("Unchanged: inbound connector " + connectorName)]
    }
[#else]

    # No TLS partner connector: [#if behindGateway]behind a gateway Netigate's TLS session ends at the gateway.[#else]profile version [=profile.version] does not say that Netigate requires TLS.[/#if]
    # One left by an earlier run or version is removed (converge).
    # https://learn.microsoft.com/en-us/powershell/module/exchangepowershell/remove-inboundconnector?view=exchange-ps
    if (Get-InboundConnector -ErrorAction Stop | Where-Object { $_.Name -eq [=ps(connectorName)] -and "$($_.Comment)" -eq [=ps(tag)] }) {
        if ($PSCmdlet.ShouldProcess([=ps("inbound connector " + connectorName)], 'Remove (this run does not cover it)')) {
            Remove-InboundConnector -Identity [=ps(connectorName)] -Confirm:$false -ErrorAction Stop
            Write-Host [=ps("Removed inbound connector " + connectorName + ": an earlier run added it, this one does not cover it")]
        }
    }
[/#if]
[#if ipAllowList]

    # --ip-allow-list. Entries are added one by one with @{Add=...}; a plain list would replace every existing entry.
    # IPv4 only, /24 to /32, at most 1273 entries (checked when this script was generated):
    # https://learn.microsoft.com/en-us/defender-office-365/connection-filter-policies-configure
    # https://learn.microsoft.com/en-us/powershell/module/exchangepowershell/set-hostedconnectionfilterpolicy?view=exchange-ps
    Write-Warning 'The connection filter IP Allow List lets every message from these IPs skip spam filtering and the SPF/DKIM/DMARC-based verdicts; security baselines (CIS Microsoft 365 2.1.12) want it empty. The mail flow rule above is the safer way; keep this only if it is not enough.'
[/#if]
[#if ipAllowList || customerDomains?has_content]
    # The entries are compared as text: -contains converts the string to each element's own type, and the page
    # types IPAllowList as a MultiValuedProperty of IP ranges, not of strings (a wrong "not there" would record
    # an entry of yours as added by the install, and the removal would take it away).
    $allowed = @(@((Get-HostedConnectionFilterPolicy -Identity 'Default' -ErrorAction Stop).IPAllowList) | Where-Object { $null -ne $_ } | ForEach-Object { "$_" })
[/#if]
[#if ipAllowList]
[#list ips as ip]
    if ($allowed -notcontains [=ps(ip)]) {
        if ($PSCmdlet.ShouldProcess([=ps("connection filter IP Allow List entry " + ip)], 'Add')) {
            if (-not $ruleReady) { throw [=ps("Not added: " + ip + ". The mail flow rule '" + ruleName + "', whose comment records what this script adds, does not exist.")] }
            Set-HostedConnectionFilterPolicy -Identity 'Default' -IPAllowList @{Add = [=ps(ip)]} -ErrorAction Stop
            Add-NetigateRecord -Token [=ps(ipToken(ip))]
            Write-Host [=ps("Added " + ip + " to the connection filter IP Allow List (recorded in the rule's comment)")]
        }
    } else {
        Write-NetigateSharedEntry -Token [=ps(ipToken(ip))] -What [=ps(ip + " in the connection filter IP Allow List")]
    }
[/#list]
[/#if]
[#if customerDomains?has_content]

    # https://learn.microsoft.com/en-us/powershell/module/exchangepowershell/get-tenantallowblocklistspoofitems?view=exchange-ps
    # (its Identity parameter "is available but isn't used", so none is given)
    $spoofItems = @(Get-TenantAllowBlockListSpoofItems -Action 'Allow' -ErrorAction Stop)
    foreach ($token in @($wanted | Where-Object { $_ -like 'spoof:*' })) {
        $user = ($token -replace '^spoof:', '') -replace '>.*$', ''
        $source = $token -replace '^.*>', ''
        if (-not ($spoofItems | Where-Object { "$($_.SpoofedUser)" -eq $user -and "$($_.SendingInfrastructure)" -eq $source })) {
            if ($PSCmdlet.ShouldProcess("spoof allow pair $user from $source", 'Create')) {
                if (-not $ruleReady) { throw ("Not created: spoof allow pair $user from $source. The mail flow rule " + [=ps("'" + ruleName + "'")] + ', whose comment records what this script adds, does not exist.') }
                New-TenantAllowBlockListSpoofItems -Identity 'Default' -Action 'Allow' -SpoofType $spoofTypes[$user] -SpoofedUser $user -SendingInfrastructure $source -ErrorAction Stop | Out-Null
                Add-NetigateRecord -Token $token
                Write-Host ("Created spoof allow pair $user from $source, SpoofType " + $spoofTypes[$user] + " (recorded in the rule's comment)")
            }
        } else {
            Write-NetigateSharedEntry -Token $token -What "spoof allow pair $user from $source"
        }
    }
[/#if]

    # Converge: what the record holds and this run does not cover (an earlier profile version's IP or /24, a
    # --domain, -SenderAddress or --ip-allow-list no longer given) is removed, unless the other server's
    # install records it too; then only this record lets go of it.
    foreach ($token in @($recorded | Where-Object { $wanted -notcontains $_ })) {
        $holders = @($othersRecorded | Where-Object { ($_ -split "`t")[0] -eq $token } | ForEach-Object { ($_ -split "`t")[1] })
        if ($holders.Count -gt 0) {
            if ($PSCmdlet.ShouldProcess("record entry $token", 'Drop from this record (kept for ' + ($holders -join ', ') + ')')) {
                Remove-NetigateRecord -Token $token
                Write-Host ("Not covered by this run, kept: $token (the rule " + ($holders -join ', ') + ' still records it)')
            }
        } elseif ($PSCmdlet.ShouldProcess("$token (recorded by an earlier run, not covered by this one)", 'Remove')) {
            Remove-NetigateRecordedEntry -Token $token
            Remove-NetigateRecord -Token $token
        }
    }
[#if customerDomains?has_content]
    Write-Host ''
    Write-Host 'Scenario 2 also needs, outside Exchange Online:'
    Write-Host [=ps("  - the SPF record of " + customerDomains?join(", ") + " must include Netigate (whitelist-gen --target bind --server " + server.id + customerDomains?map(d -> " --domain " + d)?join("") + ");")]
    Write-Host '  - SPF checks the envelope sender only; the From address people see is judged by DMARC, which needs'
    Write-Host '    DKIM signing for your domain in your Netigate account (or an aligned SPF pass).'
[/#if]

    Write-Host ''
    Write-Host 'Done. Report (changes nothing): .\Test-NetigateAllowlist.ps1'
}
[@p.failureHandler what="Install-NetigateAllowlist.ps1" /]
[@p.stopTranscript /]
