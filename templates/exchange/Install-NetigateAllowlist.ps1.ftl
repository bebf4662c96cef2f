[#import "/_common/header.ftl" as h]
[#import "/_common/powershell.ftl" as p]
[#include "_names.ftl"]
[#assign changes = [
  "Run in the Exchange Management Shell of a Mailbox server (Exchange Server 2013 or later) as an Exchange",
  "administrator:",
  "    .\\Install-NetigateAllowlist.ps1 -WhatIf     (shows what it would change, changes nothing)",
  "    .\\Install-NetigateAllowlist.ps1             (applies; a second run changes nothing)",
  "    .\\Install-NetigateAllowlist.ps1 -Mode Audit (the rule only logs what it would do; a run without it enforces)",
  "    .\\Test-NetigateAllowlist.ps1                (read-only report: done, not done, not checkable)",
  "    .\\Remove-NetigateAllowlist.ps1             (undo: removes every object carrying this script's tag)",
  "The receive connector goes on every server with a Front End Transport service (Get-FrontendTransportService);",
  "-Server NAME,NAME limits it to those and the script names the ones left without it. Every Exchange command",
  "runs with -ErrorAction Stop: the first error stops the script. A transcript (Install-NetigateAllowlist-DATE.log)",
  "naming the organization, the user, the profile version and the generating command is written beside the script.",
  "Files downloaded from a ticket or a zip carry Windows' internet mark, and the RemoteSigned execution policy",
  "refuses them: run  Get-ChildItem *.ps1 | Unblock-File  in this folder first",
  "(https://learn.microsoft.com/powershell/module/microsoft.powershell.utility/unblock-file).",
  "What it changes, and what that weakens:",
  "  - transport rule '" + ruleName + "': SCL -1 only when the sending IP is one of",
  "    " + ips?join(", ") + " AND the sender domain is " + server.senderDomains?join(", "),
  "    or any subdomain of it (SenderDomainIs matches subdomains too), in the From field only",
  "    (-SenderAddressLocation Header: \"Only examine senders in the message headers (the From field)\", set",
  "    explicitly and checked on every run). Any other sender on these IPs is treated as before. Microsoft: \"An",
  "    SCL value of -1 bypasses spam filtering\"; in practice it keeps the message out of the Junk Email folder (the",
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
  "  - scenario 2: a receive connector '" + connectorName + "' on each Front End Transport server, port 25,",
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
  "    each Front End Transport server, port 25, for these IPs only, PermissionGroups AnonymousUsers (which lets senders on these IPs",
  "    use your accepted domains as sender, as the Default Frontend connector does), protocol logging Verbose.",
  "    It never grants relaying (" + relayRight + ")."]]
[/#if]
[#if !ipAllowList]
[#assign changes = changes + [
  "  - No IP Allow List (--ip-allow-list): it belongs to the Connection Filtering agent, which runs only on Edge",
  "    Transport servers. Ask your Netigate contact for it only if you run Edge Transport servers and they still",
  "    reject or junk the surveys (their agent log, Get-AgentLog, names the agent that acted)."]]
[/#if]
[#if ipAllowList]
[#assign changes = changes + [
  "  - --ip-allow-list: nothing here. The IP Allow List belongs to the Connection Filtering agent, which runs",
  "    only on Edge Transport servers: run Install-NetigateEdgeAllowlist.ps1 on each of them."]]
[/#if]
[#assign changes = changes + [
  "  - With Edge Transport subscriptions internet mail reaches the Mailbox servers from the Edge: no receive",
  "    connector is created or kept then (it would see only the Edge's IPs), and the script says what the Edge needs.",
  "  - If your MX points to a filtering gateway or a cloud service, this server sees that server's IP, not",
  "    Netigate's. The script names how to check and what to do; it changes nothing for it."]]
[@h.header c="#" title="Exchange Server: lets Netigate's survey invitations in, and nothing else" apply=changes /]
[@h.unknowns c="#" /]
[@h.ipCaveat c="#" /]
[CmdletBinding(SupportsShouldProcess = $true)]
param(
    # Servers for the receive connector; default: every server with a Front End Transport service.
    [string[]]$Server = @(),
    [switch]$BypassAntiSpamAgents,
    # Audit: the rule's actions are only written to the message tracking log (New-TransportRule -Mode).
    [ValidateSet('Enforce', 'Audit')]
    [string]$Mode = 'Enforce'
)

# A preference set here does not reach the functions of the Exchange Management Shell's remote session (they
# run in a module's scope), so every Exchange command below also carries -ErrorAction Stop.
# https://learn.microsoft.com/en-us/powershell/module/microsoft.powershell.core/about/about_preference_variables
$ErrorActionPreference = 'Stop'

[@p.sameValuesFunction /]

# The dedicated receive connector on one server, for Netigate's IPs only: Custom usage with PermissionGroups
# AnonymousUsers, whose rights are ms-Exch-Accept-Headers-Routing, ms-Exch-SMTP-Accept-Any-Sender,
# ms-Exch-SMTP-Accept-Authoritative-Domain-Sender and ms-Exch-SMTP-Submit (so no Add-ADPermission is needed for
# scenario 2); relaying and ExternalAuthoritative are never granted. Protocol logging Verbose, so a failed delivery
# can be traced. The most specific RemoteIPRanges wins among connectors on the same binding. The only right this
# script grants itself is the opt-in ms-Exch-Bypass-Anti-Spam ("allows SMTP clients or servers to bypass antispam
# filtering"); a connector that lets anonymous senders relay stops the script.
# https://learn.microsoft.com/en-us/exchange/mail-flow/connectors/receive-connectors
# https://learn.microsoft.com/en-us/powershell/module/exchangepowershell/new-receiveconnector?view=exchange-ps
# https://learn.microsoft.com/en-us/powershell/module/exchangepowershell/set-receiveconnector?view=exchange-ps
# https://learn.microsoft.com/en-us/exchange/mail-flow/connectors/configure-protocol-logging
# https://learn.microsoft.com/en-us/powershell/module/exchangepowershell/get-adpermission?view=exchange-ps
# https://learn.microsoft.com/en-us/powershell/module/exchangepowershell/add-adpermission?view=exchange-ps
# https://learn.microsoft.com/en-us/powershell/module/exchangepowershell/remove-adpermission?view=exchange-ps
function Set-NetigateReceiveConnector {
    [CmdletBinding(SupportsShouldProcess = $true)]
    param([string]$ServerName, [string]$AnonymousName)
    $receive = Get-ReceiveConnector -Server $ServerName -ErrorAction Stop | Where-Object { $_.Name -eq [=ps(connectorName)] }
    if ($null -ne $receive -and "$($receive.Comment)" -ne [=ps(tag)]) {
        throw ([=ps("A receive connector named '" + connectorName + "' exists on ")] + $ServerName + ' that this script did not create (its comment is not [=tag]); rename or remove it, then run again.')
    }
    if ($null -eq $receive) {
        if ($PSCmdlet.ShouldProcess([=ps("receive connector " + connectorName + " on ")] + $ServerName, 'Create')) {
            New-ReceiveConnector -Name [=ps(connectorName)] -Server $ServerName -TransportRole 'FrontendTransport' -Usage 'Custom' -Bindings '0.0.0.0:25' -RemoteIPRanges [@p.values ips/] -PermissionGroups 'AnonymousUsers' -AuthMechanism 'Tls' -RequireTLS $[=profile.tls.inboundRequired?c] -ProtocolLoggingLevel 'Verbose' -Comment [=ps(tag)] -ErrorAction Stop | Out-Null
            Write-Host ([=ps("Created receive connector " + connectorName + " on ")] + $ServerName)
        }
    } elseif (-not (Test-SameValues $receive.RemoteIPRanges @([@p.values ips/])) -or "$($receive.PermissionGroups)" -ne 'AnonymousUsers' -or "$($receive.AuthMechanism)" -ne 'Tls' -or $receive.RequireTLS -ne $[=profile.tls.inboundRequired?c] -or "$($receive.ProtocolLoggingLevel)" -ne 'Verbose') {
        if ($PSCmdlet.ShouldProcess([=ps("receive connector " + connectorName + " on ")] + $ServerName, 'Update')) {
            Set-ReceiveConnector -Identity $receive.Identity -RemoteIPRanges [@p.values ips/] -PermissionGroups 'AnonymousUsers' -AuthMechanism 'Tls' -RequireTLS $[=profile.tls.inboundRequired?c] -ProtocolLoggingLevel 'Verbose' -Comment [=ps(tag)] -ErrorAction Stop
            Write-Host ([=ps("Updated receive connector " + connectorName + " on ")] + $ServerName)
        }
    } else {
        Write-Host ([=ps("Unchanged: receive connector " + connectorName + " on ")] + $ServerName)
    }
    $receive = Get-ReceiveConnector -Server $ServerName -ErrorAction Stop | Where-Object { $_.Name -eq [=ps(connectorName)] }
    if ($null -eq $receive) {
        return
    }
    $anonymous = @(Get-ADPermission -Identity $receive.Identity -ErrorAction Stop | Where-Object { "$($_.User)" -eq $AnonymousName -and -not $_.Deny })
    if ($anonymous | Where-Object { "$($_.ExtendedRights)" -match [=ps(relayRight)] }) {
        throw ([=ps("Receive connector '" + connectorName + "' on ")] + $ServerName + [=ps(" lets anonymous senders relay (" + relayRight + "). Remove that right (Remove-ADPermission) or run Remove-NetigateAllowlist.ps1.")])
    }
[#if customerDomains?has_content]
    if (-not ($anonymous | Where-Object { "$($_.ExtendedRights)" -match [=ps(authoritativeRight)] })) {
        Write-Warning ([=ps("Receive connector '" + connectorName + "' on ")] + $ServerName + [=ps(" does not (yet) show " + authoritativeRight + " for anonymous senders, which PermissionGroups AnonymousUsers grants; check with Get-ADPermission once Active Directory has replicated.")])
    }
[/#if]
    $bypass = @($anonymous | Where-Object { "$($_.ExtendedRights)" -match [=ps(bypassRight)] })
    if ($BypassAntiSpamAgents -and $bypass.Count -eq 0) {
        if ($PSCmdlet.ShouldProcess([=ps("receive connector " + connectorName + " on ")] + $ServerName, [=ps("Grant " + bypassRight)])) {
            Add-ADPermission -Identity $receive.Identity -User $AnonymousName -ExtendedRights [=ps(bypassRight)] -ErrorAction Stop | Out-Null
            Write-Host ([=ps("Granted " + bypassRight + " on receive connector " + connectorName + " on ")] + $ServerName + ": sessions from Netigate's IPs skip the anti-spam agents, whatever the sender")
        }
    } elseif (-not $BypassAntiSpamAgents -and $bypass.Count -gt 0) {
        if ($PSCmdlet.ShouldProcess([=ps("receive connector " + connectorName + " on ")] + $ServerName, [=ps("Revoke " + bypassRight)])) {
            Remove-ADPermission -Identity $receive.Identity -User $AnonymousName -ExtendedRights [=ps(bypassRight)] -Confirm:$false -ErrorAction Stop
            Write-Host ([=ps("Revoked " + bypassRight + " on receive connector " + connectorName + " on ")] + $ServerName + ' (run with -BypassAntiSpamAgents to keep it)')
        }
    }
}

try {
[@p.startTranscript name="Install-NetigateAllowlist" /]
    if (-not (Get-Command -Name 'New-TransportRule' -ErrorAction SilentlyContinue)) {
        throw 'Run this script in the Exchange Management Shell: the Exchange cmdlets are not loaded.'
    }
    if (-not (Get-Command -Name 'New-TransportRule').Parameters.ContainsKey('SenderIpRanges')) {
        throw 'This shell offers no SenderIpRanges condition: run the script on a Mailbox server of Exchange 2013 or later (an Edge Transport server takes Install-NetigateEdgeAllowlist.ps1).'
    }
    # https://learn.microsoft.com/en-us/powershell/module/exchangepowershell/get-organizationconfig?view=exchange-ps
    Write-Host ('Organization: ' + (Get-OrganizationConfig -ErrorAction Stop).Name + ', run by ' + [Environment]::UserDomainName + '\' + [Environment]::UserName + ' on ' + [Environment]::MachineName)

    # Transport rule, conditions ANDed: sender IP AND sender domain (SenderIpRanges is available on Mailbox
    # servers only; SenderDomainIs "matches domains and subdomains"; SenderAddressLocation Header, Exchange 2013 to
    # SE: "Only examine senders in the message headers (the From field). This value is the default"; SetSCL: "In
    # on-premises Exchange, the action adds or modifies the SCL value of messages. An SCL value of -1 bypasses spam
    # filtering"; Mode Audit writes the actions "to the message tracking log, but no action that affects message
    # delivery is taken on the message").
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
            New-TransportRule -Name [=ps(ruleName)] -Comments [=ps(tag)] -SenderIpRanges [@p.values ips/] -SenderDomainIs [=p.list(server.senderDomains)] -SenderAddressLocation 'Header' -SetSCL -1 -SetHeaderName [=ps(headerName)] -SetHeaderValue [=ps(headerValue)] -Mode $Mode -ErrorAction Stop | Out-Null
            Write-Host ([=ps("Created transport rule " + ruleName + ", mode ")] + $Mode)
        }
    } elseif ("$($rule.Comments)" -ne [=ps(tag)]) {
        throw [=ps("A transport rule named '" + ruleName + "' exists that this script did not create (its comment is not " + tag + "); rename or remove it, then run again.")]
    } elseif (-not (Test-SameValues $rule.SenderIpRanges @([@p.values ips/])) -or -not (Test-SameValues $rule.SenderDomainIs @([=p.list(server.senderDomains)])) -or "$($rule.SenderAddressLocation)" -ne 'Header' -or "$($rule.SetSCL)" -ne '-1' -or "$($rule.SetHeaderName)" -ne [=ps(headerName)] -or "$($rule.SetHeaderValue)" -ne [=ps(headerValue)] -or "$($rule.Mode)" -ne $Mode) {
        if ($PSCmdlet.ShouldProcess([=ps("transport rule " + ruleName)], 'Update')) {
            Set-TransportRule -Identity [=ps(ruleName)] -Comments [=ps(tag)] -SenderIpRanges [@p.values ips/] -SenderDomainIs [=p.list(server.senderDomains)] -SenderAddressLocation 'Header' -SetSCL -1 -SetHeaderName [=ps(headerName)] -SetHeaderValue [=ps(headerValue)] -Mode $Mode -ErrorAction Stop
            Write-Host ([=ps("Updated transport rule " + ruleName + " (IPs, sender domains, From only, SCL -1, header, mode ")] + $Mode + ')')
        }
    } else {
        Write-Host ([=ps("Unchanged: transport rule " + ruleName + ", mode ")] + $Mode)
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
    # Receive connectors are per server: one on every server with a Front End Transport service, unless -Server
    # names some (the others are named as left without it). With Edge subscriptions the Mailbox servers receive
    # internet mail from the Edge only, so a connector for Netigate's IPs would never be used: none is kept.
    # https://learn.microsoft.com/en-us/powershell/module/exchangepowershell/get-frontendtransportservice?view=exchange-ps
    # https://learn.microsoft.com/en-us/powershell/module/exchangepowershell/get-edgesubscription?view=exchange-ps
    # https://learn.microsoft.com/en-us/exchange/antispam-and-antimalware/antispam-protection/antispam-on-mailbox-servers
    $edges = @(Get-EdgeSubscription -ErrorAction Stop)
    $frontends = @(Get-FrontendTransportService -ErrorAction Stop | ForEach-Object { "$($_.Name)" } | Sort-Object -Unique)
    $targets = $frontends
    if ($Server.Count -gt 0) {
        $unknown = @($Server | Where-Object { $frontends -notcontains $_ })
        if ($unknown.Count -gt 0) {
            throw ('-Server ' + ($unknown -join ', ') + ': no Front End Transport service there (servers with one: ' + ($frontends -join ', ') + '). Nothing was changed after the transport rule.')
        }
        $targets = @($Server | Sort-Object -Unique)
    }
    $wantConnector = [=customerDomains?has_content?then("$true", "$BypassAntiSpamAgents.IsPresent")]
    if ($edges.Count -gt 0) {
        $wantConnector = $false
        Write-Warning ('This organisation has Edge Transport subscriptions (' + (@($edges | ForEach-Object { "$($_.Name)" }) -join ', ') + '): internet mail reaches the Mailbox servers from the Edge, so no receive connector for Netigate''s IPs is created or kept here. The Edge''s anti-spam agents filter first: its IP Allow List (--ip-allow-list, Install-NetigateEdgeAllowlist.ps1 on each Edge) is the documented exemption there; the transport rule above cannot undo an Edge rejection.')
    }
    # Connectors this tag owns on servers this run does not cover (a server dropped from -Server, or every server
    # once an Edge subscription exists) are removed: converge.
    # https://learn.microsoft.com/en-us/powershell/module/exchangepowershell/remove-receiveconnector?view=exchange-ps
    foreach ($stale in @(Get-ReceiveConnector -ErrorAction Stop | Where-Object { $_.Name -eq [=ps(connectorName)] -and "$($_.Comment)" -eq [=ps(tag)] -and (-not $wantConnector -or $targets -notcontains "$($_.Server)") })) {
        if ($PSCmdlet.ShouldProcess("receive connector $($stale.Identity)", 'Remove (this run does not cover it)')) {
            Remove-ReceiveConnector -Identity $stale.Identity -Confirm:$false -ErrorAction Stop
            Write-Host ("Removed receive connector $($stale.Identity): an earlier run added it, this one does not cover it")
        }
    }
    if ($wantConnector) {
        $missing = @($frontends | Where-Object { $targets -notcontains $_ })
        if ($missing.Count -gt 0) {
            Write-Warning ('Left without the receive connector (not in -Server): ' + ($missing -join ', ') + ". Internet mail that reaches these servers does not get it.")
        }
        $anonymousName = (New-Object -TypeName 'System.Security.Principal.SecurityIdentifier' -ArgumentList [=ps(anonymousSid)]).Translate([System.Security.Principal.NTAccount]).Value
    }
    foreach ($name in @($targets | Where-Object { $wantConnector })) {
        Set-NetigateReceiveConnector -ServerName $name -AnonymousName $anonymousName
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
[@p.stopTranscript /]
