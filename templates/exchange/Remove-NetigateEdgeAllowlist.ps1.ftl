[#-- Written only with --ip-allow-list: a template that renders to nothing writes no file. --]
[#include "_names.ftl"]
[#if ipAllowList]
[#import "/_common/header.ftl" as h]
[#import "/_common/powershell.ftl" as p]
[#assign removes = [
  "Run in the Exchange Management Shell of each Edge Transport server where the install ran:",
  "    .\\Remove-NetigateEdgeAllowlist.ps1 -WhatIf     (shows what it would remove)",
  "    .\\Remove-NetigateEdgeAllowlist.ps1             (removes; a second run changes nothing)",
  "It removes every IP Allow List entry that carries the tag " + tag + " in its comment,",
  "whichever profile version's install added it (today's IPs " + ips?join(", ") + " and any earlier",
  "one), then checks that none is left before it says done; every other entry stays. Every Exchange command",
  "runs with -ErrorAction Stop; a transcript (Remove-NetigateEdgeAllowlist-DATE.log) is written beside the script."]]
[@h.header c="#" title="Exchange Server Edge Transport: removes exactly what Install-NetigateEdgeAllowlist.ps1 added, and nothing else" apply=removes /]
[CmdletBinding(SupportsShouldProcess = $true)]
param()

# A preference set here does not reach every function of the Exchange Management Shell, so every Exchange
# command below also carries -ErrorAction Stop.
# https://learn.microsoft.com/en-us/powershell/module/microsoft.powershell.core/about/about_preference_variables
$ErrorActionPreference = 'Stop'

try {
[@p.startTranscript name="Remove-NetigateEdgeAllowlist" /]
    if (-not (Get-Command -Name 'Get-IPAllowListEntry' -ErrorAction SilentlyContinue)) {
        throw 'Run this script in the Exchange Management Shell of an Edge Transport server: the IP Allow List cmdlets are not loaded.'
    }
    # Every tagged entry, of whatever version (entries others made stay).
    # https://learn.microsoft.com/en-us/powershell/module/exchangepowershell/get-ipallowlistentry?view=exchange-ps
    # https://learn.microsoft.com/en-us/powershell/module/exchangepowershell/remove-ipallowlistentry?view=exchange-ps
    $tagged = @(Get-IPAllowListEntry -ResultSize 'Unlimited' -ErrorAction Stop | Where-Object { "$($_.Comment)" -eq [=ps(tag)] })
    foreach ($entry in $tagged) {
        if ($PSCmdlet.ShouldProcess("IP Allow List entry $($entry.IPRange)", 'Remove')) {
            Remove-IPAllowListEntry -Identity $entry.Identity -Confirm:$false -ErrorAction Stop
            Write-Host "Removed $($entry.IPRange) from the IP Allow List"
        }
    }
    if ($tagged.Count -eq 0) {
        Write-Host [=ps("Not present: no IP Allow List entry carries the tag " + tag)]
    }
    if ($WhatIfPreference) {
        Write-Host ''
        Write-Host 'WhatIf: nothing was removed.'
    } else {
        $left = @(Get-IPAllowListEntry -ResultSize 'Unlimited' -ErrorAction Stop | Where-Object { "$($_.Comment)" -eq [=ps(tag)] })
        if ($left.Count -gt 0) {
            throw ('Still tagged after removal: ' + (@($left | ForEach-Object { "$($_.IPRange)" }) -join ', ') + '. Run the script again.')
        }
        Write-Host ''
        Write-Host 'Done: every Netigate entry of this Edge server is removed.'
    }
}
[@p.failureHandler what="Remove-NetigateEdgeAllowlist.ps1" /]
[@p.stopTranscript /]
[/#if]
