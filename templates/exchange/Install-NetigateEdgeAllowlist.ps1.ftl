[#-- Written only with --ip-allow-list: a template that renders to nothing writes no file. --]
[#include "_names.ftl"]
[#if ipAllowList]
[#import "/_common/header.ftl" as h]
[#import "/_common/powershell.ftl" as p]
[#assign changes = [
  "Run in the Exchange Management Shell of EACH Edge Transport server that receives internet mail, as a member",
  "of its local Administrators group (each Edge server keeps its own IP Allow List):",
  "    .\\Install-NetigateEdgeAllowlist.ps1 -WhatIf     (shows what it would change, changes nothing)",
  "    .\\Install-NetigateEdgeAllowlist.ps1             (applies; a second run changes nothing)",
  "    .\\Remove-NetigateEdgeAllowlist.ps1             (undo: removes exactly the entries this script tagged)",
  "Every Exchange command runs with -ErrorAction Stop: the first error stops the script. The transport rule",
  "(Install-NetigateAllowlist.ps1) goes on a Mailbox server; this script only handles the Edge's IP Allow List.",
  "Files downloaded from a ticket or a zip carry Windows' internet mark, and the RemoteSigned execution policy",
  "refuses them: run  Get-ChildItem *.ps1 | Unblock-File  in this folder first",
  "(https://learn.microsoft.com/powershell/module/microsoft.powershell.utility/unblock-file).",
  "What it changes, and what that weakens:",
  "  - --ip-allow-list: IP Allow List entries of the Connection Filtering agent for " + ips?join(", ") + ",",
  "    each tagged " + tag + " in its comment. WEAKENS MORE: every message from these IPs,",
  "    whatever its sender, skips the other anti-spam agents of this Edge server (Microsoft: \"exempt from",
  "    processing by other Exchange antispam agents\"). Nothing ties it to Netigate's sender domains: the",
  "    sender IP condition of transport rules is not available on Edge Transport servers.",
  "  - Refused before any change where the Edge allowlist of another Netigate server is installed (entries tagged",
  "    whitelist-gen:netigate:OTHER): each removal script removes every entry of its own tag, so one would take",
  "    away addresses the other still needs. Keep one server's Edge allowlist per Edge server.",
  "  - An address already covered by an entry you made (one not yet expired) is left alone and not tagged, so",
  "    the removal script keeps it. Tagged entries this run does not cover (an earlier profile version's IP) are",
  "    removed, line by line. The script checks, and changes neither, that the Connection Filtering agent and the IP Allow",
  "    List are enabled.",
  "  - If the Edge does not receive straight from the internet (a gateway in front), the Connection Filtering",
  "    agent finds the source IP in the Received headers, skipping the servers listed in Set-TransportConfig",
  "    -InternalSMTPServers on a Mailbox server (synchronised to the Edge by EdgeSync)."]]
[@h.header c="#" title="Exchange Server Edge Transport: adds Netigate's IPs to this Edge server's IP Allow List, and nothing else" apply=changes /]
[@h.unknowns c="#" /]
[@h.ipCaveat c="#" /]
[CmdletBinding(SupportsShouldProcess = $true)]
param()

# A preference set here does not reach every function of the Exchange Management Shell, so every Exchange
# command below also carries -ErrorAction Stop.
# https://learn.microsoft.com/en-us/powershell/module/microsoft.powershell.core/about/about_preference_variables
$ErrorActionPreference = 'Stop'

try {
[@p.startTranscript name="Install-NetigateEdgeAllowlist" /]
    if (-not (Get-Command -Name 'Add-IPAllowListEntry' -ErrorAction SilentlyContinue)) {
        throw 'Run this script in the Exchange Management Shell of an Edge Transport server: the IP Allow List cmdlets are not loaded.'
    }
    # The Connection Filtering agent and its IP Allow List exist only on Edge Transport servers; on a Mailbox
    # server these entries would do nothing.
    # https://learn.microsoft.com/en-us/exchange/antispam-and-antimalware/antispam-protection/connection-filtering
    # https://learn.microsoft.com/en-us/exchange/antispam-and-antimalware/antispam-protection/antispam-on-mailbox-servers
    # https://learn.microsoft.com/en-us/powershell/module/exchangepowershell/get-exchangeserver?view=exchange-ps
    $local = Get-ExchangeServer -Identity $env:COMPUTERNAME -ErrorAction Stop
    if (-not $local.IsEdgeServer) {
        throw 'This is not an Edge Transport server: the IP Allow List belongs to the Connection Filtering agent, which runs only on Edge Transport servers. Run this script on each Edge server; on Mailbox servers run Install-NetigateAllowlist.ps1.'
    }
    # Get-TransportAgent in an Edge server's shell lists the agents of that server.
    # https://learn.microsoft.com/en-us/powershell/module/exchangepowershell/get-transportagent?view=exchange-ps
    # https://learn.microsoft.com/en-us/powershell/module/exchangepowershell/get-ipallowlistconfig?view=exchange-ps
    $agent = Get-TransportAgent -ErrorAction Stop | Where-Object { "$($_.Identity)" -eq 'Connection Filtering Agent' }
    if ($null -eq $agent -or -not $agent.Enabled) {
        Write-Warning 'The Connection Filtering agent is not enabled on this Edge server: the entries below take effect only once it is (Enable-TransportAgent). This script does not enable it.'
    }
    $config = Get-IPAllowListConfig -ErrorAction Stop
    if (-not $config.Enabled -or -not $config.ExternalMailEnabled) {
        Write-Warning 'The IP Allow List is not enabled for external mail on this Edge server (Get-IPAllowListConfig: Enabled, ExternalMailEnabled): the entries below take effect only once it is. This script does not change that.'
    }
    Write-Warning 'The IP Allow List lets every message from these IPs skip the other anti-spam agents of this Edge server, whatever its sender.'

    # Entries carry one server's tag and each removal script removes every entry of its own tag, so the Edge
    # allowlists of two Netigate servers on one Edge would let one removal take away addresses the other still needs
    # (an address both use is added, and tagged, by whichever install runs first). Refused before any change.
    $others = @(Get-IPAllowListEntry -ResultSize 'Unlimited' -ErrorAction Stop | Where-Object { "$($_.Comment)" -clike 'whitelist-gen:netigate:*' -and "$($_.Comment)" -ne [=ps(tag)] })
    if ($others.Count -gt 0) {
        throw ('Stopped before any change: this Edge holds IP Allow List entries of the Edge allowlist for another Netigate server (' + (@($others | ForEach-Object { "$($_.IPRange) tagged $($_.Comment)" }) -join ', ') + [=ps("). The Edge allowlists of two servers cannot share one IP Allow List: each removal script removes every entry of its own tag, also an address the other server needs (this script's header lists the ones server " + server.id + " needs). Keep one: to have this one instead, run the other server's Remove-NetigateEdgeAllowlist.ps1 first, then this script.")])
    }

    # https://learn.microsoft.com/en-us/powershell/module/exchangepowershell/get-ipallowlistentry?view=exchange-ps
    # https://learn.microsoft.com/en-us/powershell/module/exchangepowershell/add-ipallowlistentry?view=exchange-ps
    # Get-IPAllowListEntry -IPAddress returns the entries that contain that address. For a range, an entry counts as
    # covering it only if it contains both its first and its last address (an entry for part of the range does not).
    # An expired entry covers nothing: "When the expiration time is reached, the entry in the IP allowlist is
    # disabled" (https://learn.microsoft.com/en-us/exchange/antispam-and-antimalware/antispam-protection/connection-filtering);
    # its ExpirationTime is the value Add-IPAllowListEntry -ExpirationTime set (none: it never expires).
    $now = Get-Date
    $kept = @()
[#list server.networks as n]
[#if n.single]
    $covering = @(Get-IPAllowListEntry -IPAddress [=ps(n.address)] -ErrorAction Stop | Where-Object { $null -eq $_.ExpirationTime -or [datetime]$_.ExpirationTime -gt $now })
[#else]
    $lastIds = @(Get-IPAllowListEntry -IPAddress [=ps(n.last)] -ErrorAction Stop | ForEach-Object { "$($_.Identity)" })
    $covering = @(Get-IPAllowListEntry -IPAddress [=ps(n.address)] -ErrorAction Stop | Where-Object { $lastIds -contains "$($_.Identity)" -and ($null -eq $_.ExpirationTime -or [datetime]$_.ExpirationTime -gt $now) })
[/#if]
    $kept += @($covering | Where-Object { "$($_.Comment)" -eq [=ps(tag)] } | ForEach-Object { "$($_.Identity)" })
    if ($covering | Where-Object { "$($_.Comment)" -eq [=ps(tag)] }) {
        Write-Host [=ps("Unchanged: " + n.text + " is in the IP Allow List (tagged)")]
    } elseif ($covering.Count -gt 0) {
        Write-Host [=ps("Unchanged: " + n.text + " is already allowed by an IP Allow List entry you made; left untagged, so the removal script keeps it")]
    } elseif ($PSCmdlet.ShouldProcess([=ps("IP Allow List entry " + n.text)], 'Add')) {
[#if n.single]
        Add-IPAllowListEntry -IPAddress [=ps(n.address)] -Comment [=ps(tag)] -ErrorAction Stop | Out-Null
[#else]
        Add-IPAllowListEntry -IPRange [=ps(n.cidr)] -Comment [=ps(tag)] -ErrorAction Stop | Out-Null
[/#if]
        Write-Host [=ps("Added " + n.text + " to the IP Allow List")]
    }
[/#list]


    # Converge: tagged entries this run does not cover (an earlier profile version's IP) are removed.
    # https://learn.microsoft.com/en-us/powershell/module/exchangepowershell/remove-ipallowlistentry?view=exchange-ps
    foreach ($stale in @(Get-IPAllowListEntry -ResultSize 'Unlimited' -ErrorAction Stop | Where-Object { "$($_.Comment)" -eq [=ps(tag)] -and $kept -notcontains "$($_.Identity)" })) {
        if ($PSCmdlet.ShouldProcess("IP Allow List entry $($stale.IPRange)", 'Remove (tagged by an earlier run, not covered by this one)')) {
            Remove-IPAllowListEntry -Identity $stale.Identity -Confirm:$false -ErrorAction Stop
            Write-Host ("Removed $($stale.IPRange) from the IP Allow List: an earlier run added it, this one does not cover it")
        }
    }

    Write-Host ''
    Write-Host 'Done. Check: Get-IPAllowListEntry | Format-Table IPRange,Comment,ExpirationTime'
}
[@p.failureHandler what="Install-NetigateEdgeAllowlist.ps1" /]
[@p.stopTranscript /]
[/#if]
