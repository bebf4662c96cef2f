[#import "/_common/header.ftl" as h]
[#import "/_common/powershell.ftl" as p]
[#include "_names.ftl"]
[#assign removes = [
  "Run in the Exchange Management Shell as an Exchange administrator (same -Server as the install):",
  "    .\\Remove-NetigateAllowlist.ps1 -WhatIf     (shows what it would remove)",
  "    .\\Remove-NetigateAllowlist.ps1             (removes; a second run changes nothing)",
  "It removes only objects with the names and the comment tag " + tag + " that",
  "Install-NetigateAllowlist.ps1 (same command line) creates:",
  "  - transport rule '" + ruleName + "'"]]
[#if ipAllowList][#assign removes = removes + ["  - the IP Allow List entries for " + ips?join(", ") + " that carry the tag (other entries stay)"]][/#if]
[#if customerDomains?has_content][#assign removes = removes + ["  - receive connector '" + connectorName + "' on -Server (its permissions go with it)"]][/#if]
[@h.header c="#" title="Exchange Server: removes exactly what Install-NetigateAllowlist.ps1 added, and nothing else" apply=removes /]
[CmdletBinding(SupportsShouldProcess = $true)]
param([string]$Server = $env:COMPUTERNAME)

$ErrorActionPreference = 'Stop'
[#if ipAllowList]

# Removes the tagged IP Allow List entry for one address or network (entries others made stay).
# https://learn.microsoft.com/en-us/powershell/module/exchangepowershell/remove-ipallowlistentry?view=exchange-ps
function Remove-NetigateIPAllowListEntry {
    [CmdletBinding(SupportsShouldProcess = $true)]
    param([string]$Entry)
    $address = ($Entry -split '/')[0]
    $entries = @(Get-IPAllowListEntry -Server $Server -IPAddress $address | Where-Object { "$($_.Comment)" -eq [=ps(tag)] })
    foreach ($found in $entries) {
        if ($PSCmdlet.ShouldProcess("IP Allow List entry $Entry", 'Remove')) {
            Remove-IPAllowListEntry -Server $Server -Identity $found.Identity -Confirm:$false
            Write-Host "Removed $Entry from the IP Allow List"
        }
    }
    if ($entries.Count -eq 0) {
        Write-Host "Not present (or not tagged): $Entry in the IP Allow List"
    }
}
[/#if]
[#if customerDomains?has_content]

# Removes the tagged receive connector of this name on -Server.
# https://learn.microsoft.com/en-us/powershell/module/exchangepowershell/remove-receiveconnector?view=exchange-ps
function Remove-NetigateReceiveConnector {
    [CmdletBinding(SupportsShouldProcess = $true)]
    param([string]$Name)
    $found = @(Get-ReceiveConnector -Server $Server | Where-Object { $_.Name -eq $Name -and "$($_.Comment)" -eq [=ps(tag)] })
    foreach ($connector in $found) {
        if ($PSCmdlet.ShouldProcess("receive connector $Name", 'Remove')) {
            Remove-ReceiveConnector -Identity $connector.Identity -Confirm:$false
            Write-Host "Removed receive connector $Name"
        }
    }
    if ($found.Count -eq 0) {
        Write-Host "Not present (or not tagged): receive connector $Name"
    }
}
[/#if]

try {
    if (-not (Get-Command -Name 'Remove-TransportRule' -ErrorAction SilentlyContinue)) {
        throw 'Run this script in the Exchange Management Shell: the Exchange cmdlets are not loaded.'
    }

    # https://learn.microsoft.com/en-us/powershell/module/exchangepowershell/remove-transportrule?view=exchange-ps
    if (Get-TransportRule | Where-Object { $_.Name -eq [=ps(ruleName)] -and "$($_.Comments)" -eq [=ps(tag)] }) {
        if ($PSCmdlet.ShouldProcess([=ps("transport rule " + ruleName)], 'Remove')) {
            Remove-TransportRule -Identity [=ps(ruleName)] -Confirm:$false
            Write-Host [=ps("Removed transport rule " + ruleName)]
        }
    } else {
        Write-Host [=ps("Not present (or not tagged " + tag + "): transport rule " + ruleName)]
    }
[#if ipAllowList]

    if (Get-Command -Name 'Get-IPAllowListEntry' -ErrorAction SilentlyContinue) {
[#list server.networks as n]
        Remove-NetigateIPAllowListEntry -Entry [=ps(n.single?then(n.address, n.cidr))]
[/#list]
    } else {
        Write-Host 'No IP Allow List cmdlets here (anti-spam agents not installed): nothing to remove there.'
    }
[/#if]
[#if customerDomains?has_content]

    Remove-NetigateReceiveConnector -Name [=ps(connectorName)]
[/#if]

    Write-Host ''
    Write-Host 'Done: the Netigate allowlist is removed.'
}
[@p.failureHandler what="Remove-NetigateAllowlist.ps1" /]
