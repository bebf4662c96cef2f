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
