[#import "/_common/header.ftl" as h]
[#import "/_common/powershell.ftl" as p]
[#include "_names.ftl"]
[#include "_parts.ftl"]
[#assign reads = [
  "Run as an Exchange administrator (a read-only role such as View-Only Organization Management is enough):",
  "    .\\Test-NetigateAllowlist.ps1",
  "It changes nothing: it only reads, and reports one line per point, each done, NOT DONE or NOT CHECKABLE: the",
  "tenant, the mail flow rule (present, enabled, conditions as generated, mode), the TLS connector, the IP Allow List",
  "entries covering Netigate's IPs, the spoof allow pairs, RejectDirectSend, the MX of each accepted domain and",
  "Enhanced Filtering on gateway connectors, and entries an earlier version recorded that the current one does not",
  "cover. Exit 0: nothing is not done; 1: a point is not done; 2: a point could not be checked."]]
[@h.header c="#" title="Exchange Online: reports whether Netigate's allowlist is in place, and changes nothing" apply=reads /]
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
[#if customerDomains?has_content]

[@organizationalDomainFunction /]
[/#if]

try {
[@p.exchangeOnlineSession /]
    # https://learn.microsoft.com/en-us/powershell/module/exchangepowershell/get-connectioninformation?view=exchange-ps
    $connection = @(Get-ConnectionInformation -ErrorAction Stop | Where-Object { $_.State -eq 'Connected' -and -not $_.IsEopSession -and [string]::IsNullOrEmpty($_.ModulePrefix) })[0]
    $organization = Get-OrganizationConfig -ErrorAction Stop
    Write-Host ('Tenant: ' + $organization.DisplayName + ' (TenantID ' + $connection.TenantID + $(if ($connection.DelegatedOrganization) { ', delegated organization ' + $connection.DelegatedOrganization } else { '' }) + '), signed in as ' + $connection.UserPrincipalName)
    Write-Host [=ps("Checked against: Netigate profile version " + profile.version + ", server " + server.id + "; " + command)]
    $accepted = @(Get-AcceptedDomain -ErrorAction Stop | ForEach-Object { "$($_.DomainName)".ToLowerInvariant() })

    $rule = Get-TransportRule -ErrorAction Stop | Where-Object { $_.Name -eq [=ps(ruleName)] }
    $recorded = @()
    if ($null -eq $rule) {
        Write-Finding -State 'NOT DONE' -Text [=ps("mail flow rule " + ruleName + ": missing")]
    } elseif ("$($rule.Comments)" -cnotmatch [=ps(recordPattern)]) {
        Write-Finding -State 'NOT DONE' -Text [=ps("mail flow rule " + ruleName + ": present, but its comment is not the tag " + tag + " (not made by the install)")]
    } else {
        $recorded = @("$($Matches['added'])" -split ',' | Where-Object { $_ -ne '' })
        $same = (Test-SameValues $rule.SenderIpRanges @([=p.list(ips)])) -and (Test-SameValues $rule.SenderDomainIs @([=p.list(server.senderDomains)])) -and "$($rule.SenderAddressLocation)" -eq 'Header' -and "$($rule.SetSCL)" -eq '-1' -and "$($rule.SetHeaderValue)" -eq [=ps(headerValue)]
        Write-Finding -State $(if ($same) { 'done' } else { 'NOT DONE' }) -Text ([=ps("mail flow rule " + ruleName + ": conditions ")] + $(if ($same) { 'as generated (IPs ' + [=ps(ips?join(", "))] + ', sender domains ' + [=ps(server.senderDomains?join(", "))] + ', From only, SCL -1)' } else { 'differ from this version (run Install-NetigateAllowlist.ps1)' }))
[#if behindGateway]
        Write-Finding -State $(if ("$($rule.State)" -eq 'Disabled') { 'done' } else { 'NOT DONE' }) -Text ('mail flow rule: ' + $rule.State + ' (behind the gateway it must be disabled; it only holds the record)')
[#else]
        Write-Finding -State $(if ("$($rule.State)" -eq 'Enabled') { 'done' } else { 'NOT DONE' }) -Text ('mail flow rule: ' + $rule.State)
        Write-Finding -State $(if ("$($rule.Mode)" -eq 'Enforce') { 'done' } else { 'NOT DONE' }) -Text ('mail flow rule: mode ' + $rule.Mode + $(if ("$($rule.Mode)" -ne 'Enforce') { ' (only logs; run the install without -Mode Audit to enforce)' } else { '' }))
[/#if]
    }

    $connectors = @(Get-InboundConnector -ErrorAction Stop)
    $tls = @($connectors | Where-Object { $_.Name -eq [=ps(connectorName)] -and "$($_.Comment)" -eq [=ps(tag)] })
[#if tlsConnector]
    Write-Finding -State $(if ($tls.Count -eq 1 -and $tls[0].Enabled -and $tls[0].RequireTls) { 'done' } else { 'NOT DONE' }) -Text [=ps("inbound connector " + connectorName + " (RequireTls)")]
[#else]
    Write-Finding -State $(if ($tls.Count -eq 0) { 'done' } else { 'NOT DONE' }) -Text [=ps("inbound connector " + connectorName + ": not part of this version; present from an earlier run means NOT DONE")]
[/#if]

    $allowed = @(@((Get-HostedConnectionFilterPolicy -Identity 'Default' -ErrorAction Stop).IPAllowList) | Where-Object { $null -ne $_ } | ForEach-Object { "$_" })
    $netigateAllowed = @(@([=p.list(ips)]) | Where-Object { $allowed -contains $_ })
    $infrastructure = @()
[#if ipAllowList]
    Write-Finding -State $(if ($netigateAllowed.Count -eq [=ips?size]) { 'done' } else { 'NOT DONE' }) -Text ('connection filter IP Allow List: ' + $netigateAllowed.Count + ' of [=ips?size] Netigate IPs listed')
[#else]
    Write-Host ('note          connection filter IP Allow List: not part of this version (no --ip-allow-list); Netigate IPs in it: ' + $(if ($netigateAllowed.Count -gt 0) { $netigateAllowed -join ', ' } else { 'none' }))
[/#if]
[#if customerDomains?has_content]

    $spoofItems = @(Get-TenantAllowBlockListSpoofItems -Action 'Allow' -ErrorAction Stop)
    $infrastructure = @()
[#list server.ipv4Networks as n]
[#if n.single]
    $infrastructure += (Get-NetigateSendingInfrastructure -Address [=ps(n.address)] -Network [=ps(n.slash24)] -NetigateDomains @([=p.list(netigateDomains)]))
[#else]
    $infrastructure += [=ps(n.slash24)]
[/#if]
[/#list]
    $infrastructure = @($infrastructure | Sort-Object -Unique)
[#list customerDomains as domain]
    $pairs = @($spoofItems | Where-Object { ("$($_.SpoofedUser)" -eq [=ps(domain)] -or "$($_.SpoofedUser)" -like [=ps("*@" + domain)]) })
    $missing = @($infrastructure | Where-Object { $source = $_; -not ($pairs | Where-Object { "$($_.SendingInfrastructure)" -eq $source }) })
    Write-Finding -State $(if ($missing.Count -eq 0) { 'done' } else { 'NOT DONE' }) -Text ([=ps("spoof allow pairs for " + domain + " (" + "")] + $(if ($accepted -contains [=ps(domain)]) { 'Internal' } else { 'External' }) + '): ' + $(if ($missing.Count -eq 0) { 'every Netigate source covered' } else { 'missing from ' + ($missing -join ', ') }))
[/#list]
    # https://learn.microsoft.com/en-us/powershell/module/exchangepowershell/set-organizationconfig?view=exchange-ps
    $internal = @(@([=p.list(customerDomains)]) | Where-Object { $accepted -contains $_ })
    if ($organization.RejectDirectSend -and $internal.Count -gt 0) {
        Write-Finding -State 'NOT CHECKABLE' -Text ('RejectDirectSend is on and ' + ($internal -join ', ') + ' is accepted: surveys with it in MAIL FROM are rejected unless they match a connector by sender IP or certificate')
    } else {
        Write-Finding -State 'done' -Text ('RejectDirectSend: ' + $organization.RejectDirectSend + $(if ($internal.Count -eq 0) { ' (none of the --domain values is accepted here)' } else { '' }))
    }
[/#if]

[@mxReport /]
    if ($mxUnknown.Count -gt 0) {
        Write-Finding -State 'NOT CHECKABLE' -Text ('MX of ' + ($mxUnknown -join ', ') + ': not read')
    }
    $candidates = @($connectors | Where-Object { $_.Enabled -and "$($_.Comment)" -ne [=ps(tag)] -and ("$($_.ConnectorType)" -eq 'OnPremises' -or ("$($_.ConnectorType)" -eq 'Partner' -and ($_.RestrictDomainsToIPAddresses -or $_.RestrictDomainsToCertificate))) })
[#if behindGateway]
    $filtered = @($candidates | Where-Object { $_.EFSkipLastIP -or @($_.EFSkipIPs).Count -gt 0 })
    Write-Finding -State $(if ($filtered.Count -gt 0) { 'done' } else { 'NOT DONE' }) -Text ('Enhanced Filtering for Connectors on the gateway connector: ' + $(if ($filtered.Count -gt 0) { (@($filtered | ForEach-Object { $_.Name }) -join ', ') } else { 'on none' }))
[#else]
    if ($mxElsewhere.Count -gt 0) {
        Write-Finding -State 'NOT DONE' -Text ('MX of ' + ($mxElsewhere -join ', ') + ' is not Microsoft 365: the rule cannot match there; regenerate with --behind GATEWAY')
    } else {
        Write-Finding -State 'done' -Text ('no gateway in front per the MX' + $(if ($candidates.Count -gt 0) { '; connectors ' + (@($candidates | ForEach-Object { $_.Name }) -join ', ') + ' are hybrid ones (no Enhanced Filtering needed)' } else { '' }))
    }
[/#if]

    # What the record holds that this version does not cover: left from an earlier version or option.
    $covered = @([=p.list(recordTokens)])
    foreach ($token in @($recorded | Where-Object { $covered -notcontains $_ -and $_ -notlike 'spoof:*' })) {
        Write-Finding -State 'NOT DONE' -Text "recorded by an earlier run and not covered by this version: $token (run Install-NetigateAllowlist.ps1 to remove it)"
    }
    $customerDomains = @([=p.list(customerDomains)])
    foreach ($token in @($recorded | Where-Object { $_ -like 'spoof:*' })) {
        $user = ($token -replace '^spoof:', '') -replace '>.*$', ''
        $source = $token -replace '^.*>', ''
        $domain = ($user -replace '^.*@', '')
        if ($customerDomains -notcontains $domain -or $infrastructure -notcontains $source) {
            Write-Finding -State 'NOT DONE' -Text "recorded by an earlier run and not covered by this version: $token (run Install-NetigateAllowlist.ps1 to remove it)"
        }
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
