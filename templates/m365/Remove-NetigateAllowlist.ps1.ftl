[#import "/_common/header.ftl" as h]
[#import "/_common/powershell.ftl" as p]
[#include "_names.ftl"]
[#assign removes = [
  "Run as an Exchange administrator, from this folder:",
  "    .\\Remove-NetigateAllowlist.ps1 -WhatIf     (shows what it would remove)",
  "    .\\Remove-NetigateAllowlist.ps1             (removes; a second run changes nothing)",
  "Needs the ExchangeOnlineManagement module 3.0 or later, like the install; every Exchange command runs with",
  "-ErrorAction Stop. It removes only what Install-NetigateAllowlist.ps1 (same command line) added:",
  "  - mail flow rule '" + ruleName + "' (found by name and the comment tag " + tag + ")"]]
[#if tlsConnector][#assign removes = removes + ["  - inbound connector '" + connectorName + "' (name and tag)"]][/#if]
[#if ipAllowList][#assign removes = removes + ["  - of the entries " + ips?join(", ") + " in the Default connection filter IP Allow List, only those the",
  "    install recorded in the rule's comment as added by it; entries that were there before stay"]][/#if]
[#if customerDomains?has_content][#assign removes = removes + ["  - of the spoof allow pairs of " + customerDomains?join(", ") + " from " + nets24?join(", ") + ", only those the",
  "    install recorded in the rule's comment as added by it; pairs that existed before stay"]][/#if]
[#assign removes = removes + ["The rule goes last, since its comment is the record."]]
[@h.header c="#" title="Exchange Online: removes exactly what Install-NetigateAllowlist.ps1 added, and nothing else" apply=removes /]
[CmdletBinding(SupportsShouldProcess = $true)]
param()

# A preference set here does not reach the ExchangeOnlineManagement module's functions (they run in the
# module's own scope), so every Exchange command below also carries -ErrorAction Stop.
# https://learn.microsoft.com/en-us/powershell/module/microsoft.powershell.core/about/about_preference_variables
$ErrorActionPreference = 'Stop'
[#if customerDomains?has_content]

# Removes one spoof pair; entries have no comment field, so the pair (domain, /24, Allow) is the key, and only a
# pair the install recorded as added by it is removed (see below).
# https://learn.microsoft.com/en-us/powershell/module/exchangepowershell/remove-tenantallowblocklistspoofitems?view=exchange-ps
# (Identity: the policy; Ids: the Identity values from Get-TenantAllowBlockListSpoofItems; Remove-* cmdlets ask
# for confirmation unless -Confirm:$false)
function Remove-NetigateSpoofPair {
    [CmdletBinding(SupportsShouldProcess = $true)]
    param([string]$SpoofedUser, [string]$SendingInfrastructure)
    $items = @(Get-TenantAllowBlockListSpoofItems -Identity 'Default' -Action 'Allow' -ErrorAction Stop | Where-Object { $_.SpoofedUser -eq $SpoofedUser -and $_.SendingInfrastructure -eq $SendingInfrastructure })
    foreach ($item in $items) {
        if ($PSCmdlet.ShouldProcess("spoof allow pair $SpoofedUser from $SendingInfrastructure", 'Remove')) {
            Remove-TenantAllowBlockListSpoofItems -Identity 'Default' -Ids $item.Identity -Confirm:$false -ErrorAction Stop
            Write-Host "Removed spoof allow pair $SpoofedUser from $SendingInfrastructure"
        }
    }
    if ($items.Count -eq 0) {
        Write-Host "Not present: spoof allow pair $SpoofedUser from $SendingInfrastructure"
    }
}
[/#if]

try {
[@p.exchangeOnlineSession /]

    # What the install added is recorded in the tagged rule's comment (same pattern as the install script).
    # https://learn.microsoft.com/en-us/powershell/module/exchangepowershell/get-transportrule?view=exchange-ps
    $rule = Get-TransportRule -ErrorAction Stop | Where-Object { $_.Name -eq [=ps(ruleName)] }
    $owned = $null -ne $rule -and "$($rule.Comments)" -cmatch [=ps(recordPattern)]
    $recorded = @()
    if ($owned) {
        $recorded = @("$($Matches['added'])" -split ',' | Where-Object { $_ -ne '' })
    }
    # Anything recorded that this script does not cover (the install ran with other options) would be lost with
    # the rule: stop before changing anything.
    $covered = @([#if recordTokens?has_content][=p.list(recordTokens)][/#if])
    $uncovered = @($recorded | Where-Object { $covered -notcontains $_ })
    if ($uncovered.Count -gt 0) {
        throw ('The rule records entries the install added that this removal script does not cover (' + ($uncovered -join ', ') + '): run the removal script generated with the same command line as the install, so they are removed too.')
    }
[#if tlsConnector]

    # https://learn.microsoft.com/en-us/powershell/module/exchangepowershell/remove-inboundconnector?view=exchange-ps
    if (Get-InboundConnector -ErrorAction Stop | Where-Object { $_.Name -eq [=ps(connectorName)] -and "$($_.Comment)" -eq [=ps(tag)] }) {
        if ($PSCmdlet.ShouldProcess([=ps("inbound connector " + connectorName)], 'Remove')) {
            Remove-InboundConnector -Identity [=ps(connectorName)] -Confirm:$false -ErrorAction Stop
            Write-Host [=ps("Removed inbound connector " + connectorName)]
        }
    } else {
        Write-Host [=ps("Not present (or not tagged " + tag + "): inbound connector " + connectorName)]
    }
[/#if]
[#if ipAllowList]

    # @{Remove=...} takes out these entries only, and only those the install recorded as added by it.
    # https://learn.microsoft.com/en-us/powershell/module/exchangepowershell/set-hostedconnectionfilterpolicy?view=exchange-ps
    $policy = Get-HostedConnectionFilterPolicy -Identity 'Default' -ErrorAction Stop
    # Compared as text, as in the install script (IPAllowList holds IP ranges, not strings).
    $allowed = @(@($policy.IPAllowList) | Where-Object { $null -ne $_ } | ForEach-Object { "$_" })
[#list ips as ip]
    if ($recorded -contains [=ps(ipToken(ip))]) {
        if ($allowed -contains [=ps(ip)]) {
            if ($PSCmdlet.ShouldProcess([=ps("connection filter IP Allow List entry " + ip)], 'Remove')) {
                Set-HostedConnectionFilterPolicy -Identity 'Default' -IPAllowList @{Remove = [=ps(ip)]} -ErrorAction Stop
                Write-Host [=ps("Removed " + ip + " from the connection filter IP Allow List")]
            }
        } else {
            Write-Host [=ps("Not present: " + ip + " in the connection filter IP Allow List")]
        }
    } else {
        Write-Host [=ps("Left alone: " + ip + " in the connection filter IP Allow List (the install did not record adding it)")]
    }
[/#list]
[/#if]
[#if customerDomains?has_content]

[#list customerDomains as domain]
[#list nets24 as net]
    if ($recorded -contains [=ps(spoofToken(domain, net))]) {
        Remove-NetigateSpoofPair -SpoofedUser [=ps(domain)] -SendingInfrastructure [=ps(net)]
    } else {
        Write-Host [=ps("Left alone: spoof allow pair " + domain + " from " + net + " (the install did not record adding it)")]
    }
[/#list]
[/#list]
[/#if]

    # Last, as its comment is the record of what else to remove.
    # https://learn.microsoft.com/en-us/powershell/module/exchangepowershell/remove-transportrule?view=exchange-ps
    if ($owned) {
        if ($PSCmdlet.ShouldProcess([=ps("mail flow rule " + ruleName)], 'Remove')) {
            Remove-TransportRule -Identity [=ps(ruleName)] -Confirm:$false -ErrorAction Stop
            Write-Host [=ps("Removed mail flow rule " + ruleName)]
        }
    } else {
        Write-Host [=ps("Not present (or not tagged " + tag + "): mail flow rule " + ruleName)]
    }

    Write-Host ''
    Write-Host 'Done: the Netigate allowlist is removed.'
}
[@p.failureHandler what="Remove-NetigateAllowlist.ps1" /]
