[#import "/_common/header.ftl" as h]
[#import "/_common/powershell.ftl" as p]
[#include "_names.ftl"]
[#assign removes = [
  "Run in the Exchange Management Shell of a Mailbox server as an Exchange administrator:",
  "    .\\Remove-NetigateAllowlist.ps1 -WhatIf     (shows what it would remove)",
  "    .\\Remove-NetigateAllowlist.ps1             (removes; a second run changes nothing)",
  "It removes only objects with the names and the comment tag " + tag + " that",
  "Install-NetigateAllowlist.ps1 (same command line) creates; every Exchange command runs with -ErrorAction Stop:",
  "  - transport rule '" + ruleName + "'",
  "  - receive connector '" + connectorName + "' on every server that has one (scenario 2 or",
  "    -BypassAntiSpamAgents); its permissions go with it",
  "A transcript (Remove-NetigateAllowlist-DATE.log) is written beside the script."]]
[#if ipAllowList][#assign removes = removes + ["The Edge servers' IP Allow List entries are removed by Remove-NetigateEdgeAllowlist.ps1, on each Edge server."]][/#if]
[@h.header c="#" title="Exchange Server: removes exactly what Install-NetigateAllowlist.ps1 added, and nothing else" apply=removes /]
[CmdletBinding(SupportsShouldProcess = $true)]
param()

# A preference set here does not reach the functions of the Exchange Management Shell's remote session (they
# run in a module's scope), so every Exchange command below also carries -ErrorAction Stop.
# https://learn.microsoft.com/en-us/powershell/module/microsoft.powershell.core/about/about_preference_variables
$ErrorActionPreference = 'Stop'

# Removes the tagged receive connector of this name on every server (Get-ReceiveConnector without -Server lists
# the connectors of all servers), whichever run or version created it.
# https://learn.microsoft.com/en-us/powershell/module/exchangepowershell/get-receiveconnector?view=exchange-ps
# https://learn.microsoft.com/en-us/powershell/module/exchangepowershell/remove-receiveconnector?view=exchange-ps
function Remove-NetigateReceiveConnector {
    [CmdletBinding(SupportsShouldProcess = $true)]
    param([string]$Name)
    $found = @(Get-ReceiveConnector -ErrorAction Stop | Where-Object { $_.Name -eq $Name -and "$($_.Comment)" -eq [=ps(tag)] })
    foreach ($connector in $found) {
        if ($PSCmdlet.ShouldProcess("receive connector $($connector.Identity)", 'Remove')) {
            Remove-ReceiveConnector -Identity $connector.Identity -Confirm:$false -ErrorAction Stop
            Write-Host "Removed receive connector $($connector.Identity)"
        }
    }
    if ($found.Count -eq 0) {
        Write-Host "Not present (or not tagged): receive connector $Name"
    }
}

try {
[@p.startTranscript name="Remove-NetigateAllowlist" /]
    if (-not (Get-Command -Name 'Remove-TransportRule' -ErrorAction SilentlyContinue)) {
        throw 'Run this script in the Exchange Management Shell: the Exchange cmdlets are not loaded.'
    }

    # https://learn.microsoft.com/en-us/powershell/module/exchangepowershell/remove-transportrule?view=exchange-ps
    if (Get-TransportRule -ErrorAction Stop | Where-Object { $_.Name -eq [=ps(ruleName)] -and "$($_.Comments)" -eq [=ps(tag)] }) {
        if ($PSCmdlet.ShouldProcess([=ps("transport rule " + ruleName)], 'Remove')) {
            Remove-TransportRule -Identity [=ps(ruleName)] -Confirm:$false -ErrorAction Stop
            Write-Host [=ps("Removed transport rule " + ruleName)]
        }
    } else {
        Write-Host [=ps("Not present (or not tagged " + tag + "): transport rule " + ruleName)]
    }

    Remove-NetigateReceiveConnector -Name [=ps(connectorName)]
[#if ipAllowList]

    Write-Host ''
    Write-Host 'The IP Allow List entries on the Edge Transport servers are removed by Remove-NetigateEdgeAllowlist.ps1, run on each Edge server.'
[/#if]

    Write-Host ''
    Write-Host 'Done: the Netigate allowlist is removed.'
}
[@p.failureHandler what="Remove-NetigateAllowlist.ps1" /]
[@p.stopTranscript /]
