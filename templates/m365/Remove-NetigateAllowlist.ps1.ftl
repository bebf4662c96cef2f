[#import "/_common/header.ftl" as h]
[#import "/_common/powershell.ftl" as p]
[#include "_names.ftl"]
[#include "_parts.ftl"]
[#assign removes = [
  "Run as an Exchange administrator, from this folder:",
  "    .\\Remove-NetigateAllowlist.ps1 -WhatIf     (shows what it would remove)",
  "    .\\Remove-NetigateAllowlist.ps1             (names the tenant and asks first; a second run changes nothing)",
  "Needs the ExchangeOnlineManagement module 3.0 or later, like the install; every Exchange command runs with",
  "-ErrorAction Stop, and a transcript (Remove-NetigateAllowlist-DATE.log) is written beside the script. It removes",
  "what the install of server " + server.id + " added, whatever profile version or options it ran with:",
  "  - mail flow rule '" + ruleName + "' (found by name and the comment tag " + tag + ")",
  "  - inbound connector '" + connectorName + "' (name and tag), if there is one",
  "  - every connection filter IP Allow List entry and spoof allow pair the rule's comment records as added by",
  "    the install; one that the other server's install (azure/dach) also records stays while that one needs it,",
  "    and entries that were there before the install stay",
  "The rule goes last, since its comment is the record. Enhanced Filtering that an install with --behind turned on",
  "stays on (it is on your gateway's connector, and Microsoft recommends it whenever the MX points elsewhere)."]]
[@h.header c="#" title="Exchange Online: removes what Install-NetigateAllowlist.ps1 added, and nothing else" apply=removes /]
[CmdletBinding(SupportsShouldProcess = $true)]
param()

# A preference set here does not reach the ExchangeOnlineManagement module's functions (they run in the
# module's own scope), so every Exchange command below also carries -ErrorAction Stop.
# https://learn.microsoft.com/en-us/powershell/module/microsoft.powershell.core/about/about_preference_variables
$ErrorActionPreference = 'Stop'

[@recordedEntryFunctions /]

try {
[@p.startTranscript name="Remove-NetigateAllowlist" /]
[@p.exchangeOnlineSession /]
[@p.tenantConfirmation action="Remove the Netigate allowlist" /]

    # What the install added is recorded in the tagged rule's comment (same pattern as the install script).
    # https://learn.microsoft.com/en-us/powershell/module/exchangepowershell/get-transportrule?view=exchange-ps
    $rule = Get-TransportRule -ErrorAction Stop | Where-Object { $_.Name -eq [=ps(ruleName)] }
    $owned = $null -ne $rule -and "$($rule.Comments)" -cmatch [=ps(recordPattern)]
    $recorded = @()
    if ($owned) {
        $recorded = @("$($Matches['added'])" -split ',' | Where-Object { $_ -ne '' })
    }
[@p.otherRecords ruleName=ruleName anyRecordPattern=anyRecordPattern /]

    # https://learn.microsoft.com/en-us/powershell/module/exchangepowershell/remove-inboundconnector?view=exchange-ps
    if (Get-InboundConnector -ErrorAction Stop | Where-Object { $_.Name -eq [=ps(connectorName)] -and "$($_.Comment)" -eq [=ps(tag)] }) {
        if ($PSCmdlet.ShouldProcess([=ps("inbound connector " + connectorName)], 'Remove')) {
            Remove-InboundConnector -Identity [=ps(connectorName)] -Confirm:$false -ErrorAction Stop
            Write-Host [=ps("Removed inbound connector " + connectorName)]
        }
    } else {
        Write-Host [=ps("Not present (or not tagged " + tag + "): inbound connector " + connectorName)]
    }

    # Everything the record proves the install added, of whatever version: an entry the other server's install
    # also records is still needed there and stays.
    foreach ($token in $recorded) {
        $holders = @($othersRecorded | Where-Object { ($_ -split "`t")[0] -eq $token } | ForEach-Object { ($_ -split "`t")[1] })
        if ($holders.Count -gt 0) {
            Write-Host ("Kept: $token (the rule " + ($holders -join ', ') + ' still records it)')
        } elseif ($PSCmdlet.ShouldProcess("$token (recorded by the install)", 'Remove')) {
            Remove-NetigateRecordedEntry -Token $token
        }
    }

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
[@p.stopTranscript /]
