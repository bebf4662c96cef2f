[#import "/_common/header.ftl" as h]
[#import "/_common/powershell.ftl" as p]
[#include "_names.ftl"]
[#assign reads = [
  "Run in the Exchange Management Shell of a Mailbox server (on an Edge Transport server it reports the Edge's",
  "IP Allow List instead):",
  "    .\\Test-NetigateAllowlist.ps1",
  "It changes nothing: it only reads, and reports one line per point, each done, NOT DONE or NOT CHECKABLE: the",
  "organization, the transport rule (present, enabled, conditions as generated, mode), the receive connector on",
  "each Front End Transport server, Edge subscriptions, the anti-spam agents of this server, and on an Edge the",
  "tagged IP Allow List entries (expired ones do not count) and entries of an earlier version. The MX of your",
  "domains is not read from Exchange: it is reported NOT CHECKABLE with the command to check it.",
  "Exit 0: nothing is not done; 1: a point is not done; 2: a point could not be checked."]]
[@h.header c="#" title="Exchange Server: reports whether Netigate's allowlist is in place, and changes nothing" apply=reads /]
[CmdletBinding()]
param()

$ErrorActionPreference = 'Stop'
$script:notDone = 0
$script:unchecked = 0

function Write-Finding {
    param([ValidateSet('done', 'NOT DONE', 'NOT CHECKABLE')][string]$State, [string]$Text)
    if ($State -eq 'NOT DONE') { $script:notDone++ }
    if ($State -eq 'NOT CHECKABLE') { $script:unchecked++ }
    Write-Host ($State.PadRight(14) + $Text)
}

[@p.sameValuesFunction /]

try {
    if (-not (Get-Command -Name 'Get-TransportRule' -ErrorAction SilentlyContinue)) {
        throw 'Run this script in the Exchange Management Shell: the Exchange cmdlets are not loaded.'
    }
    Write-Host [=ps("Checked against: Netigate profile version " + profile.version + ", server " + server.id + "; " + command)]
    # https://learn.microsoft.com/en-us/powershell/module/exchangepowershell/get-exchangeserver?view=exchange-ps
    $local = Get-ExchangeServer -Identity $env:COMPUTERNAME -ErrorAction Stop
    if ($local.IsEdgeServer) {
        # https://learn.microsoft.com/en-us/powershell/module/exchangepowershell/get-ipallowlistentry?view=exchange-ps
        $now = Get-Date
        $entries = @(Get-IPAllowListEntry -ResultSize 'Unlimited' -ErrorAction Stop | Where-Object { "$($_.Comment)" -eq [=ps(tag)] })
[#list server.networks as n]
        $found = @(Get-IPAllowListEntry -IPAddress [=ps(n.address)] -ErrorAction Stop | Where-Object { $null -eq $_.ExpirationTime -or [datetime]$_.ExpirationTime -gt $now })
        Write-Finding -State $(if ($found.Count -gt 0) { 'done' } else { [=ipAllowList?then("'NOT DONE'", "'done'")] }) -Text ([=ps("IP Allow List, " + n.text + ": ")] + $(if ($found.Count -gt 0) { 'covered by ' + (@($found | ForEach-Object { "$($_.IPRange) ($($_.Comment))" }) -join ', ') } else { 'not covered[#if !ipAllowList] (not part of this version: no --ip-allow-list)[/#if]' }))
[/#list]
        $known = @([#list server.networks as n][=ps(n.address)][#sep], [/#sep][/#list])
        foreach ($entry in $entries) {
            if (-not ($known | Where-Object { $address = $_; @(Get-IPAllowListEntry -IPAddress $address -ErrorAction Stop | Where-Object { "$($_.Identity)" -eq "$($entry.Identity)" }).Count -gt 0 })) {
                Write-Finding -State 'NOT DONE' -Text "IP Allow List entry $($entry.IPRange) is tagged but not part of this version (an earlier Netigate IP): run Install-NetigateEdgeAllowlist.ps1 or Remove-NetigateEdgeAllowlist.ps1"
            }
        }
        # https://learn.microsoft.com/en-us/powershell/module/exchangepowershell/get-ipallowlistconfig?view=exchange-ps
        $config = Get-IPAllowListConfig -ErrorAction Stop
        Write-Finding -State $(if ($config.Enabled -and $config.ExternalMailEnabled) { 'done' } else { 'NOT DONE' }) -Text ('IP Allow List enabled for external mail: ' + ($config.Enabled -and $config.ExternalMailEnabled))
    } else {
        # https://learn.microsoft.com/en-us/powershell/module/exchangepowershell/get-organizationconfig?view=exchange-ps
        Write-Host ('Organization: ' + (Get-OrganizationConfig -ErrorAction Stop).Name)
        # https://learn.microsoft.com/en-us/powershell/module/exchangepowershell/get-transportrule?view=exchange-ps
        $rule = Get-TransportRule -ErrorAction Stop | Where-Object { $_.Name -eq [=ps(ruleName)] }
        if ($null -eq $rule -or "$($rule.Comments)" -ne [=ps(tag)]) {
            Write-Finding -State 'NOT DONE' -Text [=ps("transport rule " + ruleName + ": missing or not tagged " + tag)]
        } else {
            $same = (Test-SameValues $rule.SenderIpRanges @([@p.values ips/])) -and (Test-SameValues $rule.SenderDomainIs @([=p.list(server.senderDomains)])) -and "$($rule.SenderAddressLocation)" -eq 'Header' -and "$($rule.SetSCL)" -eq '-1'
            Write-Finding -State $(if ($same) { 'done' } else { 'NOT DONE' }) -Text ([=ps("transport rule " + ruleName + ": conditions ")] + $(if ($same) { 'as generated' } else { 'differ from this version (run Install-NetigateAllowlist.ps1)' }))
            Write-Finding -State $(if ("$($rule.State)" -eq 'Enabled') { 'done' } else { 'NOT DONE' }) -Text ('transport rule: ' + $rule.State)
            Write-Finding -State $(if ("$($rule.Mode)" -eq 'Enforce') { 'done' } else { 'NOT DONE' }) -Text ('transport rule: mode ' + $rule.Mode)
        }
        # https://learn.microsoft.com/en-us/powershell/module/exchangepowershell/get-edgesubscription?view=exchange-ps
        # https://learn.microsoft.com/en-us/powershell/module/exchangepowershell/get-frontendtransportservice?view=exchange-ps
        # https://learn.microsoft.com/en-us/powershell/module/exchangepowershell/get-receiveconnector?view=exchange-ps
        $edges = @(Get-EdgeSubscription -ErrorAction Stop)
        $connectors = @(Get-ReceiveConnector -ErrorAction Stop | Where-Object { $_.Name -eq [=ps(connectorName)] -and "$($_.Comment)" -eq [=ps(tag)] })
        if ($edges.Count -gt 0) {
            Write-Host ('note          Edge subscriptions: ' + (@($edges | ForEach-Object { "$($_.Name)" }) -join ', ') + '; run this script on each Edge for its IP Allow List')
            Write-Finding -State $(if ($connectors.Count -eq 0) { 'done' } else { 'NOT DONE' }) -Text 'receive connector: none with Edge subscriptions (mail arrives from the Edge)'
        } else {
            foreach ($name in @(Get-FrontendTransportService -ErrorAction Stop | ForEach-Object { "$($_.Name)" } | Sort-Object -Unique)) {
                $here = @($connectors | Where-Object { "$($_.Server)" -eq $name })
[#if customerDomains?has_content]
                Write-Finding -State $(if ($here.Count -eq 1 -and (Test-SameValues $here[0].RemoteIPRanges @([@p.values ips/]))) { 'done' } else { 'NOT DONE' }) -Text ("receive connector on ${name}: " + $(if ($here.Count -eq 1) { 'present' } else { 'missing' }))
[#else]
                Write-Host ("note          receive connector on ${name}: " + $(if ($here.Count -eq 1) { 'present (only with -BypassAntiSpamAgents)' } else { 'none (needed only with -BypassAntiSpamAgents)' }))
[/#if]
            }
        }
        # https://learn.microsoft.com/en-us/powershell/module/exchangepowershell/get-transportagent?view=exchange-ps
        $agents = @(Get-TransportAgent -ErrorAction Stop | Where-Object { $_.Enabled -and "$($_.Identity)" -match 'Filter|Sender|Protocol Analysis' } | ForEach-Object { "$($_.Identity)" })
        Write-Host ('note          anti-spam agents enabled on this server: ' + $(if ($agents.Count -gt 0) { ($agents -join ', ') + ' (SCL -1 does not stop them: see the install header)' } else { 'none' }))
        Write-Finding -State 'NOT CHECKABLE' -Text 'MX of your domains: not read by Exchange; check with Resolve-DnsName -Type MX DOMAIN or whitelist-gen check tls --domain DOMAIN'
    }
}
catch {
    Write-Host ''
    Write-Host ('NOT CHECKABLE: ' + $_.Exception.Message) -ForegroundColor Red
    exit 2
}
Write-Host ''
if ($script:notDone -gt 0) {
    Write-Host 'Result: a point is not done.'
    exit 1
} elseif ($script:unchecked -gt 0) {
    Write-Host 'Result: a point could not be checked.'
    exit 2
}
Write-Host 'Result: everything checked is done.'
exit 0
