[#import "/_common/header.ftl" as h]
[#import "/_common/powershell.ftl" as p]
[#include "_names.ftl"]
[#assign changes = [
  "Run in Windows PowerShell 5.1 or PowerShell 7 as an Exchange administrator, from this folder:",
  "    .\\Install-NetigateAllowlist.ps1 -WhatIf     (shows what it would change, changes nothing)",
  "    .\\Install-NetigateAllowlist.ps1             (applies; a second run changes nothing)",
  "    .\\Remove-NetigateAllowlist.ps1             (undo: removes exactly what this script added)",
  "Needs the ExchangeOnlineManagement module 3.0 or later. Connects only when no Exchange Online session is open",
  "(a Security & Compliance session, or one opened with -Prefix, does not count). Every Exchange command runs",
  "with -ErrorAction Stop: the first error stops the script.",
  "Files downloaded from a ticket or a zip carry Windows' internet mark, and the RemoteSigned execution policy",
  "refuses them: run  Get-ChildItem *.ps1 | Unblock-File  in this folder first",
  "(https://learn.microsoft.com/powershell/module/microsoft.powershell.utility/unblock-file).",
  "What it changes, and what that weakens:",
  "  - mail flow rule '" + ruleName + "': SCL -1 (bypass spam filtering) only when the",
  "    connecting IP is one of " + ips?join(", ") + " AND the sender domain (header From) is",
  "    " + server.senderDomains?join(", ") + " or any subdomain of it (SenderDomainIs matches subdomains too).",
  "    SCL -1 also overrides ordinary phishing verdicts (not high-confidence phishing). Malware and",
  "    high-confidence phishing are still caught, and the other rules still apply. Any other sender on these",
  "    IPs, or these domains from any other IP, is filtered as before.",
  "  - If your MX points to a filtering gateway or an on-premises server, Exchange Online sees the gateway's IP,",
  "    not Netigate's, and the rule never matches: the script looks for such inbound connectors and says what",
  "    to do (README: \"If your mail passes a gateway first\"). It changes no connector of yours."]]
[#if tlsConnector]
[#assign changes = changes + [
  "  - inbound Partner connector '" + connectorName + "' for sender domains " + server.senderDomains?join(", ") + "",
  "    with RequireTls: mail from these domains that arrives without TLS is rejected. Relaxes nothing."]]
[/#if]
[#if ipAllowList]
[#assign changes = changes + [
  "  - --ip-allow-list: adds " + ips?join(", ") + " to the Default connection filter policy's IP Allow List.",
  "    WEAKENS MORE: every message from these IPs, whatever its sender, skips spam filtering AND the",
  "    SPF/DKIM/DMARC-based verdicts; security baselines (CIS Microsoft 365 2.1.12) want this list empty.",
  "    Entries already in the list stay as they are and are never removed by the removal script; the ones",
  "    this script adds are recorded in the rule's comment, and only those are removed."]]
[/#if]
[#if customerDomains?has_content]
[#assign changes = changes + [
  "  - scenario 2: spoof allow pairs (Tenant Allow/Block List) for " + customerDomains?join(", "),
  "    sent from " + nets24?join(", ") + ". Each /24 is 256 addresses of Netigate's hosting",
  "    provider, not only Netigate's servers: mail from those /24s that claims these domains is no longer",
  "    flagged as spoofing. SpoofType is decided at run time: Internal for a domain that is one of your",
  "    accepted domains (Get-AcceptedDomain), External otherwise; the script prints which. The sending",
  "    infrastructure is the /24, as Microsoft names a source without a PTR record; Netigate's data give no",
  "    PTR names, and the script warns if an IP has one (then Microsoft names the source by that domain and",
  "    the /24 pair may not match). The script writes each /24 by its network address" + nets24?has_content?then(" (" + nets24?first + ")", "") + ";",
  "    the cmdlet page's syntax is <source IP>/24 with a host address as example and does not say that both",
  "    forms are the same entry: after the first survey, compare with the spoof intelligence insight.",
  "    Pairs never expire; the ones this script adds are recorded in the rule's comment, and only those are",
  "    removed."]]
[/#if]
[@h.header c="#" title="Exchange Online: lets Netigate's survey invitations in, and nothing else" apply=changes /]
[@h.unknowns c="#" /]
[@h.ipCaveat c="#" /]
[CmdletBinding(SupportsShouldProcess = $true)]
param()

# A preference set here does not reach the ExchangeOnlineManagement module's functions (they run in the
# module's own scope), so every Exchange command below also carries -ErrorAction Stop.
# https://learn.microsoft.com/en-us/powershell/module/microsoft.powershell.core/about/about_preference_variables
# https://learn.microsoft.com/en-us/powershell/module/microsoft.powershell.core/about/about_commonparameters
$ErrorActionPreference = 'Stop'

[@p.sameValuesFunction /]
[#if ipAllowList || customerDomains?has_content]

[@p.addRecordFunction ruleName=ruleName prefix=(tag + recordLabel) /]
[/#if]

try {
[@p.exchangeOnlineSession /]

    # Mail flow rule, conditions ANDed: sender IP AND sender domain. Microsoft ranks mail flow rules above the
    # connection filter IP Allow List: https://learn.microsoft.com/en-us/defender-office-365/create-safe-sender-lists-in-office-365
    # Parameters: https://learn.microsoft.com/en-us/powershell/module/exchangepowershell/new-transportrule?view=exchange-ps
    # and https://learn.microsoft.com/en-us/powershell/module/exchangepowershell/set-transportrule?view=exchange-ps
    # (SenderDomainIs "matches domains and subdomains"). What SCL -1 still lets filtering catch:
    # https://learn.microsoft.com/en-us/defender-office-365/secure-by-default
    $rule = Get-TransportRule -ErrorAction Stop | Where-Object { $_.Name -eq [=ps(ruleName)] }
    # The rule's comment is the tag, plus what the install added (parsed the same way by the removal script).
    $recorded = @()
    # An entry added while the rule is missing (its creation declined at a -Confirm prompt) could not be recorded,
    # and the removal would never take it out: each addition below first checks that the rule exists.
    $ruleReady = $null -ne $rule
    if ($null -ne $rule) {
        if ("$($rule.Comments)" -cmatch [=ps(recordPattern)]) {
            $recorded = @("$($Matches['added'])" -split ',' | Where-Object { $_ -ne '' })
        } else {
            throw [=ps("A mail flow rule named '" + ruleName + "' exists that this script did not create (its comment is not " + tag + "); rename or remove it, then run again.")]
        }
    }
    if ($null -eq $rule) {
        if ($PSCmdlet.ShouldProcess([=ps("mail flow rule " + ruleName)], 'Create')) {
            New-TransportRule -Name [=ps(ruleName)] -Comments [=ps(tag)] -SenderIpRanges [=p.list(ips)] -SenderDomainIs [=p.list(server.senderDomains)] -SenderAddressLocation 'Header' -SetSCL -1 -SetHeaderName [=ps(headerName)] -SetHeaderValue [=ps(headerValue)] -ErrorAction Stop | Out-Null
            $ruleReady = $true
            Write-Host [=ps("Created mail flow rule " + ruleName)]
        }
    } elseif (-not (Test-SameValues $rule.SenderIpRanges @([=p.list(ips)])) -or -not (Test-SameValues $rule.SenderDomainIs @([=p.list(server.senderDomains)])) -or "$($rule.SenderAddressLocation)" -ne 'Header' -or "$($rule.SetSCL)" -ne '-1' -or "$($rule.SetHeaderName)" -ne [=ps(headerName)] -or "$($rule.SetHeaderValue)" -ne [=ps(headerValue)]) {
        if ($PSCmdlet.ShouldProcess([=ps("mail flow rule " + ruleName)], 'Update')) {
            # The comment is kept as it is: it records what earlier runs added.
            Set-TransportRule -Identity [=ps(ruleName)] -SenderIpRanges [=p.list(ips)] -SenderDomainIs [=p.list(server.senderDomains)] -SenderAddressLocation 'Header' -SetSCL -1 -SetHeaderName [=ps(headerName)] -SetHeaderValue [=ps(headerValue)] -ErrorAction Stop
            Write-Host [=ps("Updated mail flow rule " + ruleName)]
        }
    } else {
        Write-Host [=ps("Unchanged: mail flow rule " + ruleName)]
    }

    # Behind a gateway the connecting IP is the gateway's. New-TransportRule (page above) says SenderIpRanges is
    # evaluated against "the address of the last hop before reaching the service", so the rule never sees
    # Netigate's IPs. Inbound connectors of type OnPremises, or Partner connectors for all sender domains (*)
    # restricted to sender IPs, are the usual sign of one.
    # Enhanced Filtering for Connectors (skip listing) lets Exchange Online's filtering find the real source IP;
    # the SenderIpRanges text does not mention it, so the script does not count on it for the rule:
    # https://learn.microsoft.com/en-us/exchange/mail-flow-best-practices/use-connectors-to-configure-mail-flow/enhanced-filtering-for-connectors
    # https://learn.microsoft.com/en-us/powershell/module/exchangepowershell/get-inboundconnector?view=exchange-ps
    $gateways = @(Get-InboundConnector -ErrorAction Stop | Where-Object { $_.Enabled -and "$($_.Comment)" -ne [=ps(tag)] -and ("$($_.ConnectorType)" -eq 'OnPremises' -or ("$($_.ConnectorType)" -eq 'Partner' -and $_.RestrictDomainsToIPAddresses -and @($_.SenderIPAddresses).Count -gt 0 -and @($_.SenderDomains | Where-Object { ("$_" -replace '^smtp:', '' -replace ';\d+$', '') -eq '*' }).Count -gt 0)) })
    foreach ($gateway in $gateways) {
        if ($gateway.EFSkipLastIP -or @($gateway.EFSkipIPs).Count -gt 0) {
            Write-Warning ("Inbound connector '" + $gateway.Name + "' (" + $gateway.ConnectorType + ") has Enhanced Filtering on: Exchange Online's filtering then uses the real source IP, but Microsoft documents the rule's sender IP condition as the last hop before Exchange Online (the gateway) and does not say that Enhanced Filtering changes it. Allowlist Netigate in the gateway itself, and after the first survey check that the message carries the header " + [=ps(headerName + ": " + headerValue)] + '.')
        } else {
            Write-Warning ("Inbound connector '" + $gateway.Name + "' (" + $gateway.ConnectorType + ") suggests your mail passes a gateway or an on-premises server first. Then the rule's sender IP condition, which Microsoft documents as the last hop before Exchange Online, sees that server's IP and never matches Netigate's. Remedy: allowlist Netigate in the gateway itself. Enhanced Filtering for Connectors on that connector (Set-InboundConnector -Identity '" + $gateway.Name + "' -EFSkipLastIP `$true, or -EFSkipIPs with the gateway's IPs) lets Exchange Online's own filtering see the real source IP; Microsoft does not say it changes the rule's condition. After the first survey, check for the header " + [=ps(headerName + ": " + headerValue)] + '.')
        }
    }
[#if tlsConnector]

    # Partner connector: TLS required for Netigate's sender domains (the source article asks for TLS). It
    # relaxes no filtering. https://learn.microsoft.com/en-us/powershell/module/exchangepowershell/new-inboundconnector?view=exchange-ps
    # and https://learn.microsoft.com/en-us/powershell/module/exchangepowershell/set-inboundconnector?view=exchange-ps
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

    # No TLS partner connector: profile version [=profile.version] does not say that Netigate requires TLS.
[/#if]
[#if ipAllowList]

    # --ip-allow-list. Entries are added one by one with @{Add=...}; a plain list would replace every existing entry.
    # IPv4 only, /24 to /32, at most 1273 entries (checked when this script was generated):
    # https://learn.microsoft.com/en-us/defender-office-365/connection-filter-policies-configure
    # https://learn.microsoft.com/en-us/powershell/module/exchangepowershell/set-hostedconnectionfilterpolicy?view=exchange-ps
    # An entry that was in the list before is left alone and not recorded, so the removal script keeps it.
    Write-Warning 'The connection filter IP Allow List lets every message from these IPs skip spam filtering and the SPF/DKIM/DMARC-based verdicts; security baselines (CIS Microsoft 365 2.1.12) want it empty. The mail flow rule above is the safer way; keep this only if it is not enough.'
    # The entries are compared as text: -contains converts the string to each element's own type, and the page
    # types IPAllowList as a MultiValuedProperty of IP ranges, not of strings (a wrong "not there" would record
    # an entry of yours as added by the install, and the removal would take it away).
    $policy = Get-HostedConnectionFilterPolicy -Identity 'Default' -ErrorAction Stop
    $allowed = @(@($policy.IPAllowList) | Where-Object { $null -ne $_ } | ForEach-Object { "$_" })
[#list ips as ip]
    if ($allowed -notcontains [=ps(ip)]) {
        if ($PSCmdlet.ShouldProcess([=ps("connection filter IP Allow List entry " + ip)], 'Add')) {
            if (-not $ruleReady) { throw [=ps("Not added: " + ip + ". The mail flow rule '" + ruleName + "', whose comment records what this script adds, does not exist.")] }
            Set-HostedConnectionFilterPolicy -Identity 'Default' -IPAllowList @{Add = [=ps(ip)]} -ErrorAction Stop
            Add-NetigateRecord -Token [=ps(ipToken(ip))]
            Write-Host [=ps("Added " + ip + " to the connection filter IP Allow List (recorded in the rule's comment)")]
        }
    } elseif ($recorded -contains [=ps(ipToken(ip))]) {
        Write-Host [=ps("Unchanged: " + ip + " is in the connection filter IP Allow List (added by an earlier run)")]
    } else {
        Write-Host [=ps("Unchanged: " + ip + " was in the connection filter IP Allow List before; the removal script leaves it")]
    }
[/#list]
[/#if]
[#if customerDomains?has_content]

    # Scenario 2: surveys sent as the customer's own domain. One spoof allow pair per domain and Netigate /24.
    # SpoofType: "Internal" is for your own accepted domains, "External" for others; decided here, per domain.
    # SendingInfrastructure is the domain of the source's PTR record, a verified DKIM domain, or "<source IP>/24"
    # (example 192.168.100.100/24) if the source IP address has no PTR record; Netigate's data give no PTR names,
    # so the /24 (256 addresses of the hosting provider, not only Netigate's), written by its network address: the
    # page does not say whether a network address and a host address of the same /24 are one entry, so the
    # comparison below finds only entries written the same way. SpoofedUser: a domain (covers every address of
    # it); Microsoft's cmdlet page asks for the
    # full address for intra-org entries, while the Tenant Allow/Block List page accepts a domain for both, so
    # check the spoof intelligence insight after the first survey. At most 1024 entries (checked when generated).
    # https://learn.microsoft.com/en-us/defender-office-365/tenant-allow-block-list-email-spoof-configure
    # https://learn.microsoft.com/en-us/powershell/module/exchangepowershell/new-tenantallowblocklistspoofitems?view=exchange-ps
    # https://learn.microsoft.com/en-us/powershell/module/exchangepowershell/get-tenantallowblocklistspoofitems?view=exchange-ps
    # https://learn.microsoft.com/en-us/powershell/module/exchangepowershell/get-accepteddomain?view=exchange-ps
    # https://learn.microsoft.com/en-us/powershell/module/dnsclient/resolve-dnsname
    $accepted = @(Get-AcceptedDomain -ErrorAction Stop | ForEach-Object { "$($_.DomainName)".ToLowerInvariant() })
    if (Get-Command -Name 'Resolve-DnsName' -ErrorAction SilentlyContinue) {
        foreach ($ip in @([=p.list(server.ipv4Networks?filter(n -> n.single)?map(n -> n.address))])) {
            $ptr = @(Resolve-DnsName -Name $ip -Type 'PTR' -DnsOnly -ErrorAction SilentlyContinue | Where-Object { $_.Type -eq 'PTR' })
            if ($ptr.Count -gt 0) {
                Write-Warning ("Netigate's IP $ip has the PTR record " + $ptr[0].NameHost + ': Microsoft then names the sending infrastructure by that domain, and the /24 pairs below may not match. After the first survey, compare with the spoof intelligence insight (Get-SpoofIntelligenceInsight).')
            }
        }
    }
    $spoofItems = @(Get-TenantAllowBlockListSpoofItems -Identity 'Default' -Action 'Allow' -ErrorAction Stop)
[#list customerDomains as domain]
    $spoofType = 'External'
    if ($accepted -contains [=ps(domain)]) {
        $spoofType = 'Internal'
    }
    Write-Host ([=ps(domain + ": SpoofType ")] + $spoofType + $(if ($spoofType -eq 'Internal') { ' (one of your accepted domains)' } else { ' (not one of your accepted domains)' }))
[#list nets24 as net]
    if (-not ($spoofItems | Where-Object { $_.SpoofedUser -eq [=ps(domain)] -and $_.SendingInfrastructure -eq [=ps(net)] })) {
        if ($PSCmdlet.ShouldProcess([=ps("spoof allow pair " + domain + " from " + net)], 'Create')) {
            if (-not $ruleReady) { throw [=ps("Not created: spoof allow pair " + domain + " from " + net + ". The mail flow rule '" + ruleName + "', whose comment records what this script adds, does not exist.")] }
            New-TenantAllowBlockListSpoofItems -Identity 'Default' -Action 'Allow' -SpoofType $spoofType -SpoofedUser [=ps(domain)] -SendingInfrastructure [=ps(net)] -ErrorAction Stop | Out-Null
            Add-NetigateRecord -Token [=ps(spoofToken(domain, net))]
            Write-Host [=ps("Created spoof allow pair " + domain + " from " + net + " with that SpoofType (recorded in the rule's comment)")]
        }
    } elseif ($recorded -contains [=ps(spoofToken(domain, net))]) {
        Write-Host [=ps("Unchanged: spoof allow pair " + domain + " from " + net + " (added by an earlier run)")]
    } else {
        Write-Host [=ps("Unchanged: spoof allow pair " + domain + " from " + net + " existed before; the removal script leaves it")]
    }
[/#list]
[/#list]
    Write-Host ''
    Write-Host 'Scenario 2 also needs, outside Exchange Online:'
    Write-Host [=ps("  - the SPF record of " + customerDomains?join(", ") + " must include Netigate (whitelist-gen --target bind --server " + server.id + customerDomains?map(d -> " --domain " + d)?join("") + ");")]
    Write-Host '  - SPF checks the envelope sender only; the From address people see is judged by DMARC, which needs'
    Write-Host '    DKIM signing for your domain in your Netigate account (or an aligned SPF pass).'
[/#if]

    Write-Host ''
    Write-Host [=ps("Done. Check: Get-TransportRule | Where-Object Comments -like '" + tag + "*'")]
}
[@p.failureHandler what="Install-NetigateAllowlist.ps1" /]
