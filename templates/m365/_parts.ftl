[#-- Pieces the m365 scripts share; included after _names.ftl, whose names they use. --]
[#include "/_common/parts.ftl"]
[#-- Where the gateway's own part is (issue 29): its console for a gateway without a target; else its guide in this
     bundle, the Netigate contact when the bundle lacks it, or outside a bundle the command that writes it. Plain
     English: the scripts are ASCII-only. --]
[#function gatewayPart]
[#if behind == "other"][#return "its vendor's console" + (partState("json") == "here")?then("; " + partFile("json") + " in this package holds the values", "")][/#if]
[#local state = partState(behind)]
[#if state == "here"][#return partFile(behind) + " in this package"][/#if]
[#if state == "ask"][#return "ask your Netigate contact for its part"][/#if]
[#return "whitelist-gen --target " + behind + " --server " + server.id]
[/#function]

[#-- Reads the recorded entries back, whatever version or option added them (issue 23.2): one function removes
     any recorded token, so the removal script and the install's convergence need no list of their own. --]
[#macro recordedEntryFunctions]
# Removes the entry one recorded token stands for: ip:ADDRESS (connection filter IP Allow List, @{Remove=...}) or
# spoof:USER>SOURCE (spoof allow pair, by the Identity Get-TenantAllowBlockListSpoofItems reports). A token of
# another form is reported and left alone.
# https://learn.microsoft.com/en-us/powershell/module/exchangepowershell/set-hostedconnectionfilterpolicy?view=exchange-ps
# https://learn.microsoft.com/en-us/powershell/module/exchangepowershell/remove-tenantallowblocklistspoofitems?view=exchange-ps
# Remove-TenantAllowBlockListSpoofItems: its page asks for -Identity domain.com\Default, while the same cmdlet's
# example on the Set-TenantAllowBlockListSpoofItems page and the New-/Set- pages use Default; neither page says
# the two differ. The scripts use Default, as for creating the pair.
function Remove-NetigateRecordedEntry {
    param([string]$Token)
    if ($Token -match '^ip:(?<address>[0-9.]+(/[0-9]+)?)$') {
        $address = $Matches['address']
        $allowed = @(@((Get-HostedConnectionFilterPolicy -Identity 'Default' -ErrorAction Stop).IPAllowList) | Where-Object { $null -ne $_ } | ForEach-Object { "$_" })
        if ($allowed -contains $address) {
            Set-HostedConnectionFilterPolicy -Identity 'Default' -IPAllowList @{Remove = $address} -ErrorAction Stop
            Write-Host "Removed $address from the connection filter IP Allow List"
        } else {
            Write-Host "Not present: $address in the connection filter IP Allow List"
        }
    } elseif ($Token -match '^spoof:(?<user>[^>]+)>(?<source>.+)$') {
        $user = $Matches['user']
        $source = $Matches['source']
        $items = @(Get-TenantAllowBlockListSpoofItems -Action 'Allow' -ErrorAction Stop | Where-Object { "$($_.SpoofedUser)" -eq $user -and "$($_.SendingInfrastructure)" -eq $source })
        foreach ($item in $items) {
            Remove-TenantAllowBlockListSpoofItems -Identity 'Default' -Ids $item.Identity -Confirm:$false -ErrorAction Stop
            Write-Host "Removed spoof allow pair $user from $source"
        }
        if ($items.Count -eq 0) {
            Write-Host "Not present: spoof allow pair $user from $source"
        }
    } else {
        Write-Warning "Left alone: '$Token' in the record is of no form this script knows (ip:ADDRESS, spoof:USER>SOURCE)."
    }
}
[/#macro]

[#-- The sending infrastructure Microsoft names each Netigate IP by: its PTR name's organizational domain, or its /24. --]
[#macro organizationalDomainFunction]
# The organizational domain of a PTR name: its last two labels, or three where the last is a two-letter country
# code under a second-level label that registries use for registrations (co, com, net, org, ac, gov, edu, or, ne,
# go: example.co.uk). This approximates the Public Suffix List without carrying it; the script prints every
# domain it picks, and a name it cannot reduce (fewer than two labels) falls back to the /24.
function Get-OrganizationalDomain {
    param([string]$Name)
    $labels = @($Name.ToLowerInvariant().TrimEnd('.') -split '\.' | Where-Object { $_ -ne '' })
    if ($labels.Count -lt 2) {
        return ''
    }
    $take = 2
    $registryLabels = @('co', 'com', 'net', 'org', 'ac', 'gov', 'edu', 'or', 'ne', 'go')
    if ($labels.Count -ge 3 -and $labels[-1].Length -eq 2 -and $registryLabels -contains $labels[-2]) {
        $take = 3
    }
    return ($labels[($labels.Count - $take)..($labels.Count - 1)] -join '.')
}

# "<source IP>/24" when the IP has no PTR record (Microsoft: "Use the IP address if the source IP address has no PTR
# record"), else the PTR name's organizational domain ("We also recommend using the PTR Organization Domain").
# https://learn.microsoft.com/en-us/defender-office-365/tenant-allow-block-list-email-spoof-configure
function Get-NetigateSendingInfrastructure {
    param([string]$Address, [string]$Network, [string[]]$NetigateDomains)
    $ptr = ''
    try {
        $ptr = [System.Net.Dns]::GetHostEntry([System.Net.IPAddress]::Parse($Address)).HostName
    } catch {
        $ptr = ''
    }
    if ([string]::IsNullOrEmpty($ptr) -or $ptr -eq $Address) {
        Write-Host "Netigate IP $Address has no PTR name: sending infrastructure $Network (256 addresses of the hosting provider, not only Netigate's)"
        return $Network
    }
    $domain = Get-OrganizationalDomain -Name $ptr
    if ($domain -notmatch '^[a-z0-9-]+(\.[a-z0-9-]+)+$') {
        Write-Warning "Netigate IP $Address has the PTR name $ptr, which has no organizational domain this script can name: sending infrastructure $Network. Compare with the spoof intelligence insight after the first survey."
        return $Network
    }
    if ($NetigateDomains -contains $domain) {
        Write-Host "Netigate IP $Address has the PTR name ${ptr}: sending infrastructure $domain (Netigate's own domain)"
    } else {
        Write-Warning "Netigate IP $Address has the PTR name ${ptr}: sending infrastructure $domain, which is not one of Netigate's domains (a hosting provider's?). The pair then lets every server whose PTR name lies in $domain send as your domain past spoof checks."
    }
    return $domain
}
[/#macro]

[#-- Where each accepted domain's mail comes in (issue 24.2): Microsoft 365's MX host names are those of Microsoft's
     endpoint list for Exchange Online (*.mail.protection.outlook.com, *.mx.microsoft). --]
[#macro mxReport]
    # MX per accepted domain. Resolve-DnsName exists on Windows only; elsewhere the MX is not checkable here.
    # https://learn.microsoft.com/en-us/powershell/module/dnsclient/resolve-dnsname
    # https://learn.microsoft.com/en-us/microsoft-365/enterprise/urls-and-ip-address-ranges (Exchange Online, ID 10)
    $mxMicrosoft = @()
    $mxElsewhere = @()
    $mxUnknown = @()
    $canResolve = $null -ne (Get-Command -Name 'Resolve-DnsName' -ErrorAction SilentlyContinue)
    foreach ($domain in @($accepted | Where-Object { $_ -notlike '*.onmicrosoft.com' })) {
        if (-not $canResolve) {
            $mxUnknown += $domain
            continue
        }
        $hosts = @(Resolve-DnsName -Name $domain -Type 'MX' -DnsOnly -ErrorAction SilentlyContinue | Where-Object { $_.Type -eq 'MX' } | ForEach-Object { "$($_.NameExchange)".ToLowerInvariant().TrimEnd('.') })
        if ($hosts.Count -eq 0) {
            $mxUnknown += $domain
            Write-Host "MX of ${domain}: none found (no mail for it, or DNS not reachable from here)"
        } elseif (@($hosts | Where-Object { $_ -notlike '*.mail.protection.outlook.com' -and $_ -notlike '*.mx.microsoft' }).Count -eq 0) {
            $mxMicrosoft += $domain
            Write-Host ("MX of ${domain}: Microsoft 365 (" + ($hosts -join ', ') + ')')
        } else {
            $mxElsewhere += $domain
            Write-Host ("MX of ${domain}: not Microsoft 365 (" + ($hosts -join ', ') + ')')
        }
    }
    if (-not $canResolve) {
        Write-Host 'MX: not checkable here (Resolve-DnsName is missing; PowerShell on Linux or macOS). Check with: whitelist-gen check tls --domain DOMAIN'
    }
[/#macro]

[#-- Without --behind: what the MX and the connectors mean for the rule, as Microsoft documents it. --]
[#macro gatewayAdvice]
    # Behind a gateway the connecting IP is the gateway's: New-TransportRule says SenderIpRanges is evaluated
    # against "the address of the last hop before reaching the service", so the rule never sees Netigate's IPs.
    # Decided from the MX of each accepted domain and the inbound connectors together: a connector of type
    # OnPremises, or a Partner connector restricted to IPs or a certificate, is a gateway's only when the MX points
    # elsewhere; with the MX at Microsoft 365 it is a hybrid (on-premises) connector, and internet mail, Netigate's
    # included, reaches Exchange Online directly: no Enhanced Filtering is needed for it.
    # Enhanced Filtering for Connectors: "If you have an mail flow rule (also known as a transport rule) rule that force
    # messages to skip filtering once it comes into EOP (i.e., marking the SCL of the message to -1 to prevent double
    # filtering), you will need to disable that mail flow rule" (current wording: must be disabled).
    # https://learn.microsoft.com/en-us/exchange/mail-flow-best-practices/use-connectors-to-configure-mail-flow/enhanced-filtering-for-connectors
    # https://learn.microsoft.com/en-us/powershell/module/exchangepowershell/get-inboundconnector?view=exchange-ps
    $candidates = @(Get-InboundConnector -ErrorAction Stop | Where-Object { $_.Enabled -and "$($_.Comment)" -ne [=ps(tag)] -and ("$($_.ConnectorType)" -eq 'OnPremises' -or ("$($_.ConnectorType)" -eq 'Partner' -and ($_.RestrictDomainsToIPAddresses -or $_.RestrictDomainsToCertificate))) })
    $withEnhancedFiltering = @($candidates | Where-Object { $_.EFSkipLastIP -or @($_.EFSkipIPs).Count -gt 0 })
    if ($mxElsewhere.Count -gt 0) {
        Write-Warning ('The MX of ' + ($mxElsewhere -join ', ') + [=ps(" points to another service or device (a filtering gateway): Exchange Online sees its IP, not Netigate's, so the mail flow rule's sender IP condition (\"the address of the last hop\") never matches mail to these domains, and with such an MX Microsoft says a bypass rule \"can result in the delivery of messages detected as high confidence phishing\". Regenerate with --behind GATEWAY (whitelist-gen --target m365 --server " + server.id + " --behind hornetsecurity|mimecast|proofpoint|barracuda|cisco|other): it turns on Enhanced Filtering for Connectors on the gateway's connector and adds no SCL -1 rule, and allowlist Netigate in the gateway itself.")])
        if ($candidates.Count -eq 0) {
            Write-Warning 'No inbound connector for that gateway was found (OnPremises, or Partner restricted to IPs or a certificate): its mail arrives as anonymous internet mail. Create one as the gateway vendor documents.'
        }
        foreach ($gateway in $withEnhancedFiltering) {
            Write-Warning ("Inbound connector '" + $gateway.Name + "' has Enhanced Filtering on; Microsoft says an SCL -1 mail flow rule must then be disabled. This script's rule sets SCL -1: regenerate with --behind GATEWAY.")
        }
    } elseif ($mxMicrosoft.Count -gt 0 -and $mxUnknown.Count -eq 0) {
        Write-Host 'Every MX points to Microsoft 365: the rule sees the connecting IP, and secure by default still quarantines malware and high-confidence phishing.'
        foreach ($gateway in $candidates) {
            Write-Host ("Inbound connector '" + $gateway.Name + "' (" + $gateway.ConnectorType + '): with the MX at Microsoft 365 it carries mail from your own servers (hybrid), not internet mail; no Enhanced Filtering is needed for Netigate.')
        }
    } else {
        foreach ($gateway in $candidates) {
            Write-Warning ("Inbound connector '" + $gateway.Name + "' (" + $gateway.ConnectorType + ') is a gateway''s if your MX points to that gateway, a hybrid one if it points to Microsoft 365; the MX could not be read here. Behind a gateway the rule never matches: regenerate with --behind GATEWAY.')
        }
    }
[/#macro]

[#-- With --behind: Enhanced Filtering for Connectors on the gateway's inbound connector, IPs never invented. --]
[#macro enhancedFilteringOnGateway]
    # Enhanced Filtering for Connectors ("skip listing") lets Exchange Online "skip your internal (trusted) IP
    # addresses to find the last known external (untrusted) IP address of the message": the gateway's IPs
    # (EFSkipIPs) or the last hop (EFSkipLastIP $true, "if you have only one message source to skip").
    # https://learn.microsoft.com/en-us/exchange/mail-flow-best-practices/use-connectors-to-configure-mail-flow/enhanced-filtering-for-connectors
    # https://learn.microsoft.com/en-us/powershell/module/exchangepowershell/set-inboundconnector?view=exchange-ps
    $candidates = @(Get-InboundConnector -ErrorAction Stop | Where-Object { $_.Enabled -and "$($_.Comment)" -ne [=ps(tag)] -and ("$($_.ConnectorType)" -eq 'OnPremises' -or ("$($_.ConnectorType)" -eq 'Partner' -and ($_.RestrictDomainsToIPAddresses -or $_.RestrictDomainsToCertificate))) })
    if ($GatewayConnector -ne '') {
        $candidates = @($candidates | Where-Object { $_.Name -eq $GatewayConnector })
    }
    if ($candidates.Count -ne 1) {
        throw ('Found ' + $candidates.Count + [=ps(" inbound connectors that could be the " + behind + " gateway's (enabled, OnPremises or Partner restricted to IPs or a certificate): ")] + (@($candidates | ForEach-Object { "'" + $_.Name + "'" }) -join ', ') + '. Create the gateway''s connector as its vendor documents if there is none, or name it with -GatewayConnector NAME. Nothing was changed.')
    }
    $gateway = $candidates[0]
    $skip = @($GatewayIP | Where-Object { "$_" -ne '' })
    foreach ($ip in $skip) {
        if ("$ip" -notmatch '^[0-9]{1,3}(\.[0-9]{1,3}){3}((/[0-9]{1,2})|(-[0-9]{1,3}(\.[0-9]{1,3}){3}))?$') {
            throw "-GatewayIP '$ip': not an IPv4 address, range or CIDR range. Nothing was changed."
        }
    }
    if ($skip.Count -eq 0 -and -not $SkipLastIP) {
        $skip = @(@($gateway.SenderIPAddresses) | ForEach-Object { "$_" } | Where-Object { $_ -ne '' })
        if ($skip.Count -eq 0) {
            throw ("Connector '" + $gateway.Name + "' lists no sender IPs: give the gateway's IPs with -GatewayIP (from the vendor's documentation), or -SkipLastIP. Nothing was changed.")
        }
        Write-Host ("Gateway IPs from connector '" + $gateway.Name + "': " + ($skip -join ', '))
    }
    if ($SkipLastIP) {
        if (-not $gateway.EFSkipLastIP) {
            if ($PSCmdlet.ShouldProcess("inbound connector $($gateway.Name)", 'Enhanced Filtering: skip the last IP')) {
                Set-InboundConnector -Identity $gateway.Identity -EFSkipLastIP $true -ErrorAction Stop
                Write-Host ("Enhanced Filtering on connector '" + $gateway.Name + "': skips the last IP")
            }
        } else {
            Write-Host ("Unchanged: Enhanced Filtering on connector '" + $gateway.Name + "' skips the last IP")
        }
    } elseif ($gateway.EFSkipLastIP -or -not (Test-SameValues $gateway.EFSkipIPs $skip)) {
        if ($PSCmdlet.ShouldProcess("inbound connector $($gateway.Name)", ('Enhanced Filtering: skip ' + ($skip -join ', ')))) {
            Set-InboundConnector -Identity $gateway.Identity -EFSkipLastIP $false -EFSkipIPs $skip -ErrorAction Stop
            Write-Host ("Enhanced Filtering on connector '" + $gateway.Name + "': skips " + ($skip -join ', '))
        }
    } else {
        Write-Host ("Unchanged: Enhanced Filtering on connector '" + $gateway.Name + "' skips " + ($skip -join ', '))
    }
    # Microsoft: after Enhanced Filtering is on, a rule that sets SCL -1 for mail from the gateway must be disabled.
    # Rules of yours are named, not changed.
    foreach ($bypass in @(Get-TransportRule -ErrorAction Stop | Where-Object { "$($_.State)" -eq 'Enabled' -and "$($_.SetSCL)" -eq '-1' -and $_.Name -ne [=ps(ruleName)] })) {
        Write-Warning ("Mail flow rule '" + $bypass.Name + "' sets SCL -1 and is enabled: Microsoft says such a rule must be disabled once Enhanced Filtering for Connectors is on (Disable-TransportRule). This script leaves your rules as they are.")
    }
    Write-Host ''
    Write-Host [=ps("Behind " + behind + ": allowlist Netigate in the gateway itself (" + gatewayPart() + "). Exchange Online then judges the real source: the spoof allow pairs below (scenario 2) apply to it; the mail flow rule stays disabled.")]
[/#macro]
