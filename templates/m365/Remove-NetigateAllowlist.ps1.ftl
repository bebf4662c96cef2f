[#import "/_common/header.ftl" as h]
[#import "/_common/powershell.ftl" as p]
[#include "_names.ftl"]
[#assign removes = [
  "Run as an Exchange administrator, from this folder:",
  "    .\\Remove-NetigateAllowlist.ps1 -WhatIf     (shows what it would remove)",
  "    .\\Remove-NetigateAllowlist.ps1             (removes; a second run changes nothing)",
  "It removes only objects with the names and the comment tag " + tag + " that",
  "Install-NetigateAllowlist.ps1 (same command line) creates:",
  "  - mail flow rule '" + ruleName + "'"]]
[#if tlsConnector][#assign removes = removes + ["  - inbound connector '" + connectorName + "'"]][/#if]
[#if ipAllowList][#assign removes = removes + ["  - the entries " + ips?join(", ") + " of the Default connection filter IP Allow List (other entries stay)"]][/#if]
[#if customerDomains?has_content][#assign removes = removes + ["  - the spoof allow pairs of " + customerDomains?join(", ") + " from " + nets24?join(", ")]][/#if]
[@h.header c="#" title="Exchange Online: removes exactly what Install-NetigateAllowlist.ps1 added, and nothing else" apply=removes /]
[CmdletBinding(SupportsShouldProcess = $true)]
param()

$ErrorActionPreference = 'Stop'
[#if customerDomains?has_content]

# Removes one spoof pair; entries have no comment field, so the pair itself (domain, /24, Internal, Allow) is the key.
# https://learn.microsoft.com/en-us/powershell/module/exchangepowershell/remove-tenantallowblocklistspoofitems?view=exchange-ps
function Remove-NetigateSpoofPair {
    [CmdletBinding(SupportsShouldProcess = $true)]
    param([string]$SpoofedUser, [string]$SendingInfrastructure)
    $items = @(Get-TenantAllowBlockListSpoofItems -Identity 'Default' -Action 'Allow' -SpoofType 'Internal' | Where-Object { $_.SpoofedUser -eq $SpoofedUser -and $_.SendingInfrastructure -eq $SendingInfrastructure })
    foreach ($item in $items) {
        if ($PSCmdlet.ShouldProcess("spoof allow entry $SpoofedUser from $SendingInfrastructure", 'Remove')) {
            Remove-TenantAllowBlockListSpoofItems -Identity 'Default' -Ids $item.Identity
            Write-Host "Removed spoof allow entry $SpoofedUser from $SendingInfrastructure"
        }
    }
    if ($items.Count -eq 0) {
        Write-Host "Not present: spoof allow entry $SpoofedUser from $SendingInfrastructure"
    }
}
[/#if]

try {
    # https://learn.microsoft.com/en-us/powershell/module/exchangepowershell/get-connectioninformation?view=exchange-ps
    if (-not (Get-Module -ListAvailable -Name 'ExchangeOnlineManagement')) {
        throw 'The ExchangeOnlineManagement module is missing: Install-Module -Name ExchangeOnlineManagement -Scope CurrentUser'
    }
    Import-Module -Name 'ExchangeOnlineManagement'
    if (-not (Get-ConnectionInformation | Where-Object { $_.State -eq 'Connected' })) {
        Connect-ExchangeOnline -ShowBanner:$false
    }

    # https://learn.microsoft.com/en-us/powershell/module/exchangepowershell/remove-transportrule?view=exchange-ps
    if (Get-TransportRule | Where-Object { $_.Name -eq [=ps(ruleName)] -and "$($_.Comments)" -eq [=ps(tag)] }) {
        if ($PSCmdlet.ShouldProcess([=ps("mail flow rule " + ruleName)], 'Remove')) {
            Remove-TransportRule -Identity [=ps(ruleName)] -Confirm:$false
            Write-Host [=ps("Removed mail flow rule " + ruleName)]
        }
    } else {
        Write-Host [=ps("Not present (or not tagged " + tag + "): mail flow rule " + ruleName)]
    }
[#if tlsConnector]

    # https://learn.microsoft.com/en-us/powershell/module/exchangepowershell/remove-inboundconnector?view=exchange-ps
    if (Get-InboundConnector | Where-Object { $_.Name -eq [=ps(connectorName)] -and "$($_.Comment)" -eq [=ps(tag)] }) {
        if ($PSCmdlet.ShouldProcess([=ps("inbound connector " + connectorName)], 'Remove')) {
            Remove-InboundConnector -Identity [=ps(connectorName)] -Confirm:$false
            Write-Host [=ps("Removed inbound connector " + connectorName)]
        }
    } else {
        Write-Host [=ps("Not present (or not tagged " + tag + "): inbound connector " + connectorName)]
    }
[/#if]
[#if ipAllowList]

    # @{Remove=...} takes out these entries only. https://learn.microsoft.com/en-us/powershell/module/exchangepowershell/set-hostedconnectionfilterpolicy?view=exchange-ps
    $policy = Get-HostedConnectionFilterPolicy -Identity 'Default'
[#list ips as ip]
    if (@($policy.IPAllowList) -contains [=ps(ip)]) {
        if ($PSCmdlet.ShouldProcess([=ps("connection filter IP Allow List entry " + ip)], 'Remove')) {
            Set-HostedConnectionFilterPolicy -Identity 'Default' -IPAllowList @{Remove = [=ps(ip)]}
            Write-Host [=ps("Removed " + ip + " from the connection filter IP Allow List")]
        }
    } else {
        Write-Host [=ps("Not present: " + ip + " in the connection filter IP Allow List")]
    }
[/#list]
[/#if]
[#if customerDomains?has_content]

[#list customerDomains as domain]
[#list nets24 as net]
    Remove-NetigateSpoofPair -SpoofedUser [=ps(domain)] -SendingInfrastructure [=ps(net)]
[/#list]
[/#list]
[/#if]

    Write-Host ''
    Write-Host 'Done: the Netigate allowlist is removed.'
}
[@p.failureHandler what="Remove-NetigateAllowlist.ps1" /]
