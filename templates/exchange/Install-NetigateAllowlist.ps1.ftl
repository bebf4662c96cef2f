[#import "/_common/header.ftl" as h]
[#import "/_common/powershell.ftl" as p]
[#include "_names.ftl"]
[#assign changes = [
  "Run in the Exchange Management Shell of a Mailbox server (Exchange Server 2013 or later) as an Exchange",
  "administrator:",
  "    .\\Install-NetigateAllowlist.ps1 -WhatIf     (shows what it would change, changes nothing)",
  "    .\\Install-NetigateAllowlist.ps1             (applies; a second run changes nothing)",
  "    .\\Remove-NetigateAllowlist.ps1             (undo: removes exactly what this script created)",
  "-Server NAME picks the Mailbox server for the receive connector (default: this one). Every Exchange command",
  "runs with -ErrorAction Stop: the first error stops the script.",
  "Files downloaded from a ticket or a zip carry Windows' internet mark, and the RemoteSigned execution policy",
  "refuses them: run  Get-ChildItem *.ps1 | Unblock-File  in this folder first",
  "(https://learn.microsoft.com/powershell/module/microsoft.powershell.utility/unblock-file).",
  "What it changes, and what that weakens:",
  "  - transport rule '" + ruleName + "': SCL -1 only when the sending IP is one of",
  "    " + ips?join(", ") + " AND the sender domain is " + server.senderDomains?join(", "),
  "    or any subdomain of it (SenderDomainIs matches subdomains too), in the From, Sender or Reply-To",
  "    header (what Exchange Server reads by default; it offers no From-only choice). Any other sender on",
  "    these IPs is treated as before. What SCL -1 does here: it keeps the message out of the Junk Email folder (the",
  "    mailbox junk threshold). It does NOT stop the anti-spam agents: where they run (installed on the",
  "    Mailbox servers, or on an Edge Transport server) the Content Filter agent acts when the message is",
  "    received, before the Transport Rule agent sees it, and can still reject or quarantine it.",
  "  - with -BypassAntiSpamAgents only (opt-in, for organisations that run the anti-spam agents on their",
  "    Mailbox servers): the receive connector below also gets ms-Exch-Bypass-Anti-Spam for anonymous",
  "    senders, so the anti-spam agents skip sessions from Netigate's IPs. TRADE-OFF: this is tied to the IPs",
  "    only, not to Netigate's sender domains: every message from these IPs skips anti-spam filtering,",
  "    whatever its sender. Microsoft's pages do not say how the right set on a Front End Transport connector",
  "    reaches the agents in the Transport service: check the agent log (Get-AgentLog) after the first survey.",
  "    A later run without the switch takes the right away again."]]
[#if customerDomains?has_content]
[#assign changes = changes + [
  "  - scenario 2: a receive connector '" + connectorName + "' on -Server, port 25,",
  "    for these IPs only, PermissionGroups AnonymousUsers, protocol logging Verbose. AnonymousUsers already",
  "    grants " + authoritativeRight + " (your accepted domains as sender) and",
  "    ms-Exch-SMTP-Accept-Any-Sender, as on the Default Frontend connector; so the connector matters where",
  "    that right was taken off the default connector (anti-spoofing hardening): it gives it back to Netigate's",
  "    IPs only. It cannot limit the sender to " + customerDomains?join(", ") + ": any accepted domain.",
  "    It never grants relaying (" + relayRight + ") and never uses",
  "    ExternalAuthoritative; the script stops if the connector would allow relaying."]]
[#else]
[#assign changes = changes + [
  "  - a receive connector '" + connectorName + "' is created only with -BypassAntiSpamAgents: on",
  "    -Server, port 25, for these IPs only, PermissionGroups AnonymousUsers (which lets senders on these IPs",
  "    use your accepted domains as sender, as the Default Frontend connector does), protocol logging Verbose.",
  "    It never grants relaying (" + relayRight + ")."]]
[/#if]
[#if ipAllowList]
[#assign changes = changes + [
  "  - --ip-allow-list: nothing here. The IP Allow List belongs to the Connection Filtering agent, which runs",
  "    only on Edge Transport servers: run Install-NetigateEdgeAllowlist.ps1 on each of them."]]
[/#if]
[#assign changes = changes + [
  "  - If your MX points to a filtering gateway, a cloud service or an Edge Transport server, this server sees",
  "    that server's IP, not Netigate's. The script names how to check and what to do (README: \"If your mail",
  "    passes a gateway first\"); it changes nothing for it."]]
[@h.header c="#" title="Exchange Server: lets Netigate's survey invitations in, and nothing else" apply=changes /]
[@h.unknowns c="#" /]
[@h.ipCaveat c="#" /]
[CmdletBinding(SupportsShouldProcess = $true)]
param([string]$Server = $env:COMPUTERNAME, [switch]$BypassAntiSpamAgents)

# A preference set here does not reach the functions of the Exchange Management Shell's remote session (they
# run in a module's scope), so every Exchange command below also carries -ErrorAction Stop.
# https://learn.microsoft.com/en-us/powershell/module/microsoft.powershell.core/about/about_preference_variables
$ErrorActionPreference = 'Stop'

[@p.sameValuesFunction /]

try {
    if (-not (Get-Command -Name 'New-TransportRule' -ErrorAction SilentlyContinue)) {
        throw 'Run this script in the Exchange Management Shell: the Exchange cmdlets are not loaded.'
    }
    if (-not (Get-Command -Name 'New-TransportRule').Parameters.ContainsKey('SenderIpRanges')) {
        throw 'This shell offers no SenderIpRanges condition: run the script on a Mailbox server of Exchange 2013 or later (an Edge Transport server takes Install-NetigateEdgeAllowlist.ps1).'
    }

    # Transport rule, conditions ANDed: sender IP AND sender domain (SenderIpRanges is available on Mailbox
    # servers only; SenderDomainIs "matches domains and subdomains"; SenderAddressLocation's default Header means
    # "the From, Sender, or Reply-To fields" on-premises, and no value narrows it to From).
    # https://learn.microsoft.com/en-us/powershell/module/exchangepowershell/new-transportrule?view=exchange-ps
    # https://learn.microsoft.com/en-us/powershell/module/exchangepowershell/set-transportrule?view=exchange-ps
    # What SCL -1 achieves on-premises: the Content Filter agent and the other anti-spam agents act while the
    # message is received (SMTP events), the Transport Rule agent later, on the categorized message; the SCL
    # then counts against the mailbox junk threshold (Junk Email folder).
    # https://learn.microsoft.com/en-us/exchange/antispam-and-antimalware/antispam-protection/antispam-protection
    # https://learn.microsoft.com/en-us/exchange/mail-flow/transport-agents/transport-agents
    # https://learn.microsoft.com/en-us/exchange/antispam-and-antimalware/antispam-protection/scl
    $rule = Get-TransportRule -ErrorAction Stop | Where-Object { $_.Name -eq [=ps(ruleName)] }
    if ($null -eq $rule) {
        if ($PSCmdlet.ShouldProcess([=ps("transport rule " + ruleName)], 'Create')) {
            New-TransportRule -Name [=ps(ruleName)] -Comments [=ps(tag)] -SenderIpRanges [=p.list(ips)] -SenderDomainIs [=p.list(server.senderDomains)] -SetSCL -1 -SetHeaderName [=ps(headerName)] -SetHeaderValue [=ps(headerValue)] -ErrorAction Stop | Out-Null
            Write-Host [=ps("Created transport rule " + ruleName)]
        }
    } elseif ("$($rule.Comments)" -ne [=ps(tag)]) {
        throw [=ps("A transport rule named '" + ruleName + "' exists that this script did not create (its comment is not " + tag + "); rename or remove it, then run again.")]
    } elseif (-not (Test-SameValues $rule.SenderIpRanges @([=p.list(ips)])) -or -not (Test-SameValues $rule.SenderDomainIs @([=p.list(server.senderDomains)])) -or "$($rule.SetSCL)" -ne '-1' -or "$($rule.SetHeaderName)" -ne [=ps(headerName)] -or "$($rule.SetHeaderValue)" -ne [=ps(headerValue)]) {
        if ($PSCmdlet.ShouldProcess([=ps("transport rule " + ruleName)], 'Update')) {
            Set-TransportRule -Identity [=ps(ruleName)] -Comments [=ps(tag)] -SenderIpRanges [=p.list(ips)] -SenderDomainIs [=p.list(server.senderDomains)] -SetSCL -1 -SetHeaderName [=ps(headerName)] -SetHeaderValue [=ps(headerValue)] -ErrorAction Stop
            Write-Host [=ps("Updated transport rule " + ruleName)]
        }
    } else {
        Write-Host [=ps("Unchanged: transport rule " + ruleName)]
    }

    # A dedicated receive connector for Netigate's IPs only: Custom usage with PermissionGroups AnonymousUsers,
    # whose rights are ms-Exch-Accept-Headers-Routing, ms-Exch-SMTP-Accept-Any-Sender,
    # ms-Exch-SMTP-Accept-Authoritative-Domain-Sender and ms-Exch-SMTP-Submit (so no Add-ADPermission is needed
    # for scenario 2); relaying and ExternalAuthoritative are never granted. Protocol logging Verbose, so a failed
    # delivery can be traced. The most specific RemoteIPRanges wins among connectors on the same binding.
    # https://learn.microsoft.com/en-us/exchange/mail-flow/connectors/receive-connectors
    # https://learn.microsoft.com/en-us/powershell/module/exchangepowershell/new-receiveconnector?view=exchange-ps
    # https://learn.microsoft.com/en-us/powershell/module/exchangepowershell/set-receiveconnector?view=exchange-ps
    # https://learn.microsoft.com/en-us/exchange/mail-flow/connectors/configure-protocol-logging
    $wantConnector = [=customerDomains?has_content?then("$true", "$BypassAntiSpamAgents.IsPresent")]
    $receive = Get-ReceiveConnector -Server $Server -ErrorAction Stop | Where-Object { $_.Name -eq [=ps(connectorName)] }
    if ($null -ne $receive -and "$($receive.Comment)" -ne [=ps(tag)]) {
        throw [=ps("A receive connector named '" + connectorName + "' exists that this script did not create (its comment is not " + tag + "); rename or remove it, then run again.")]
    }
    if (-not $wantConnector) {
        if ($null -ne $receive) {
            Write-Warning [=ps("Receive connector '" + connectorName + "' is left from a run with -BypassAntiSpamAgents and still lets these IPs skip the anti-spam agents: run Remove-NetigateAllowlist.ps1, or this script with -BypassAntiSpamAgents to keep it.")]
        }
    } elseif ($null -eq $receive) {
        if ($PSCmdlet.ShouldProcess([=ps("receive connector " + connectorName)], 'Create')) {
            New-ReceiveConnector -Name [=ps(connectorName)] -Server $Server -TransportRole 'FrontendTransport' -Usage 'Custom' -Bindings '0.0.0.0:25' -RemoteIPRanges [=p.list(ips)] -PermissionGroups 'AnonymousUsers' -AuthMechanism 'Tls' -RequireTLS $[=profile.tls.inboundRequired?c] -ProtocolLoggingLevel 'Verbose' -Comment [=ps(tag)] -ErrorAction Stop | Out-Null
            Write-Host [=ps("Created receive connector " + connectorName)]
        }
    } elseif (-not (Test-SameValues $receive.RemoteIPRanges @([=p.list(ips)])) -or "$($receive.PermissionGroups)" -ne 'AnonymousUsers' -or "$($receive.AuthMechanism)" -ne 'Tls' -or $receive.RequireTLS -ne $[=profile.tls.inboundRequired?c] -or "$($receive.ProtocolLoggingLevel)" -ne 'Verbose') {
        if ($PSCmdlet.ShouldProcess([=ps("receive connector " + connectorName)], 'Update')) {
            Set-ReceiveConnector -Identity $receive.Identity -RemoteIPRanges [=p.list(ips)] -PermissionGroups 'AnonymousUsers' -AuthMechanism 'Tls' -RequireTLS $[=profile.tls.inboundRequired?c] -ProtocolLoggingLevel 'Verbose' -Comment [=ps(tag)] -ErrorAction Stop
            Write-Host [=ps("Updated receive connector " + connectorName)]
        }
    } else {
        Write-Host [=ps("Unchanged: receive connector " + connectorName)]
    }

    # The connector must never let anonymous senders relay; the only right this script grants itself is the
    # opt-in ms-Exch-Bypass-Anti-Spam ("allows SMTP clients or servers to bypass antispam filtering").
    # https://learn.microsoft.com/en-us/powershell/module/exchangepowershell/get-adpermission?view=exchange-ps
    # https://learn.microsoft.com/en-us/powershell/module/exchangepowershell/add-adpermission?view=exchange-ps
    # https://learn.microsoft.com/en-us/powershell/module/exchangepowershell/remove-adpermission?view=exchange-ps
    $receive = Get-ReceiveConnector -Server $Server -ErrorAction Stop | Where-Object { $_.Name -eq [=ps(connectorName)] }
    if ($wantConnector -and $null -ne $receive) {
        $anonymousName = (New-Object -TypeName 'System.Security.Principal.SecurityIdentifier' -ArgumentList [=ps(anonymousSid)]).Translate([System.Security.Principal.NTAccount]).Value
        $anonymous = @(Get-ADPermission -Identity $receive.Identity -ErrorAction Stop | Where-Object { "$($_.User)" -eq $anonymousName -and -not $_.Deny })
        if ($anonymous | Where-Object { "$($_.ExtendedRights)" -match [=ps(relayRight)] }) {
            throw [=ps("Receive connector '" + connectorName + "' lets anonymous senders relay (" + relayRight + "). Remove that right (Remove-ADPermission) or run Remove-NetigateAllowlist.ps1.")]
        }
[#if customerDomains?has_content]
        if (-not ($anonymous | Where-Object { "$($_.ExtendedRights)" -match [=ps(authoritativeRight)] })) {
            Write-Warning [=ps("Receive connector '" + connectorName + "' does not (yet) show " + authoritativeRight + " for anonymous senders, which PermissionGroups AnonymousUsers grants; check with Get-ADPermission once Active Directory has replicated.")]
        }
[/#if]
        $bypass = @($anonymous | Where-Object { "$($_.ExtendedRights)" -match [=ps(bypassRight)] })
        if ($BypassAntiSpamAgents -and $bypass.Count -eq 0) {
            if ($PSCmdlet.ShouldProcess([=ps("receive connector " + connectorName)], [=ps("Grant " + bypassRight)])) {
                Add-ADPermission -Identity $receive.Identity -User $anonymousName -ExtendedRights [=ps(bypassRight)] -ErrorAction Stop | Out-Null
                Write-Host [=ps("Granted " + bypassRight + " on receive connector " + connectorName + ": sessions from Netigate's IPs skip the anti-spam agents, whatever the sender")]
            }
        } elseif (-not $BypassAntiSpamAgents -and $bypass.Count -gt 0) {
            if ($PSCmdlet.ShouldProcess([=ps("receive connector " + connectorName)], [=ps("Revoke " + bypassRight)])) {
                Remove-ADPermission -Identity $receive.Identity -User $anonymousName -ExtendedRights [=ps(bypassRight)] -Confirm:$false -ErrorAction Stop
                Write-Host [=ps("Revoked " + bypassRight + " on receive connector " + connectorName + " (run with -BypassAntiSpamAgents to keep it)")]
            }
        }
    }

    # Behind a gateway: Exchange sees the last server's IP. An Edge subscription means mail arrives from the Edge
    # Transport servers; MX records are looked up outside Exchange.
    # https://learn.microsoft.com/en-us/powershell/module/exchangepowershell/get-edgesubscription?view=exchange-ps
    # https://learn.microsoft.com/en-us/exchange/antispam-and-antimalware/antispam-protection/antispam-on-mailbox-servers
    $edges = @(Get-EdgeSubscription -ErrorAction Stop)
    if ($edges.Count -gt 0) {
        Write-Warning ('This organisation has Edge Transport subscriptions (' + (@($edges | ForEach-Object { "$($_.Name)" }) -join ', ') + '): internet mail reaches this server from the Edge, whose anti-spam agents filter it first. The Edge IP Allow List (--ip-allow-list, Install-NetigateEdgeAllowlist.ps1 on each Edge) is the documented exemption there; the transport rule above cannot undo an Edge rejection.')
    }
    Write-Host ''
    Write-Host 'Check where your mail comes from: Resolve-DnsName -Type MX <your domain> (or: whitelist-gen check tls --domain <your domain>).'
    Write-Host 'If the MX names a filtering gateway or cloud service rather than this organisation, this server sees the'
    Write-Host "gateway's IP, not Netigate's, and the rule's sender IP condition never matches: allowlist Netigate in the"
    Write-Host 'gateway itself. Where the anti-spam agents run behind it, list the gateway in Set-TransportConfig'
    Write-Host '-InternalSMTPServers so that they find the original IP. Microsoft does not say whether the transport'
    Write-Host [=ps("rule's sender IP condition then sees Netigate's IP: check a survey for the header " + headerName + ": " + headerValue + ".")]
[#if customerDomains?has_content]

    Write-Host ''
    Write-Host 'Scenario 2 also needs, outside Exchange:'
    Write-Host [=ps("  - the SPF record of " + customerDomains?join(", ") + " must include Netigate (whitelist-gen --target bind --server " + server.id + customerDomains?map(d -> " --domain " + d)?join("") + ");")]
    Write-Host '  - SPF checks the envelope sender only; the From address people see is judged by DMARC, which needs'
    Write-Host '    DKIM signing for your domain in your Netigate account (or an aligned SPF pass).'
[/#if]
[#if ipAllowList]

    Write-Host ''
    Write-Host 'The IP Allow List (--ip-allow-list) is not set here: run Install-NetigateEdgeAllowlist.ps1 in the Exchange Management Shell of each Edge Transport server.'
[/#if]

    Write-Host ''
    Write-Host 'Done.'
}
[@p.failureHandler what="Install-NetigateAllowlist.ps1" /]
