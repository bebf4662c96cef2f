[#-- Written only with --ip-allow-list: a template that renders to nothing writes no file. --]
[#include "_names.ftl"]
[#if ipAllowList]
[#import "/_common/header.ftl" as h]
[#import "/_common/powershell.ftl" as p]
[#assign removes = [
  "Run in the Exchange Management Shell of each Edge Transport server where the install ran:",
  "    .\\Remove-NetigateEdgeAllowlist.ps1 -WhatIf     (shows what it would remove)",
  "    .\\Remove-NetigateEdgeAllowlist.ps1             (removes; a second run changes nothing)",
  "It removes only the IP Allow List entries for " + ips?join(", ") + " that carry the tag",
  "  " + tag + " in their comment, as Install-NetigateEdgeAllowlist.ps1 (same command line) adds",
  "them; every other entry stays. Every Exchange command runs with -ErrorAction Stop."]]
[@h.header c="#" title="Exchange Server Edge Transport: removes exactly what Install-NetigateEdgeAllowlist.ps1 added, and nothing else" apply=removes /]
[CmdletBinding(SupportsShouldProcess = $true)]
param()

# A preference set here does not reach every function of the Exchange Management Shell, so every Exchange
# command below also carries -ErrorAction Stop.
# https://learn.microsoft.com/en-us/powershell/module/microsoft.powershell.core/about/about_preference_variables
$ErrorActionPreference = 'Stop'

# Removes the tagged IP Allow List entry for one address or network (entries others made stay).
# https://learn.microsoft.com/en-us/powershell/module/exchangepowershell/get-ipallowlistentry?view=exchange-ps
# https://learn.microsoft.com/en-us/powershell/module/exchangepowershell/remove-ipallowlistentry?view=exchange-ps
function Remove-NetigateIPAllowListEntry {
    [CmdletBinding(SupportsShouldProcess = $true)]
    param([string]$Entry)
    $address = ($Entry -split '/')[0]
    $entries = @(Get-IPAllowListEntry -IPAddress $address -ErrorAction Stop | Where-Object { "$($_.Comment)" -eq [=ps(tag)] })
    foreach ($found in $entries) {
        if ($PSCmdlet.ShouldProcess("IP Allow List entry $Entry", 'Remove')) {
            Remove-IPAllowListEntry -Identity $found.Identity -Confirm:$false -ErrorAction Stop
            Write-Host "Removed $Entry from the IP Allow List"
        }
    }
    if ($entries.Count -eq 0) {
        Write-Host "Not present (or not tagged): $Entry in the IP Allow List"
    }
}

try {
    if (-not (Get-Command -Name 'Get-IPAllowListEntry' -ErrorAction SilentlyContinue)) {
        throw 'Run this script in the Exchange Management Shell of an Edge Transport server: the IP Allow List cmdlets are not loaded.'
    }
[#list server.networks as n]
    Remove-NetigateIPAllowListEntry -Entry [=ps(n.single?then(n.address, n.cidr))]
[/#list]

    Write-Host ''
    Write-Host 'Done: the Netigate entries of this Edge server are removed.'
}
[@p.failureHandler what="Remove-NetigateEdgeAllowlist.ps1" /]
[/#if]
