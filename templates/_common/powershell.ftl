[#-- Pieces every PowerShell target shares. Values always go through ps(): single-quoted, ' doubled. --]

[#-- 'a', 'b', 'c' : a PowerShell array of single-quoted strings. --]
[#function list values]
[#return values?map(v -> ps(v))?join(", ")]
[/#function]

[#-- The same, written as it goes: ?join makes one text of all values, and a profile may list a million networks. --]
[#macro values list][#list list as v][=ps(v)][#sep], [/#sep][/#list][/#macro]

[#-- The tag written into every object's comment, so the removal script finds exactly these objects. --]
[#function tag]
[#return "whitelist-gen:netigate:" + server.id]
[/#function]

[#-- Compares a multi-valued property with the wanted values, ignoring case, order and Exchange's
     "smtp:" / ";1" decorations of connector domains. --]
[#macro sameValuesFunction]
function Test-SameValues {
    param([object[]]$Current, [string[]]$Wanted)
    $have = @(@($Current) | Where-Object { $null -ne $_ } | ForEach-Object { ("$_" -replace '^smtp:', '' -replace ';\d+$', '').ToLowerInvariant() } | Sort-Object -Unique)
    $want = @(@($Wanted) | ForEach-Object { $_.ToLowerInvariant() } | Sort-Object -Unique)
    return (($have -join ',') -eq ($want -join ','))
}
[/#macro]

[#-- The first failure stops the script with one clear line; nothing after it runs. --]
[#macro failureHandler what]
catch {
    Write-Host ''
    Write-Host ('FAILED: ' + $_.Exception.Message) -ForegroundColor Red
    Write-Host '[=what] stopped at the step above; the steps before it were applied and are listed above.'
    Write-Host 'Fix the cause and run the script again: it only changes what is still missing.'
    exit 1
}
[/#macro]

[#-- Exchange Online session: module 3.0 or later, and a connection that is Exchange Online's own (not a Security &
     Compliance one, IsEopSession, nor one opened with -Prefix, whose cmdlets carry other names). Install and
     removal check the same. --]
[#macro exchangeOnlineSession]
    # Session: https://learn.microsoft.com/en-us/powershell/module/exchangepowershell/connect-exchangeonline?view=exchange-ps
    # and https://learn.microsoft.com/en-us/powershell/module/exchangepowershell/get-connectioninformation?view=exchange-ps
    # (IsEopSession is true for Connect-IPPSSession; ModulePrefix is set by -Prefix).
    $module = Get-Module -ListAvailable -Name 'ExchangeOnlineManagement' | Sort-Object -Property 'Version' -Descending | Select-Object -First 1
    if ($null -eq $module -or $module.Version -lt [version]'3.0.0') {
        throw 'The ExchangeOnlineManagement module 3.0 or later is missing: Install-Module -Name ExchangeOnlineManagement -Scope CurrentUser'
    }
    Import-Module -Name 'ExchangeOnlineManagement' -MinimumVersion '3.0.0' -ErrorAction Stop
    $sessions = @(Get-ConnectionInformation -ErrorAction Stop | Where-Object { $_.State -eq 'Connected' -and -not $_.IsEopSession -and [string]::IsNullOrEmpty($_.ModulePrefix) })
    if ($sessions.Count -eq 0) {
        Connect-ExchangeOnline -ShowBanner:$false -ErrorAction Stop
    }
[/#macro]

[#-- Writes what the install just added (or no longer has) into the tagged rule's comment at once, so a later failure
     cannot lose it. --]
[#macro recordFunctions ruleName tag prefix]
# Records what this script added in the tagged rule's comment, at once (a later failure cannot lose it); the
# removal script removes only what is recorded there. Comments hold at most 1024 characters: checked before writing.
# https://learn.microsoft.com/en-us/powershell/module/exchangepowershell/set-transportrule?view=exchange-ps
function Write-NetigateRecord {
    param([string[]]$Tokens)
    $comment = [=ps(tag)]
    if (@($Tokens).Count -gt 0) {
        $comment = [=ps(prefix)] + (@($Tokens) -join ',')
    }
    if ($comment.Length -gt 1024) {
        throw ('The record of what this script added would need ' + $comment.Length + ' characters; a rule comment holds 1024. Give fewer --domain or -SenderAddress values.')
    }
    Set-TransportRule -Identity [=ps(ruleName)] -Comments $comment -ErrorAction Stop
}

function Add-NetigateRecord {
    param([string]$Token)
    $script:recorded = @(@($script:recorded) + $Token | Sort-Object -Unique)
    Write-NetigateRecord -Tokens $script:recorded
}

function Remove-NetigateRecord {
    param([string]$Token)
    $script:recorded = @(@($script:recorded) | Where-Object { $_ -ne $Token })
    Write-NetigateRecord -Tokens $script:recorded
}
[/#macro]

[#-- What every Netigate install in this tenant recorded (azure and dach share IPs and pairs): the tokens of the
     other servers' rules, so that nothing one of them still needs is removed. --]
[#macro otherRecords ruleName anyRecordPattern]
    # Every tagged Netigate rule's record but this one's (the other server's install may need the same entries).
    $othersRecorded = @()
    foreach ($other in @(Get-TransportRule -ErrorAction Stop | Where-Object { $_.Name -ne [=ps(ruleName)] })) {
        if ("$($other.Comments)" -cmatch [=ps(anyRecordPattern)]) {
            $othersRecorded += @("$($Matches['added'])" -split ',' | Where-Object { $_ -ne '' } | ForEach-Object { "$_`t$($other.Name)" })
        }
    }
[/#macro]

[#-- A transcript beside the script (issue 24.11), with what the log must name. Start-Transcript honours -WhatIf
     itself, so it is told not to: a dry run is logged too. --]
[#macro startTranscript name]
    # https://learn.microsoft.com/en-us/powershell/module/microsoft.powershell.host/start-transcript
    $transcript = Join-Path -Path $PSScriptRoot -ChildPath ([=ps(name + "-")] + (Get-Date -Format 'yyyyMMdd-HHmmss') + '.log')
    Start-Transcript -Path $transcript -WhatIf:$false -Confirm:$false -ErrorAction Stop | Out-Null
    Write-Host ('Transcript: ' + $transcript)
    Write-Host [=ps("Netigate profile version " + profile.version + ", server " + server.id + "; generated by: " + command)]
[/#macro]

[#macro stopTranscript]
finally {
    if ($transcript) {
        Stop-Transcript -ErrorAction SilentlyContinue | Out-Null
    }
}
[/#macro]

[#-- Names the tenant and asks before changing it (issue 24.8): an MSP may be connected to another customer.
     -Confirm:$false skips the question; -WhatIf changes nothing, so it does not ask. --]
[#macro tenantConfirmation action]
    # UserPrincipalName, TenantID and DelegatedOrganization of the session:
    # https://learn.microsoft.com/en-us/powershell/module/exchangepowershell/get-connectioninformation?view=exchange-ps
    $connection = @(Get-ConnectionInformation -ErrorAction Stop | Where-Object { $_.State -eq 'Connected' -and -not $_.IsEopSession -and [string]::IsNullOrEmpty($_.ModulePrefix) })[0]
    $organization = Get-OrganizationConfig -ErrorAction Stop
    Write-Host ('Tenant: ' + $organization.DisplayName + ' (TenantID ' + $connection.TenantID + $(if ($connection.DelegatedOrganization) { ', delegated organization ' + $connection.DelegatedOrganization } else { '' }) + '), signed in as ' + $connection.UserPrincipalName)
    $confirmDeclined = $PSBoundParameters.ContainsKey('Confirm') -and -not $PSBoundParameters['Confirm']
    if (-not $WhatIfPreference -and -not $confirmDeclined) {
        if (-not $PSCmdlet.ShouldContinue(('[=action] in this tenant: ' + $organization.DisplayName + ' (' + $connection.TenantID + ')?'), 'Which tenant')) {
            throw 'Stopped before any change. Connect to the tenant you mean (Connect-ExchangeOnline, or -DelegatedOrganization for a customer tenant) and run again; -Confirm:$false skips this question.'
        }
    }
[/#macro]
