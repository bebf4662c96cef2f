[#import "/_common/header.ftl" as h]
[#import "/_common/powershell.ftl" as p]
[#include "_names.ftl"]
[#assign changes = [
  "Run in Windows PowerShell 5.1 or PowerShell 7 as an Exchange administrator, from this folder:",
  "    .\\Install-NetigateAllowlist.ps1 -WhatIf     (shows what it would change, changes nothing)",
  "    .\\Install-NetigateAllowlist.ps1             (applies; a second run changes nothing)",
  "    .\\Remove-NetigateAllowlist.ps1             (undo: removes exactly what this script tagged)",
  "Needs the ExchangeOnlineManagement module 3.0 or later; connects only when no session is open.",
  "Files downloaded from a ticket or a zip carry Windows' internet mark, and the RemoteSigned execution policy",
  "refuses them: run  Get-ChildItem *.ps1 | Unblock-File  in this folder first",
  "(https://learn.microsoft.com/powershell/module/microsoft.powershell.utility/unblock-file).",
  "What it changes, and what that weakens:",
  "  - mail flow rule '" + ruleName + "': SCL -1 (skip spam filtering) only when the",
  "    connecting IP is one of " + ips?join(", ") + " AND the sender domain (header From) is",
  "    " + server.senderDomains?join(", ") + ". Malware, high-confidence phishing and the other rules still apply.",
  "    Any other sender on these IPs, or these domains from any other IP, is filtered as before."]]
[#if tlsConnector]
[#assign changes = changes + [
  "  - inbound Partner connector '" + connectorName + "' for sender domains " + server.senderDomains?join(", ") + "",
  "    with RequireTls: mail from these domains that arrives without TLS is rejected. Relaxes nothing."]]
[/#if]
[#if ipAllowList]
[#assign changes = changes + [
  "  - --ip-allow-list: adds " + ips?join(", ") + " to the Default connection filter policy's IP Allow List.",
  "    WEAKENS MORE: every message from these IPs, whatever its sender, skips spam filtering AND the",
  "    SPF/DKIM/DMARC-based verdicts; security baselines (CIS Microsoft 365 2.1.12) want this list empty."]]
[/#if]
[#if customerDomains?has_content]
[#assign changes = changes + [
  "  - scenario 2: spoof allow entries (Tenant Allow/Block List, SpoofType Internal) for " + customerDomains?join(", "),
  "    sent from " + nets24?join(", ") + ". Each /24 is 256 addresses of Netigate's hosting",
  "    provider, not only Netigate's servers: mail from those /24s that claims these domains is no",
  "    longer flagged as internal spoofing. Entries never expire; remove them with the removal script."]]
[/#if]
[@h.header c="#" title="Exchange Online: lets Netigate's survey invitations in, and nothing else" apply=changes /]
[@h.unknowns c="#" /]
[CmdletBinding(SupportsShouldProcess = $true)]
param()

$ErrorActionPreference = 'Stop'

[@p.sameValuesFunction /]

try {
    # Session: https://learn.microsoft.com/en-us/powershell/module/exchangepowershell/connect-exchangeonline?view=exchange-ps
    # and https://learn.microsoft.com/en-us/powershell/module/exchangepowershell/get-connectioninformation?view=exchange-ps
    $module = Get-Module -ListAvailable -Name 'ExchangeOnlineManagement' | Sort-Object -Property 'Version' -Descending | Select-Object -First 1
    if ($null -eq $module -or $module.Version -lt [version]'3.0.0') {
        throw 'The ExchangeOnlineManagement module 3.0 or later is missing: Install-Module -Name ExchangeOnlineManagement -Scope CurrentUser'
    }
    Import-Module -Name 'ExchangeOnlineManagement'
    if (-not (Get-ConnectionInformation | Where-Object { $_.State -eq 'Connected' })) {
        Connect-ExchangeOnline -ShowBanner:$false
    }

    # Mail flow rule, conditions ANDed: sender IP AND sender domain. Microsoft ranks mail flow rules above the
    # connection filter IP Allow List: https://learn.microsoft.com/en-us/defender-office-365/create-safe-sender-lists-in-office-365
    # Parameters: https://learn.microsoft.com/en-us/powershell/module/exchangepowershell/new-transportrule?view=exchange-ps
    # and https://learn.microsoft.com/en-us/powershell/module/exchangepowershell/set-transportrule?view=exchange-ps
    $rule = Get-TransportRule | Where-Object { $_.Name -eq [=ps(ruleName)] }
    if ($null -eq $rule) {
        if ($PSCmdlet.ShouldProcess([=ps("mail flow rule " + ruleName)], 'Create')) {
            New-TransportRule -Name [=ps(ruleName)] -Comments [=ps(tag)] -SenderIpRanges [=p.list(ips)] -SenderDomainIs [=p.list(server.senderDomains)] -SenderAddressLocation 'Header' -SetSCL -1 -SetHeaderName [=ps(headerName)] -SetHeaderValue [=ps(headerValue)] | Out-Null
            Write-Host [=ps("Created mail flow rule " + ruleName)]
        }
    } elseif ("$($rule.Comments)" -ne [=ps(tag)]) {
        throw [=ps("A mail flow rule named '" + ruleName + "' exists that this script did not create (its comment is not " + tag + "); rename or remove it, then run again.")]
    } elseif (-not (Test-SameValues $rule.SenderIpRanges @([=p.list(ips)])) -or -not (Test-SameValues $rule.SenderDomainIs @([=p.list(server.senderDomains)])) -or "$($rule.SenderAddressLocation)" -ne 'Header' -or "$($rule.SetSCL)" -ne '-1' -or "$($rule.SetHeaderName)" -ne [=ps(headerName)] -or "$($rule.SetHeaderValue)" -ne [=ps(headerValue)]) {
        if ($PSCmdlet.ShouldProcess([=ps("mail flow rule " + ruleName)], 'Update')) {
            Set-TransportRule -Identity [=ps(ruleName)] -Comments [=ps(tag)] -SenderIpRanges [=p.list(ips)] -SenderDomainIs [=p.list(server.senderDomains)] -SenderAddressLocation 'Header' -SetSCL -1 -SetHeaderName [=ps(headerName)] -SetHeaderValue [=ps(headerValue)]
            Write-Host [=ps("Updated mail flow rule " + ruleName)]
        }
    } else {
        Write-Host [=ps("Unchanged: mail flow rule " + ruleName)]
    }
[#if tlsConnector]

    # Partner connector: TLS required for Netigate's sender domains (the source article asks for TLS). It
    # relaxes no filtering. https://learn.microsoft.com/en-us/powershell/module/exchangepowershell/new-inboundconnector?view=exchange-ps
    # and https://learn.microsoft.com/en-us/powershell/module/exchangepowershell/set-inboundconnector?view=exchange-ps
    $connector = Get-InboundConnector | Where-Object { $_.Name -eq [=ps(connectorName)] }
    if ($null -eq $connector) {
        if ($PSCmdlet.ShouldProcess([=ps("inbound connector " + connectorName)], 'Create')) {
            New-InboundConnector -Name [=ps(connectorName)] -Comment [=ps(tag)] -ConnectorType 'Partner' -SenderDomains [=p.list(server.senderDomains)] -RequireTls $true -Enabled $true | Out-Null
            Write-Host [=ps("Created inbound connector " + connectorName)]
        }
    } elseif ("$($connector.Comment)" -ne [=ps(tag)]) {
        throw [=ps("An inbound connector named '" + connectorName + "' exists that this script did not create (its comment is not " + tag + "); rename or remove it, then run again.")]
    } elseif ("$($connector.ConnectorType)" -ne 'Partner' -or -not (Test-SameValues $connector.SenderDomains @([=p.list(server.senderDomains)])) -or -not $connector.RequireTls -or -not $connector.Enabled) {
        if ($PSCmdlet.ShouldProcess([=ps("inbound connector " + connectorName)], 'Update')) {
            Set-InboundConnector -Identity [=ps(connectorName)] -Comment [=ps(tag)] -ConnectorType 'Partner' -SenderDomains [=p.list(server.senderDomains)] -RequireTls $true -Enabled $true
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
    Write-Warning 'The connection filter IP Allow List lets every message from these IPs skip spam filtering and the SPF/DKIM/DMARC-based verdicts; security baselines (CIS Microsoft 365 2.1.12) want it empty. The mail flow rule above is the safer way; keep this only if it is not enough.'
    $policy = Get-HostedConnectionFilterPolicy -Identity 'Default'
[#list ips as ip]
    if (@($policy.IPAllowList) -notcontains [=ps(ip)]) {
        if ($PSCmdlet.ShouldProcess([=ps("connection filter IP Allow List entry " + ip)], 'Add')) {
            Set-HostedConnectionFilterPolicy -Identity 'Default' -IPAllowList @{Add = [=ps(ip)]}
            Write-Host [=ps("Added " + ip + " to the connection filter IP Allow List")]
        }
    } else {
        Write-Host [=ps("Unchanged: " + ip + " is already in the connection filter IP Allow List")]
    }
[/#list]
[/#if]
[#if customerDomains?has_content]

    # Scenario 2: surveys sent as the customer's own domain. One spoof allow pair per domain and Netigate /24
    # (SendingInfrastructure takes a domain from the PTR record or IP/24; the profile has no PTR names, so /24).
    # A /24 is 256 addresses of the hosting provider, not only Netigate's. SpoofType Internal: the domain is
    # one of this tenant's accepted domains. At most 1024 spoof entries (checked when generated); they never expire.
    # SpoofedUser takes an email address or a domain; the domain covers every sender address of it, from these /24s only.
    # https://learn.microsoft.com/en-us/defender-office-365/tenant-allow-block-list-email-spoof-configure
    # https://learn.microsoft.com/en-us/powershell/module/exchangepowershell/new-tenantallowblocklistspoofitems?view=exchange-ps
    # https://learn.microsoft.com/en-us/powershell/module/exchangepowershell/get-tenantallowblocklistspoofitems?view=exchange-ps
    $spoofItems = @(Get-TenantAllowBlockListSpoofItems -Identity 'Default' -Action 'Allow' -SpoofType 'Internal')
[#list customerDomains as domain]
[#list nets24 as net]
    if (-not ($spoofItems | Where-Object { $_.SpoofedUser -eq [=ps(domain)] -and $_.SendingInfrastructure -eq [=ps(net)] })) {
        if ($PSCmdlet.ShouldProcess([=ps("spoof allow entry " + domain + " from " + net)], 'Create')) {
            New-TenantAllowBlockListSpoofItems -Identity 'Default' -Action 'Allow' -SpoofType 'Internal' -SpoofedUser [=ps(domain)] -SendingInfrastructure [=ps(net)] | Out-Null
            Write-Host [=ps("Created spoof allow entry " + domain + " from " + net)]
        }
    } else {
        Write-Host [=ps("Unchanged: spoof allow entry " + domain + " from " + net + " (pairs carry no tag: the removal script removes this pair whoever added it)")]
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
    Write-Host 'Done. Check: Get-TransportRule | Where-Object Comments -eq [=tag?replace("'", "''")]'
}
[@p.failureHandler what="Install-NetigateAllowlist.ps1" /]
