package dev.whitelistgen.targets;

import dev.whitelistgen.model.DomainName;
import dev.whitelistgen.model.EmailAddress;
import dev.whitelistgen.model.IpNetwork;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The cmdlets and parameters the generated PowerShell may use, taken from Microsoft's documentation: for each
 * parameter the kinds of value it takes and the documented values or limits. The scripts are checked against
 * this table, not against what they happen to contain. Script-local helper functions are listed too.
 */
final class PowerShellCmdlets {

    private static final String EXO = "https://learn.microsoft.com/en-us/powershell/module/exchangepowershell/";
    private static final String VIEW = "?view=exchange-ps";
    private static final String PS = "https://learn.microsoft.com/en-us/powershell/module/";

    /** A parameter: the value kinds the parser may report, and a check for each value. */
    record Parameter(String name, Set<String> kinds, String rule, Predicate<String> valid) { }

    /**
     * A cmdlet with its documentation page; changes is true for commands that change the organisation; exclusive
     * lists the groups of parameters from different parameter sets, of which a call may name at most one.
     */
    record Cmdlet(String name, String doc, boolean changes, Map<String, Parameter> parameters, List<Set<String>> exclusive) {
        Optional<Parameter> parameter(String name) {
            return parameters.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name)).map(Map.Entry::getValue).findFirst();
        }
    }

    static final Set<String> STRINGS = Set.of("string", "array");
    static final Set<String> STRING = Set.of("string");
    static final Set<String> BOOL = Set.of("bool");
    static final Set<String> SWITCH = Set.of("switch", "bool");
    static final Set<String> OBJECT = Set.of("variable", "expression");

    static final Predicate<String> ANY = v -> true;
    static final Predicate<String> TAG = v -> v.matches("whitelist-gen:netigate:[a-z0-9][a-z0-9-]*");
    static final Predicate<String> NAME = v -> v.length() <= 64 && v.matches("[A-Za-z0-9 ().,:-]+");

    static boolean domain(String v) {
        try {
            return DomainName.parse(v).name().equals(v);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    static boolean address(String v) {
        try {
            EmailAddress.parse(v);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    static Optional<IpNetwork> network(String v) {
        try {
            IpNetwork network = IpNetwork.parse(v);
            return network.toString().equals(v) || network.cidr().equals(v) ? Optional.of(network) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** Single IPv4 address or CIDR range (transport rule SenderIpRanges: the docs give IPv4 forms only). */
    static final Predicate<String> IPV4 = v -> network(v).filter(IpNetwork::isIpv4).isPresent();
    /** Connection filter IP Allow List: IPv4, CIDR /24 to /32. */
    static final Predicate<String> IPV4_24_32 = v -> network(v).filter(n -> n.isIpv4() && n.prefix() >= 24).isPresent();
    /** Spoof SendingInfrastructure: a domain, or IP/24 ("/24 is the only available and maximum subnet depth"). */
    static final Predicate<String> SLASH24_OR_DOMAIN = v -> domain(v) || network(v).filter(n -> n.isIpv4() && n.prefix() == 24).isPresent();
    static final Predicate<String> IP_OR_CIDR = v -> network(v).isPresent();
    static final Predicate<String> SINGLE_IP = v -> network(v).filter(IpNetwork::isSingleAddress).isPresent();
    static final Predicate<String> DOMAIN = PowerShellCmdlets::domain;
    static final Predicate<String> DOMAIN_OR_ADDRESS = v -> domain(v) || address(v);

    static Predicate<String> oneOf(String... values) {
        List<String> allowed = List.of(values);
        return allowed::contains;
    }

    static Predicate<String> maxLength(int length) {
        return v -> v.length() <= length;
    }

    static final Map<String, Cmdlet> CMDLETS = new LinkedHashMap<>();

    /** Exchange's own cmdlets (documented under EXO); each call must carry -ErrorAction Stop. */
    static boolean exchange(Cmdlet cmdlet) {
        return cmdlet.doc().startsWith(EXO);
    }

    /**
     * -ErrorAction Stop (a common parameter): $ErrorActionPreference set in the script does not reach the
     * functions of the ExchangeOnlineManagement module or of the Exchange Management Shell's implicit remoting
     * session, which run in a module's scope (about_Preference_Variables), so each Exchange call names it.
     */
    static final String COMMON = PS + "microsoft.powershell.core/about/about_commonparameters";

    private static void cmdlet(String name, String doc, boolean changes, Parameter... parameters) {
        Map<String, Parameter> map = new LinkedHashMap<>();
        for (Parameter p : parameters) {
            map.put(p.name(), p);
        }
        if (doc.startsWith(EXO)) {
            map.put("ErrorAction", p("ErrorAction", Set.of("bareword"), "Stop (" + COMMON + ")", oneOf("Stop")));
        }
        CMDLETS.put(name, new Cmdlet(name, doc, changes, map, List.of()));
    }

    /** Parameters of these names sit in different parameter sets of the cmdlet: a call may name only one of them. */
    private static void exclusive(String name, String... parameters) {
        Cmdlet cmdlet = CMDLETS.get(name);
        List<Set<String>> groups = new java.util.ArrayList<>(cmdlet.exclusive());
        groups.add(Set.of(parameters));
        CMDLETS.put(name, new Cmdlet(cmdlet.name(), cmdlet.doc(), cmdlet.changes(), cmdlet.parameters(), List.copyOf(groups)));
    }

    private static Parameter p(String name, Set<String> kinds, String rule, Predicate<String> valid) {
        return new Parameter(name, kinds, rule, valid);
    }

    private static Parameter[] transportRule(Parameter first) {
        return new Parameter[] {first,
            p("Comments", Set.of("string", "variable"), "the tag, or (m365) a variable holding the tag and the record of what"
                    + " the install added, whose 1024-character limit the script checks before writing", TAG.and(maxLength(1024))),
            p("SenderIpRanges", STRINGS, "single IPv4 address, range or CIDR", IPV4),
            p("SenderDomainIs", STRINGS, "domains", DOMAIN),
            p("SenderAddressLocation", STRING, "Header | Envelope | HeaderOrEnvelope", oneOf("Header", "Envelope", "HeaderOrEnvelope")),
            p("SetSCL", Set.of("int"), "-1 to 9", v -> Integer.parseInt(v) >= -1 && Integer.parseInt(v) <= 9),
            p("SetHeaderName", STRING, "an X- header, at most 64 characters", v -> v.matches("X-[A-Za-z0-9-]{1,62}")),
            p("SetHeaderValue", STRING, "at most 128 characters", v -> v.length() <= 128 && v.matches("[A-Za-z0-9-]+")),
            // Mode: Audit | AuditAndNotify | Enforce; the scripts pass their ValidateSet('Enforce', 'Audit') parameter.
            p("Mode", Set.of("variable"), "$Mode (Enforce or Audit)", oneOf("$Mode"))};
    }

    private static Parameter[] concat(Parameter[] head, Parameter... rest) {
        Parameter[] all = new Parameter[head.length + rest.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(rest, 0, all, head.length, rest.length);
        return all;
    }

    static {
        // Exchange Online and Exchange Server, transport (mail flow) rules.
        cmdlet("Get-TransportRule", EXO + "get-transportrule" + VIEW, false);
        cmdlet("New-TransportRule", EXO + "new-transportrule" + VIEW, true, concat(transportRule(p("Name", STRING, "at most 64 characters", NAME)),
                p("Enabled", BOOL, "$true, or $false behind a gateway (the rule then only holds the record)", ANY)));
        cmdlet("Set-TransportRule", EXO + "set-transportrule" + VIEW, true, transportRule(p("Identity", STRING, "the rule name", NAME)));
        cmdlet("Remove-TransportRule", EXO + "remove-transportrule" + VIEW, true,
                p("Identity", STRING, "the rule name", NAME), p("Confirm", SWITCH, "switch", ANY));
        cmdlet("Enable-TransportRule", EXO + "enable-transportrule" + VIEW, true,
                p("Identity", STRING, "the rule name", NAME), p("Confirm", SWITCH, "switch", ANY));
        cmdlet("Disable-TransportRule", EXO + "disable-transportrule" + VIEW, true,
                p("Identity", STRING, "the rule name", NAME), p("Confirm", SWITCH, "switch", ANY));
        // RejectDirectSend (m365), the organization's name (both).
        cmdlet("Get-OrganizationConfig", EXO + "get-organizationconfig" + VIEW, false);

        // Exchange Online: inbound connector (Partner only: OnPremises would treat the mail as internal).
        Parameter[] connector = {
            p("Comment", STRING, "the tag", TAG),
            p("ConnectorType", STRING, "Partner (OnPremises is never used)", oneOf("Partner")),
            p("SenderDomains", STRINGS, "domains", DOMAIN),
            p("RequireTls", BOOL, "$true or $false", ANY),
            p("Enabled", BOOL, "$true or $false", ANY)};
        cmdlet("Get-InboundConnector", EXO + "get-inboundconnector" + VIEW, false);
        cmdlet("New-InboundConnector", EXO + "new-inboundconnector" + VIEW, true,
                concat(new Parameter[] {p("Name", STRING, "at most 64 characters", NAME)}, connector));
        // Identity: this script's connector by name, or (--behind) the gateway's connector by its Identity, on which
        // only Enhanced Filtering for Connectors is set (EFSkipIPs: the gateway's IPs, given or read from the connector).
        cmdlet("Set-InboundConnector", EXO + "set-inboundconnector" + VIEW, true,
                concat(new Parameter[] {p("Identity", Set.of("string", "expression"), "the connector name, or $gateway.Identity",
                        v -> NAME.test(v) || v.equals("$gateway.Identity")),
                    p("EFSkipIPs", Set.of("variable"), "$skip (the gateway's IPs, never invented)", oneOf("$skip")),
                    p("EFSkipLastIP", BOOL, "$true or $false", ANY)}, connector));
        cmdlet("Remove-InboundConnector", EXO + "remove-inboundconnector" + VIEW, true,
                p("Identity", STRING, "the connector name", NAME), p("Confirm", SWITCH, "switch", ANY));

        // Exchange Online: connection filter policy; only @{Add=...} / @{Remove=...}, never a list that replaces.
        cmdlet("Get-HostedConnectionFilterPolicy", EXO + "get-hostedconnectionfilterpolicy" + VIEW, false,
                p("Identity", STRING, "Default", oneOf("Default")));
        cmdlet("Set-HostedConnectionFilterPolicy", EXO + "set-hostedconnectionfilterpolicy" + VIEW, true,
                p("Identity", STRING, "Default", oneOf("Default")),
                p("IPAllowList", Set.of("hashtable"), "@{Add=...} or @{Remove=...} of IPv4 /24 to /32 (Remove: of a recorded address)",
                        v -> (v.startsWith("Add=") || v.startsWith("Remove=")) && IPV4_24_32.test(v.substring(v.indexOf('=') + 1))
                                || v.equals("Remove=$address") || v.equals("Remove=<variable>")));

        // Exchange Online: Tenant Allow/Block List spoof entries.
        // Identity "is available but isn't used" (page): the scripts give none.
        cmdlet("Get-TenantAllowBlockListSpoofItems", EXO + "get-tenantallowblocklistspoofitems" + VIEW, false,
                p("Action", STRING, "Allow | Block", oneOf("Allow", "Block")),
                p("SpoofType", STRING, "Internal | External", oneOf("Internal", "External")));
        // SpoofType: Internal for the organisation's accepted domains, External otherwise, decided at run time
        // from Get-AcceptedDomain, so the scripts pass a variable.
        cmdlet("New-TenantAllowBlockListSpoofItems", EXO + "new-tenantallowblocklistspoofitems" + VIEW, true,
                p("Identity", STRING, "Default", oneOf("Default")), p("Action", STRING, "Allow (never Block here)", oneOf("Allow")),
                p("SpoofType", Set.of("string", "variable", "expression"), "Internal | External (decided from Get-AcceptedDomain at run time)",
                        oneOf("Internal", "External")),
                // Known only at run time (the PTR's organizational domain or the /24; the domain or -SenderAddress):
                // the script builds them from validated parts, and the tokens' form is checked by the record pattern.
                p("SpoofedUser", Set.of("string", "variable"), "an email address or domain", DOMAIN_OR_ADDRESS),
                p("SendingInfrastructure", Set.of("string", "variable"), "a domain or IP/24", SLASH24_OR_DOMAIN));
        // Identity is the policy, Ids the entries' Identity values; a Remove-* cmdlet asks for confirmation.
        cmdlet("Remove-TenantAllowBlockListSpoofItems", EXO + "remove-tenantallowblocklistspoofitems" + VIEW, true,
                p("Identity", STRING, "Default", oneOf("Default")), p("Ids", OBJECT, "the entry's Identity", ANY),
                p("Confirm", SWITCH, "switch", ANY));
        cmdlet("Get-AcceptedDomain", EXO + "get-accepteddomain" + VIEW, false);

        // Exchange Online PowerShell session.
        cmdlet("Get-ConnectionInformation", EXO + "get-connectioninformation" + VIEW, false);
        cmdlet("Connect-ExchangeOnline", EXO + "connect-exchangeonline" + VIEW, false, p("ShowBanner", SWITCH, "switch", ANY));

        // Exchange Server Edge Transport: the Connection Filtering agent and its IP Allow List exist only on Edge
        // Transport servers (https://learn.microsoft.com/en-us/exchange/antispam-and-antimalware/antispam-protection/antispam-on-mailbox-servers);
        // the Edge scripts run in the Edge server's own shell, so no -Server. Get-TransportAgent has no -Server.
        cmdlet("Get-ExchangeServer", EXO + "get-exchangeserver" + VIEW, false,
                p("Identity", Set.of("variable"), "$env:COMPUTERNAME", oneOf("$env:COMPUTERNAME")));
        cmdlet("Get-TransportAgent", EXO + "get-transportagent" + VIEW, false);
        cmdlet("Get-IPAllowListConfig", EXO + "get-ipallowlistconfig" + VIEW, false);
        cmdlet("Get-IPAllowListEntry", EXO + "get-ipallowlistentry" + VIEW, false,
                p("IPAddress", Set.of("string", "variable"), "one IP address (a variable inside the report's loop)", SINGLE_IP),
                p("ResultSize", STRING, "Unlimited (the default is 1000)", oneOf("Unlimited")));
        cmdlet("Add-IPAllowListEntry", EXO + "add-ipallowlistentry" + VIEW, true,
                p("IPAddress", STRING, "one IP address", SINGLE_IP),
                p("IPRange", STRING, "a CIDR range", IP_OR_CIDR), p("Comment", STRING, "the tag", TAG));
        // Add-IPAllowListEntry has an IPAddress and an IPRange parameter set.
        exclusive("Add-IPAllowListEntry", "IPAddress", "IPRange");
        cmdlet("Remove-IPAllowListEntry", EXO + "remove-ipallowlistentry" + VIEW, true,
                p("Identity", OBJECT, "the entry's Identity", ANY), p("Confirm", SWITCH, "switch", ANY));
        cmdlet("Get-EdgeSubscription", EXO + "get-edgesubscription" + VIEW, false);
        cmdlet("Get-FrontendTransportService", EXO + "get-frontendtransportservice" + VIEW, false);

        // Exchange Server: receive connector for scenario 2; AnonymousUsers only, never ExternalAuthoritative.
        Parameter[] receive = {
            p("RemoteIPRanges", STRINGS, "IP addresses or CIDR ranges", IP_OR_CIDR),
            p("PermissionGroups", STRING, "AnonymousUsers only (never ExchangeServers or Partners)", oneOf("AnonymousUsers")),
            p("AuthMechanism", STRING, "Tls or None (never ExternalAuthoritative)", oneOf("Tls", "None")),
            p("RequireTLS", BOOL, "$true or $false", ANY),
            p("ProtocolLoggingLevel", STRING, "Verbose (so a failed delivery can be traced)", oneOf("Verbose")),
            p("Comment", STRING, "the tag", TAG)};
        cmdlet("Get-ReceiveConnector", EXO + "get-receiveconnector" + VIEW, false, p("Server", OBJECT, "$Server", ANY));
        cmdlet("New-ReceiveConnector", EXO + "new-receiveconnector" + VIEW, true, concat(receive,
                p("Name", STRING, "at most 64 characters", NAME),
                p("Server", OBJECT, "$Server", ANY),
                p("TransportRole", STRING, "FrontendTransport", oneOf("FrontendTransport")),
                p("Usage", STRING, "Custom", oneOf("Custom")),
                p("Bindings", STRINGS, "IP:port; port 25 on all addresses", oneOf("0.0.0.0:25"))));
        cmdlet("Set-ReceiveConnector", EXO + "set-receiveconnector" + VIEW, true,
                concat(receive, p("Identity", OBJECT, "the connector's Identity", ANY)));
        cmdlet("Remove-ReceiveConnector", EXO + "remove-receiveconnector" + VIEW, true,
                p("Identity", OBJECT, "the connector's Identity", ANY), p("Confirm", SWITCH, "switch", ANY));
        cmdlet("Get-ADPermission", EXO + "get-adpermission" + VIEW, false, p("Identity", OBJECT, "the connector's Identity", ANY));
        // PermissionGroups AnonymousUsers already grants ms-Exch-SMTP-Accept-Authoritative-Domain-Sender
        // (https://learn.microsoft.com/en-us/exchange/mail-flow/connectors/receive-connectors), so the only right
        // the scripts grant or revoke is the opt-in ms-Exch-Bypass-Anti-Spam; never Accept-Any-Recipient (relay).
        // User: the localised name of NT AUTHORITY\ANONYMOUS LOGON, translated from its SID at run time.
        Parameter[] permission = {
            p("Identity", OBJECT, "the connector's Identity", ANY),
            p("User", Set.of("variable"), "$anonymousName (S-1-5-7 translated)", oneOf("$anonymousName")),
            p("ExtendedRights", STRING, "ms-Exch-Bypass-Anti-Spam only", oneOf("ms-Exch-Bypass-Anti-Spam"))};
        cmdlet("Add-ADPermission", EXO + "add-adpermission" + VIEW, true, permission);
        cmdlet("Remove-ADPermission", EXO + "remove-adpermission" + VIEW, true,
                concat(permission, p("Confirm", SWITCH, "switch", ANY)));

        // PowerShell's own cmdlets the scripts use.
        cmdlet("Get-Module", PS + "microsoft.powershell.core/get-module", false,
                p("ListAvailable", Set.of("switch"), "switch", ANY), p("Name", STRING, "module name", oneOf("ExchangeOnlineManagement")));
        cmdlet("Import-Module", PS + "microsoft.powershell.core/import-module", false,
                p("Name", STRING, "module name", oneOf("ExchangeOnlineManagement")),
                p("MinimumVersion", STRING, "3.0.0", oneOf("3.0.0")),
                p("ErrorAction", Set.of("bareword"), "Stop", oneOf("Stop")));
        cmdlet("New-Object", PS + "microsoft.powershell.utility/new-object", false,
                p("TypeName", STRING, "SecurityIdentifier", oneOf("System.Security.Principal.SecurityIdentifier")),
                p("ArgumentList", STRING, "the anonymous SID", oneOf("S-1-5-7")));
        cmdlet("Resolve-DnsName", PS + "dnsclient/resolve-dnsname", false,
                p("Name", Set.of("variable"), "$domain", ANY), p("Type", STRING, "MX", oneOf("MX")),
                p("DnsOnly", Set.of("switch"), "switch", ANY),
                p("ErrorAction", Set.of("bareword"), "SilentlyContinue: a domain without MX is an answer", oneOf("SilentlyContinue")));
        cmdlet("Get-Command", PS + "microsoft.powershell.core/get-command", false,
                p("Name", STRING, "a command of this table", CMDLETS::containsKey),
                p("ErrorAction", Set.of("bareword"), "SilentlyContinue", oneOf("SilentlyContinue")));
        cmdlet("Where-Object", PS + "microsoft.powershell.core/where-object", false, p("-", Set.of("expression"), "a script block", ANY));
        cmdlet("ForEach-Object", PS + "microsoft.powershell.core/foreach-object", false, p("-", Set.of("expression"), "a script block", ANY));
        cmdlet("Sort-Object", PS + "microsoft.powershell.utility/sort-object", false,
                p("Property", STRING, "property", ANY), p("Descending", Set.of("switch"), "switch", ANY), p("Unique", Set.of("switch"), "switch", ANY));
        cmdlet("Select-Object", PS + "microsoft.powershell.utility/select-object", false, p("First", Set.of("int"), "count", ANY));
        cmdlet("Write-Host", PS + "microsoft.powershell.utility/write-host", false,
                p("-", Set.of("string", "expandable", "expression"), "text", ANY),
                p("ForegroundColor", Set.of("bareword"), "a console colour", oneOf("Red")));
        cmdlet("Write-Warning", PS + "microsoft.powershell.utility/write-warning", false, p("-", Set.of("string", "expandable", "expression"), "text", ANY));
        cmdlet("Out-Null", PS + "microsoft.powershell.core/out-null", false);
        // The transcript beside the script (issue 24.11); Start-Transcript honours -WhatIf itself, so it is told not to.
        cmdlet("Start-Transcript", PS + "microsoft.powershell.host/start-transcript", false,
                p("Path", Set.of("variable"), "$transcript", oneOf("$transcript")), p("WhatIf", SWITCH, "$false", ANY),
                p("Confirm", SWITCH, "$false", ANY), p("ErrorAction", Set.of("bareword"), "Stop", oneOf("Stop")));
        cmdlet("Stop-Transcript", PS + "microsoft.powershell.host/stop-transcript", false,
                p("ErrorAction", Set.of("bareword"), "SilentlyContinue", oneOf("SilentlyContinue")));
        cmdlet("Join-Path", PS + "microsoft.powershell.management/join-path", false,
                p("Path", Set.of("variable"), "$PSScriptRoot", oneOf("$PSScriptRoot")), p("ChildPath", Set.of("expression"), "the log's name", ANY));
        cmdlet("Get-Date", PS + "microsoft.powershell.utility/get-date", false, p("Format", STRING, "a format", ANY));

        // Functions the scripts define themselves.
        cmdlet("Test-SameValues", "script-local", false, p("-", Set.of("expression", "array", "string", "variable"), "current, wanted", ANY));
        cmdlet("Remove-NetigateReceiveConnector", "script-local", true, p("Name", STRING, "connector name", NAME));
        cmdlet("Set-NetigateReceiveConnector", "script-local", true,
                p("ServerName", Set.of("variable"), "$name", ANY), p("AnonymousName", Set.of("variable"), "$anonymousName", ANY));
        Predicate<String> token = v -> v.matches("ip:[0-9./]+|spoof:[a-z0-9.@+_-]+>[a-z0-9./-]+");
        cmdlet("Write-NetigateRecord", "script-local", true, p("Tokens", Set.of("variable"), "the record", ANY));
        cmdlet("Add-NetigateRecord", "script-local", true,
                p("Token", Set.of("string", "variable"), "ip:ADDRESS or spoof:USER>SOURCE", token));
        cmdlet("Remove-NetigateRecord", "script-local", true, p("Token", Set.of("variable"), "a recorded token", ANY));
        cmdlet("Remove-NetigateRecordedEntry", "script-local", true, p("Token", Set.of("variable"), "a recorded token", ANY));
        cmdlet("Write-NetigateSharedEntry", "script-local", true,
                p("Token", Set.of("string", "variable"), "ip:ADDRESS or spoof:USER>SOURCE", token),
                p("What", Set.of("string", "expandable"), "what it is", ANY));
        cmdlet("Get-OrganizationalDomain", "script-local", false, p("Name", Set.of("variable"), "$ptr", ANY));
        cmdlet("Get-NetigateSendingInfrastructure", "script-local", false,
                p("Address", STRING, "a Netigate IPv4 address", SINGLE_IP), p("Network", STRING, "its /24", SLASH24_OR_DOMAIN),
                p("NetigateDomains", Set.of("array", "string", "expression"), "Netigate's domains", ANY));
        cmdlet("Write-Finding", "script-local", false,
                p("State", Set.of("string", "expression"), "done | NOT DONE | NOT CHECKABLE", oneOf("done", "NOT DONE", "NOT CHECKABLE")),
                p("Text", Set.of("string", "expandable", "expression"), "the finding", ANY));
    }

    private PowerShellCmdlets() {
    }
}
