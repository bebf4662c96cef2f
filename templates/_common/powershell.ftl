[#-- Pieces every PowerShell target shares. Values always go through ps(): single-quoted, ' doubled. --]

[#-- 'a', 'b', 'c' : a PowerShell array of single-quoted strings. --]
[#function list values]
[#return values?map(v -> ps(v))?join(", ")]
[/#function]

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

[#-- Writes what the install just added into the tagged rule's comment at once, so a later failure cannot lose it. --]
[#macro addRecordFunction ruleName prefix]
# Records what this script added in the tagged rule's comment, at once (a later failure cannot lose it); the
# removal script removes only what is recorded there. Comments hold at most 1024 characters (checked when generated).
# https://learn.microsoft.com/en-us/powershell/module/exchangepowershell/set-transportrule?view=exchange-ps
function Add-NetigateRecord {
    param([string]$Token)
    $script:recorded = @(@($script:recorded) + $Token | Sort-Object -Unique)
    Set-TransportRule -Identity [=ps(ruleName)] -Comments ([=ps(prefix)] + ($script:recorded -join ',')) -ErrorAction Stop
}
[/#macro]
