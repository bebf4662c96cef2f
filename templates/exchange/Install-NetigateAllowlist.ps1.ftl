[#import "/_common/header.ftl" as h]
[#import "/_common/powershell.ftl" as p]
[#include "_names.ftl"]
[#assign changes = [
  "Run in the Exchange Management Shell (Exchange Server 2013 or later) as an Exchange administrator:",
  "    .\\Install-NetigateAllowlist.ps1 -WhatIf     (shows what it would change, changes nothing)",
  "    .\\Install-NetigateAllowlist.ps1             (applies; a second run changes nothing)",
  "    .\\Remove-NetigateAllowlist.ps1             (undo: removes exactly what this script tagged)",
  "-Server NAME picks the Mailbox server for the receive connector and IP Allow List (default: this one).",
  "Files downloaded from a ticket or a zip carry Windows' internet mark, and the RemoteSigned execution policy",
  "refuses them: run  Get-ChildItem *.ps1 | Unblock-File  in this folder first",
  "(https://learn.microsoft.com/powershell/module/microsoft.powershell.utility/unblock-file).",
  "What it changes, and what that weakens:",
  "  - transport rule '" + ruleName + "': SCL -1 (skip content filtering) only when the",
  "    sending IP is one of " + ips?join(", ") + " AND the sender domain is",
  "    " + server.senderDomains?join(", ") + ". Any other sender on these IPs is filtered as before."]]
[#if ipAllowList]
[#assign changes = changes + [
  "  - --ip-allow-list: where the anti-spam agents run on -Server, adds these IPs to the IP Allow List of the",
  "    Connection Filtering agent. WEAKENS MORE: every message from these IPs, whatever its sender, skips",
  "    connection filtering (IP Block List, block list providers). Without the agents nothing is added."]]
[/#if]
[#if customerDomains?has_content]
[#assign changes = changes + [
  "  - scenario 2: a receive connector '" + connectorName + "' on -Server, port 25,",
  "    for these IPs only, anonymous senders, which may use your accepted domains (" + customerDomains?join(", ") + ") as",
  "    sender (" + authoritativeRight + "). It never grants relaying",
  "    (ms-Exch-SMTP-Accept-Any-Recipient) and never uses ExternalAuthoritative; the script refuses to finish",
  "    if the connector would allow relaying. It cannot limit the sender to these domains: any accepted domain."]]
[/#if]
[@h.header c="#" title="Exchange Server: lets Netigate's survey invitations in, and nothing else" apply=changes /]
[@h.unknowns c="#" /]
[CmdletBinding(SupportsShouldProcess = $true)]
param([string]$Server = $env:COMPUTERNAME)

$ErrorActionPreference = 'Stop'

[@p.sameValuesFunction /]

try {
    if (-not (Get-Command -Name 'New-TransportRule' -ErrorAction SilentlyContinue)) {
        throw 'Run this script in the Exchange Management Shell: the Exchange cmdlets are not loaded.'
    }
    if (-not (Get-Command -Name 'New-TransportRule').Parameters.ContainsKey('SenderIpRanges')) {
        throw 'This Exchange version has no SenderIpRanges condition for transport rules (Exchange 2013 or later needed).'
    }

    # Transport rule, conditions ANDed: sender IP AND sender domain (SenderIpRanges works on Mailbox servers).
    # https://learn.microsoft.com/en-us/powershell/module/exchangepowershell/new-transportrule?view=exchange-ps
    # https://learn.microsoft.com/en-us/powershell/module/exchangepowershell/set-transportrule?view=exchange-ps
    $rule = Get-TransportRule | Where-Object { $_.Name -eq [=ps(ruleName)] }
    if ($null -eq $rule) {
        if ($PSCmdlet.ShouldProcess([=ps("transport rule " + ruleName)], 'Create')) {
            New-TransportRule -Name [=ps(ruleName)] -Comments [=ps(tag)] -SenderIpRanges [=p.list(ips)] -SenderDomainIs [=p.list(server.senderDomains)] -SetSCL -1 -SetHeaderName [=ps(headerName)] -SetHeaderValue [=ps(headerValue)] | Out-Null
            Write-Host [=ps("Created transport rule " + ruleName)]
        }
    } elseif ("$($rule.Comments)" -ne [=ps(tag)]) {
        throw [=ps("A transport rule named '" + ruleName + "' exists that this script did not create (its comment is not " + tag + "); rename or remove it, then run again.")]
    } elseif (-not (Test-SameValues $rule.SenderIpRanges @([=p.list(ips)])) -or -not (Test-SameValues $rule.SenderDomainIs @([=p.list(server.senderDomains)])) -or "$($rule.SetSCL)" -ne '-1' -or "$($rule.SetHeaderName)" -ne [=ps(headerName)] -or "$($rule.SetHeaderValue)" -ne [=ps(headerValue)]) {
        if ($PSCmdlet.ShouldProcess([=ps("transport rule " + ruleName)], 'Update')) {
            Set-TransportRule -Identity [=ps(ruleName)] -Comments [=ps(tag)] -SenderIpRanges [=p.list(ips)] -SenderDomainIs [=p.list(server.senderDomains)] -SetSCL -1 -SetHeaderName [=ps(headerName)] -SetHeaderValue [=ps(headerValue)]
            Write-Host [=ps("Updated transport rule " + ruleName)]
        }
    } else {
        Write-Host [=ps("Unchanged: transport rule " + ruleName)]
    }
[#if ipAllowList]

    # --ip-allow-list: the IP Allow List belongs to the Connection Filtering agent, which runs on Edge Transport
    # servers or on Mailbox servers where the anti-spam agents were installed (Install-AntiSpamAgents.ps1).
    # https://learn.microsoft.com/en-us/powershell/module/exchangepowershell/get-transportagent?view=exchange-ps
    # https://learn.microsoft.com/en-us/powershell/module/exchangepowershell/add-ipallowlistentry?view=exchange-ps
    # https://learn.microsoft.com/en-us/powershell/module/exchangepowershell/get-ipallowlistentry?view=exchange-ps
    $agent = Get-TransportAgent | Where-Object { "$($_.Identity)" -eq 'Connection Filtering Agent' }
    if ($null -eq $agent -or -not $agent.Enabled) {
        Write-Warning 'The Connection Filtering agent (anti-spam agents) is not installed or not enabled here: no IP Allow List entries were added. The transport rule above already lets the survey mail in.'
    } else {
        Write-Warning 'The IP Allow List lets every message from these IPs skip connection filtering, whatever its sender; the transport rule above is the narrower exception.'
[#list server.networks as n]
        if (-not (Get-IPAllowListEntry -Server $Server -IPAddress [=ps(n.address)] | Where-Object { "$($_.Comment)" -eq [=ps(tag)] })) {
            if ($PSCmdlet.ShouldProcess([=ps("IP Allow List entry " + n.text)], 'Add')) {
[#if n.single]
                Add-IPAllowListEntry -Server $Server -IPAddress [=ps(n.address)] -Comment [=ps(tag)] | Out-Null
[#else]
                Add-IPAllowListEntry -Server $Server -IPRange [=ps(n.cidr)] -Comment [=ps(tag)] | Out-Null
[/#if]
                Write-Host [=ps("Added " + n.text + " to the IP Allow List")]
            }
        } else {
            Write-Host [=ps("Unchanged: " + n.text + " is in the IP Allow List")]
        }
[/#list]
    }
[/#if]
[#if customerDomains?has_content]

    # Scenario 2: a receive connector for Netigate's IPs only. Usage Custom with PermissionGroups AnonymousUsers
    # gives anonymous senders the right to use accepted domains as sender; relaying and ExternalAuthoritative
    # are never granted. https://learn.microsoft.com/en-us/powershell/module/exchangepowershell/new-receiveconnector?view=exchange-ps
    # https://learn.microsoft.com/en-us/powershell/module/exchangepowershell/set-receiveconnector?view=exchange-ps
    # https://learn.microsoft.com/en-us/exchange/mail-flow/connectors/receive-connectors
    $receive = Get-ReceiveConnector -Server $Server | Where-Object { $_.Name -eq [=ps(connectorName)] }
    if ($null -eq $receive) {
        if ($PSCmdlet.ShouldProcess([=ps("receive connector " + connectorName)], 'Create')) {
            New-ReceiveConnector -Name [=ps(connectorName)] -Server $Server -TransportRole 'FrontendTransport' -Usage 'Custom' -Bindings '0.0.0.0:25' -RemoteIPRanges [=p.list(ips)] -PermissionGroups 'AnonymousUsers' -AuthMechanism 'Tls' -RequireTLS $[=profile.tls.inboundRequired?c] -Comment [=ps(tag)] | Out-Null
            Write-Host [=ps("Created receive connector " + connectorName)]
        }
    } elseif ("$($receive.Comment)" -ne [=ps(tag)]) {
        throw [=ps("A receive connector named '" + connectorName + "' exists that this script did not create (its comment is not " + tag + "); rename or remove it, then run again.")]
    } elseif (-not (Test-SameValues $receive.RemoteIPRanges @([=p.list(ips)])) -or "$($receive.PermissionGroups)" -ne 'AnonymousUsers' -or "$($receive.AuthMechanism)" -ne 'Tls' -or $receive.RequireTLS -ne $[=profile.tls.inboundRequired?c]) {
        if ($PSCmdlet.ShouldProcess([=ps("receive connector " + connectorName)], 'Update')) {
            Set-ReceiveConnector -Identity $receive.Identity -RemoteIPRanges [=p.list(ips)] -PermissionGroups 'AnonymousUsers' -AuthMechanism 'Tls' -RequireTLS $[=profile.tls.inboundRequired?c] -Comment [=ps(tag)]
            Write-Host [=ps("Updated receive connector " + connectorName)]
        }
    } else {
        Write-Host [=ps("Unchanged: receive connector " + connectorName)]
    }

    # The connector must let anonymous senders use accepted domains and must never let them relay.
    # https://learn.microsoft.com/en-us/powershell/module/exchangepowershell/get-adpermission?view=exchange-ps
    # https://learn.microsoft.com/en-us/powershell/module/exchangepowershell/add-adpermission?view=exchange-ps
    $receive = Get-ReceiveConnector -Server $Server | Where-Object { $_.Name -eq [=ps(connectorName)] }
    if ($null -ne $receive) {
        $anonymous = @(Get-ADPermission -Identity $receive.Identity | Where-Object { "$($_.User)" -eq [=ps(anonymous)] -and -not $_.Deny })
        if ($anonymous | Where-Object { "$($_.ExtendedRights)" -match 'ms-Exch-SMTP-Accept-Any-Recipient' }) {
            throw [=ps("Receive connector '" + connectorName + "' lets anonymous senders relay (ms-Exch-SMTP-Accept-Any-Recipient). Remove that right (Remove-ADPermission) or run Remove-NetigateAllowlist.ps1.")]
        }
        if (-not ($anonymous | Where-Object { "$($_.ExtendedRights)" -match [=ps(authoritativeRight)] })) {
            if ($PSCmdlet.ShouldProcess([=ps("receive connector " + connectorName)], [=ps("Grant " + authoritativeRight)])) {
                Add-ADPermission -Identity $receive.Identity -User [=ps(anonymous)] -ExtendedRights [=ps(authoritativeRight)] | Out-Null
                Write-Host [=ps("Granted " + authoritativeRight + " on receive connector " + connectorName)]
            }
        }
    }
    Write-Host ''
    Write-Host 'Scenario 2 also needs, outside Exchange:'
    Write-Host [=ps("  - the SPF record of " + customerDomains?join(", ") + " must include Netigate (whitelist-gen --target bind --server " + server.id + customerDomains?map(d -> " --domain " + d)?join("") + ");")]
    Write-Host '  - SPF checks the envelope sender only; the From address people see is judged by DMARC, which needs'
    Write-Host '    DKIM signing for your domain in your Netigate account (or an aligned SPF pass).'
[/#if]

    Write-Host ''
    Write-Host 'Done.'
}
[@p.failureHandler what="Install-NetigateAllowlist.ps1" /]
