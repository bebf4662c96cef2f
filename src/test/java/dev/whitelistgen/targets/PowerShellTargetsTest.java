package dev.whitelistgen.targets;

import static org.assertj.core.api.Assertions.assertThat;

import dev.whitelistgen.testing.Cli;
import dev.whitelistgen.testing.PowerShellParser;
import dev.whitelistgen.testing.PowerShellParser.Argument;
import dev.whitelistgen.testing.PowerShellParser.Command;
import dev.whitelistgen.testing.PowerShellParser.Script;
import dev.whitelistgen.testing.Repo;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every PowerShell script the m365 and exchange targets write (both servers, both profile versions, with and
 * without --domain and --ip-allow-list), parsed by the real PowerShell grammar and checked against the table
 * of documented cmdlets and parameters in {@link PowerShellCmdlets}.
 */
class PowerShellTargetsTest {

    record Variant(String target, String server, String profile, boolean domain, boolean ipAllowList, Path folder) {
        Script script(String name) {
            return scripts.get(folder.resolve(name));
        }

        boolean has(String name) {
            return scripts.containsKey(folder.resolve(name));
        }

        @Override
        public String toString() {
            return target + " " + server + " v" + profile + (domain ? " --domain" : "") + (ipAllowList ? " --ip-allow-list" : "");
        }
    }

    static final String INSTALL = "Install-NetigateAllowlist.ps1";
    static final String REMOVE = "Remove-NetigateAllowlist.ps1";
    static final String EDGE_INSTALL = "Install-NetigateEdgeAllowlist.ps1";
    static final String EDGE_REMOVE = "Remove-NetigateEdgeAllowlist.ps1";
    static final List<Variant> variants = new ArrayList<>();
    static final Map<Path, Script> scripts = new LinkedHashMap<>();

    @BeforeEach
    void requireParser() {
        PowerShellParser.require();
    }

    @BeforeAll
    static void generateAndParse(@TempDir Path out) {
        if (!PowerShellParser.installed()) {
            return; // each test skips (or fails under requireAll) in requireParser, so each is counted
        }
        for (String target : List.of("m365", "exchange")) {
            for (String server : List.of("azure", "dach")) {
                for (String profile : List.of("1", "2")) {
                    for (boolean domain : List.of(false, true)) {
                        for (boolean ipAllowList : List.of(false, true)) {
                            Path folder = out.resolve(target + "-" + server + "-" + profile + "-" + domain + "-" + ipAllowList);
                            List<String> args = new ArrayList<>(List.of("--target", target, "--server", server, "--profile", profile,
                                    "--output", folder.toString()));
                            if (domain) {
                                args.addAll(List.of("--domain", "example.com", "--domain", "example.org"));
                            }
                            if (ipAllowList) {
                                args.add("--ip-allow-list");
                            }
                            Cli.Result result = Cli.run(args.toArray(String[]::new));
                            assertThat(result.exitCode()).as(result.toString()).isZero();
                            variants.add(new Variant(target, server, profile, domain, ipAllowList, folder));
                        }
                    }
                }
            }
        }
        List<Path> files = new ArrayList<>();
        for (Variant v : variants) {
            for (String name : List.of(INSTALL, REMOVE, EDGE_INSTALL, EDGE_REMOVE)) {
                if (Files.isRegularFile(v.folder().resolve(name))) {
                    files.add(v.folder().resolve(name));
                }
            }
        }
        PowerShellParser.parse(files).forEach(s -> scripts.put(s.file(), s));
        assertThat(scripts).hasSize(files.size());
    }

    @Test
    void everyScriptParsesWithoutErrorOrMissingNode() {
        for (Script script : scripts.values()) {
            assertThat(script.errors()).as("syntax errors in " + script.file()).isEmpty();
            assertThat(script.commands()).as("commands found in " + script.file()).isNotEmpty();
        }
    }

    @Test
    void everyCommandParameterAndValueIsDocumented() {
        List<String> problems = new ArrayList<>();
        for (Script script : scripts.values()) {
            for (Command command : script.commands()) {
                problems.addAll(PowerShellChecks.against(PowerShellCmdlets.CMDLETS, command).stream()
                        .map(p -> script.file().getParent().getFileName() + "/" + script.file().getFileName() + ": " + p).toList());
            }
            for (String function : script.functions().keySet()) {
                if (!PowerShellCmdlets.CMDLETS.containsKey(function)) {
                    problems.add(script.file() + ": function " + function + " is not in the table");
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void everyChangingCmdletHasItsDocumentationPageBesideIt() throws IOException {
        for (Script script : scripts.values()) {
            String text = Files.readString(script.file());
            for (Command command : script.commands()) {
                PowerShellCmdlets.Cmdlet cmdlet = PowerShellCmdlets.CMDLETS.get(command.name());
                if (cmdlet != null && cmdlet.changes() && cmdlet.doc().startsWith("https://")) {
                    assertThat(text).as(command + " in " + script.file() + " cites its page").contains(cmdlet.doc());
                }
            }
        }
    }

    @Test
    void everyChangeRunsOnlyThroughShouldProcessSoWhatIfChangesNothing() {
        for (Script script : scripts.values()) {
            for (Command command : script.commands()) {
                PowerShellCmdlets.Cmdlet cmdlet = PowerShellCmdlets.CMDLETS.get(command.name());
                boolean realChange = cmdlet != null && cmdlet.changes() && cmdlet.doc().startsWith("https://");
                if (realChange) {
                    // A change inside a helper without its own ShouldProcess counts as guarded when every call of
                    // the helper is (Add-NetigateRecord runs right after the change it records).
                    boolean guarded = command.shouldProcess() || !command.function().equals("-")
                            && script.commands().stream().filter(c -> c.name().equals(command.function())).allMatch(Command::shouldProcess)
                            && script.commands().stream().anyMatch(c -> c.name().equals(command.function()));
                    assertThat(guarded).as(command + " in " + script.file() + " is guarded by ShouldProcess").isTrue();
                }
            }
        }
    }

    /** Issue 15, point 4: a failing Exchange cmdlet must stop the script, in every generated variant. */
    @Test
    void everyExchangeCallStopsOnError() {
        List<String> missing = new ArrayList<>();
        int checked = 0;
        for (Script script : scripts.values()) {
            for (Command command : script.commands()) {
                PowerShellCmdlets.Cmdlet cmdlet = PowerShellCmdlets.CMDLETS.get(command.name());
                if (cmdlet != null && PowerShellCmdlets.exchange(cmdlet)) {
                    checked++;
                    if (!command.argument("ErrorAction").map(Argument::value).orElse("").equals("Stop")) {
                        missing.add(script.file().getParent().getFileName() + "/" + script.file().getFileName() + ": " + command);
                    }
                }
            }
        }
        assertThat(missing).as("Exchange calls without -ErrorAction Stop").isEmpty();
        assertThat(checked).as("Exchange calls checked").isGreaterThan(variants.size() * 5);
    }

    @Test
    void removalRemovesExactlyWhatTheInstallCreates() {
        for (Variant variant : variants) {
            Set<String> created = PowerShellChecks.created(variant.script(INSTALL));
            Set<String> removed = PowerShellChecks.removed(variant.script(REMOVE));
            assertThat(created).as("objects created by " + variant).isNotEmpty();
            assertThat(removed).as("objects the removal script removes, " + variant).isEqualTo(created);
            if (variant.has(EDGE_INSTALL)) {
                Set<String> edgeCreated = PowerShellChecks.created(variant.script(EDGE_INSTALL));
                assertThat(edgeCreated).as("Edge entries, " + variant).hasSize(variant.script(EDGE_INSTALL).commands().stream()
                        .filter(c -> c.name().equals("Get-IPAllowListEntry")).toList().size());
                assertThat(PowerShellChecks.removed(variant.script(EDGE_REMOVE))).as("Edge removal, " + variant).isEqualTo(edgeCreated);
            }
        }
    }

    /**
     * Issue 15, point 5: the m365 removal takes out an IP Allow List entry or a spoof pair only when the install
     * recorded adding it in the rule's comment, and the install records every one it adds, right after adding it.
     */
    @Test
    void m365RemovalRemovesOnlyWhatTheInstallRecordedAsAdded() {
        for (Variant variant : variants.stream().filter(v -> v.target().equals("m365")).toList()) {
            Script install = variant.script(INSTALL);
            Script remove = variant.script(REMOVE);
            int adds = 0;
            for (Command c : install.commands()) {
                String token = switch (c.name()) {
                    case "Set-HostedConnectionFilterPolicy" -> "ip:" + c.argument("IPAllowList").orElseThrow().value().replaceFirst("^Add=", "");
                    case "New-TenantAllowBlockListSpoofItems" -> "spoof:" + c.argument("SpoofedUser").orElseThrow().value() + ">"
                            + c.argument("SendingInfrastructure").orElseThrow().value();
                    default -> null;
                };
                if (token != null) {
                    adds++;
                    assertThat(install.commands()).as(c + " is recorded at once, " + variant).anyMatch(r -> r.name().equals("Add-NetigateRecord")
                            && r.line() == c.line() + 1 && r.conditions().equals(c.conditions())
                            && r.argument("Token").map(Argument::value).orElse("").equals(token));
                    // Nothing is added that could not be recorded: the rule (declined at a -Confirm prompt) must exist.
                    assertThat(lines(install).get(c.line() - 2)).as(c + " checks the rule first, " + variant)
                            .startsWith("            if (-not $ruleReady) { throw ");
                    // An entry that was there before (the list or the pairs already hold it) is neither added nor recorded.
                    assertThat(String.join(" ", c.conditions())).as(c + " only when missing").containsAnyOf("-notcontains", "-not (");
                }
            }
            int removes = 0;
            for (Command c : remove.commands()) {
                String token = switch (c.name()) {
                    case "Set-HostedConnectionFilterPolicy" -> "ip:" + c.argument("IPAllowList").orElseThrow().value().replaceFirst("^Remove=", "");
                    case "Remove-NetigateSpoofPair" -> "spoof:" + c.argument("SpoofedUser").orElseThrow().value() + ">"
                            + c.argument("SendingInfrastructure").orElseThrow().value();
                    default -> null;
                };
                if (token != null) {
                    removes++;
                    assertThat(c.conditions()).as(c + " only when recorded, " + variant).contains("$recorded -contains '" + token + "'");
                }
            }
            assertThat(removes).as(variant.toString()).isEqualTo(adds);
            // Whatever else the rule records (an install with other options) stops the removal before any change.
            Set<String> tokens = new TreeSet<>();
            remove.commands().forEach(c -> c.conditions().forEach(condition -> {
                java.util.regex.Matcher m = java.util.regex.Pattern.compile("^\\$recorded -contains '([^']+)'$").matcher(condition);
                if (m.matches()) {
                    tokens.add(m.group(1));
                }
            }));
            String text = String.join("\n", remove.commands().stream().map(Command::toString).toList());
            java.util.regex.Matcher covered = java.util.regex.Pattern.compile("\\$covered = @\\((.*)\\)").matcher(readUnchecked(remove.file()));
            assertThat(covered.find()).as(variant.toString()).isTrue();
            Set<String> listed = new TreeSet<>();
            java.util.regex.Matcher item = java.util.regex.Pattern.compile("'([^']*)'").matcher(covered.group(1));
            while (item.find()) {
                listed.add(item.group(1));
            }
            assertThat(listed).as("tokens the removal covers, " + variant + "\n" + text).isEqualTo(tokens);
            int guard = readUnchecked(remove.file()).indexOf("$uncovered.Count -gt 0");
            int firstChange = remove.commands().stream().filter(c -> c.function().equals("-") && (c.name().startsWith("Remove-")
                    || c.name().startsWith("Set-"))).mapToInt(Command::line).min().orElseThrow();
            assertThat(lineOf(readUnchecked(remove.file()), guard)).as(variant.toString()).isLessThan(firstChange);
            if (variant.ipAllowList() || variant.domain()) {
                assertThat(adds).as(variant.toString()).isPositive();
            }
            // The rule holds the record, so it goes last.
            List<String> names = remove.commands().stream().map(Command::name).toList();
            assertThat(names.lastIndexOf("Remove-TransportRule")).as(variant.toString())
                    .isGreaterThan(Math.max(names.lastIndexOf("Set-HostedConnectionFilterPolicy"), names.lastIndexOf("Remove-NetigateSpoofPair")));
        }
    }

    /** The record's format: what the install writes, the removal (and the install's next run) parses back. */
    @Test
    void theRecordInTheRulesCommentParsesBackExactly() throws IOException {
        for (Variant variant : variants.stream().filter(v -> v.target().equals("m365")).toList()) {
            String install = Files.readString(variant.folder().resolve(INSTALL));
            String remove = Files.readString(variant.folder().resolve(REMOVE));
            String pattern = quoted(install, "-cmatch ");
            assertThat(quoted(remove, "-cmatch ")).as("same pattern in both scripts, " + variant).isEqualTo(pattern);
            String tag = "whitelist-gen:netigate:" + variant.server();
            java.util.regex.Pattern regex = java.util.regex.Pattern.compile(pattern);
            assertThat(regex.matcher(tag).matches()).isTrue();
            assertThat(regex.matcher(tag).replaceFirst("${added}")).isEmpty();
            if (variant.ipAllowList() || variant.domain()) {
                // Add-NetigateRecord writes PREFIX + tokens joined by ','.
                String prefix = quoted(install, "-Comments (");
                assertThat(prefix).startsWith(tag);
                String written = prefix + "ip:46.254.11.92,spoof:example.com>46.254.11.0/24";
                java.util.regex.Matcher m = regex.matcher(written);
                assertThat(m.matches()).as(written).isTrue();
                assertThat(m.group("added").split(",")).containsExactly("ip:46.254.11.92", "spoof:example.com>46.254.11.0/24");
            }
            for (String foreign : List.of(tag + " ", tag + "x", "whitelist-gen:netigate:other", "my rule; " + tag,
                    tag + "; added by the install: ip:1.2.3.4;Remove-Everything")) {
                assertThat(regex.matcher(foreign).matches()).as("not ours: " + foreign).isFalse();
            }
        }
    }

    private static String readUnchecked(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static int lineOf(String text, int index) {
        assertThat(index).isNotNegative();
        return (int) text.substring(0, index).chars().filter(c -> c == '\n').count() + 1;
    }

    private static String quoted(String text, String after) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile(java.util.regex.Pattern.quote(after) + "'((?:[^']|'')*)'").matcher(text);
        assertThat(m.find()).as("a '...' after " + after).isTrue();
        return m.group(1).replace("''", "'");
    }

    /** Issue 15, point 7: both m365 scripts check the module version and count only a plain Exchange Online session. */
    @Test
    void m365ScriptsCheckTheModuleAndCountOnlyAnExchangeOnlineSession() {
        for (Variant variant : variants.stream().filter(v -> v.target().equals("m365")).toList()) {
            for (String name : List.of(INSTALL, REMOVE)) {
                Script script = variant.script(name);
                List<Command> commands = script.commands();
                int session = indexOf(commands, "Get-ConnectionInformation");
                assertThat(session).as(name + " " + variant).isNotNegative();
                String filter = commands.get(session + 1).argument("-").orElseThrow().value();
                assertThat(commands.get(session + 1).name()).isEqualTo("Where-Object");
                assertThat(filter).contains("$_.State -eq 'Connected'", "-not $_.IsEopSession", "[string]::IsNullOrEmpty($_.ModulePrefix)");
                assertThat(commands.get(indexOf(commands, "Import-Module")).argument("MinimumVersion").map(Argument::value)).contains("3.0.0");
                assertThat(indexOf(commands, "Get-Module")).isLessThan(indexOf(commands, "Import-Module"));
                assertThat(indexOf(commands, "Connect-ExchangeOnline")).isGreaterThan(session);
            }
        }
    }

    private static int indexOf(List<Command> commands, String name) {
        for (int i = 0; i < commands.size(); i++) {
            if (commands.get(i).name().equals(name)) {
                return i;
            }
        }
        return -1;
    }

    private static List<String> lines(Script script) {
        try {
            return List.of(Files.readString(script.file()).split("\r\n", -1));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Issue 15, point 9: the m365 install looks for gateway connectors and names Enhanced Filtering; it changes none. */
    @Test
    void m365InstallWarnsWhenMailPassesAGatewayFirst() throws IOException {
        for (Variant variant : variants.stream().filter(v -> v.target().equals("m365")).toList()) {
            Script install = variant.script(INSTALL);
            String text = Files.readString(install.file());
            assertThat(text).contains("\"$($_.ConnectorType)\" -eq 'OnPremises'", "$_.RestrictDomainsToIPAddresses", "EFSkipLastIP", "EFSkipIPs",
                    "https://learn.microsoft.com/en-us/exchange/mail-flow-best-practices/use-connectors-to-configure-mail-flow/enhanced-filtering-for-connectors");
            // New-TransportRule: SenderIpRanges is evaluated on "the address of the last hop before reaching the
            // service"; the script must not present Enhanced Filtering as a documented fix for the rule.
            assertThat(text).contains("the address of the last hop before reaching the service",
                    "Microsoft does not say it changes the rule's condition")
                    .doesNotContain("do not say whether a mail flow rule's sender IP condition");
            assertThat(install.commands()).as("it changes no connector but its own")
                    .filteredOn(c -> c.name().equals("Set-InboundConnector"))
                    .allMatch(c -> c.argument("Identity").map(Argument::value).orElse("").startsWith("Netigate survey mail TLS"));
        }
    }

    /**
     * Issue 15, points 1 and 3: the IP Allow List is handled only by the Edge scripts, which exist only with
     * --ip-allow-list and refuse to run anywhere but on an Edge Transport server; the Mailbox script grants no
     * right that AnonymousUsers already gives, and logs the connector's sessions.
     */
    @Test
    void exchangeKeepsTheIpAllowListOnTheEdgeAndTheConnectorLeanAndLogged() throws IOException {
        for (Variant variant : variants.stream().filter(v -> v.target().equals("exchange")).toList()) {
            assertThat(variant.has(EDGE_INSTALL)).as(variant.toString()).isEqualTo(variant.ipAllowList());
            assertThat(variant.has(EDGE_REMOVE)).as(variant.toString()).isEqualTo(variant.ipAllowList());
            for (String name : List.of(INSTALL, REMOVE)) {
                assertThat(variant.script(name).commands()).as(name + " " + variant)
                        .noneMatch(c -> c.name().contains("IPAllowList") || c.name().equals("Get-TransportAgent"));
            }
            Script install = variant.script(INSTALL);
            assertThat(install.commands()).filteredOn(c -> c.name().endsWith("-ReceiveConnector") && !c.name().startsWith("Get-"))
                    .isNotEmpty().allMatch(c -> c.argument("ProtocolLoggingLevel").map(Argument::value).orElse("").equals("Verbose"));
            assertThat(install.commands()).filteredOn(c -> c.name().endsWith("-ADPermission") && !c.name().startsWith("Get-"))
                    .extracting(c -> c.argument("ExtendedRights").orElseThrow().value()).containsOnly("ms-Exch-Bypass-Anti-Spam");
            String text = Files.readString(install.file());
            assertThat(text).contains(variant.domain() ? "$wantConnector = $true" : "$wantConnector = $BypassAntiSpamAgents.IsPresent");
            if (variant.ipAllowList()) {
                Script edge = variant.script(EDGE_INSTALL);
                int refuse = indexOf(edge.commands(), "Get-ExchangeServer");
                assertThat(refuse).isNotNegative().isLessThan(indexOf(edge.commands(), "Add-IPAllowListEntry"));
                assertThat(Files.readString(edge.file())).contains("if (-not $local.IsEdgeServer) {");
                assertThat(edge.commands()).filteredOn(c -> c.name().equals("Add-IPAllowListEntry"))
                        .allMatch(c -> c.conditions().size() == 1 && c.conditions().get(0).startsWith("$PSCmdlet.ShouldProcess"));
            }
        }
    }

    @Test
    void theMailFlowRuleAlwaysNeedsTheIpsAndTheSenderDomainsTogether() {
        for (Variant variant : variants) {
            List<Command> all = variant.script(INSTALL).commands().stream()
                    .filter(c -> c.name().equals("New-TransportRule") || c.name().equals("Set-TransportRule")).toList();
            // Add-NetigateRecord only writes the comment; it touches no condition or action.
            all.stream().filter(c -> !c.function().equals("-")).forEach(c -> assertThat(c.arguments())
                    .extracting(Argument::parameter).containsExactly("Identity", "Comments", "ErrorAction"));
            List<Command> rules = all.stream().filter(c -> c.function().equals("-")).toList();
            assertThat(rules).as(variant.toString()).hasSize(2);
            for (Command rule : rules) {
                assertThat(rule.argument("SenderIpRanges")).as(rule + " " + variant).isPresent();
                assertThat(rule.argument("SenderDomainIs")).as(rule + " " + variant).isPresent();
                assertThat(rule.argument("SetSCL").map(Argument::value)).contains("-1");
                assertThat(rule.argument("SenderDomainIs").orElseThrow().values())
                        .as("never the customer's own domain").doesNotContain("example.com", "example.org");
            }
        }
    }

    @Test
    void theIpAllowListAppearsOnlyWithTheFlag() {
        for (Variant variant : variants) {
            List<String> names = variant.target().equals("m365") ? List.of(INSTALL, REMOVE) : List.of(EDGE_INSTALL, EDGE_REMOVE);
            for (String name : names) {
                boolean touchesAllowList = variant.has(name) && variant.script(name).commands().stream().anyMatch(c ->
                        c.name().equals("Set-HostedConnectionFilterPolicy") || c.name().contains("IPAllowListEntry"));
                assertThat(touchesAllowList).as(name + " " + variant).isEqualTo(variant.ipAllowList());
            }
        }
    }

    @Test
    void scenarioTwoObjectsAppearOnlyWithDomains() {
        // exchange: the receive connector also serves the opt-in -BypassAntiSpamAgents, so it is created
        // without --domain only with that switch (see exchangeKeepsTheIpAllowListOnTheEdgeAndTheConnectorLeanAndLogged).
        for (Variant variant : variants.stream().filter(v -> v.target().equals("m365")).toList()) {
            Set<String> names = new TreeSet<>();
            variant.script(INSTALL).commands().forEach(c -> names.add(c.name()));
            assertThat(names.contains("New-TenantAllowBlockListSpoofItems")).as(variant.toString()).isEqualTo(variant.domain());
        }
    }

    @Test
    void spoofEntriesPairEachCustomerDomainWithEachNetigateSlash24() throws IOException {
        Variant variant = variants.stream().filter(v -> v.target().equals("m365") && v.profile().equals("2") && v.domain()).findFirst().orElseThrow();
        Set<String> pairs = new TreeSet<>();
        List<Command> commands = variant.script(INSTALL).commands();
        for (Command c : commands) {
            if (c.name().equals("New-TenantAllowBlockListSpoofItems")) {
                pairs.add(c.argument("SpoofedUser").orElseThrow().value() + " " + c.argument("SendingInfrastructure").orElseThrow().value());
                // Issue 15, point 6: Internal only for the tenant's accepted domains, decided at run time.
                assertThat(c.argument("SpoofType").map(Argument::value)).contains("$spoofType");
            }
        }
        assertThat(indexOf(commands, "Get-AcceptedDomain")).isNotNegative().isLessThan(indexOf(commands, "New-TenantAllowBlockListSpoofItems"));
        assertThat(Files.readString(variant.folder().resolve(INSTALL)))
                .contains("    $spoofType = 'External'\r\n    if ($accepted -contains 'example.com') {\r\n        $spoofType = 'Internal'\r\n    }");
        assertThat(variant.script(REMOVE).commands()).filteredOn(c -> c.name().equals("Remove-TenantAllowBlockListSpoofItems"))
                .singleElement().satisfies(c -> {
                    assertThat(c.argument("Identity").map(Argument::value)).contains("Default");
                    assertThat(c.argument("Ids").map(Argument::value)).contains("$item.Identity");
                    assertThat(c.argument("Confirm").map(Argument::value)).contains("$false");
                });
        // Profile version 2: 89.45.227.221 and .195 share one /24.
        assertThat(pairs).containsExactly(
                "example.com 46.254.11.0/24", "example.com 86.107.243.0/24", "example.com 89.45.227.0/24",
                "example.org 46.254.11.0/24", "example.org 86.107.243.0/24", "example.org 89.45.227.0/24");
    }

    @Test
    void scriptsArePureAsciiWithCrlfLineEndings() throws IOException {
        for (Path file : scripts.keySet()) {
            byte[] bytes = Files.readAllBytes(file);
            for (int i = 0; i < bytes.length; i++) {
                assertThat(bytes[i] & 0xff).as(file + " byte " + i).isLessThan(0x80);
                if (bytes[i] == '\n') {
                    assertThat(i > 0 && bytes[i - 1] == '\r').as(file + ": LF without CR at byte " + i).isTrue();
                }
            }
        }
        Variant v2 = variants.stream().filter(v -> v.profile().equals("2")).findFirst().orElseThrow();
        // The Swedish title "Jag får inga e-postutskick" survives as an escape, not as '?' or mojibake.
        assertThat(Files.readString(v2.folder().resolve(INSTALL), StandardCharsets.US_ASCII)).contains("Jag f<U+00E5>r inga e-postutskick");
    }

    /**
     * -contains / -notcontains convert the right-hand string to each element's type, so a collection of Exchange
     * objects (IPAllowList holds IP ranges) can miss an entry that is there; the install would then record an
     * entry of the admin's as its own, and the removal would delete it. The left-hand side must be a variable the
     * script built as strings, never a property or a subexpression.
     */
    @Test
    void containsComparesOnlyCollectionsTheScriptBuiltAsText() throws IOException {
        Pattern onObjects = Pattern.compile("(\\)|\\.[A-Za-z]\\w*)\\s+-[ic]?(not)?(contains|in)\\b");
        List<String> problems = new ArrayList<>();
        for (Path file : scripts.keySet()) {
            String text = Files.readString(file);
            for (String line : text.split("\r\n")) {
                if (line.trim().startsWith("#")) {
                    continue;
                }
                if (onObjects.matcher(line).find()) {
                    problems.add(file.getParent().getFileName() + "/" + file.getFileName() + ": " + line.trim());
                }
            }
        }
        assertThat(problems).as("-contains on Exchange objects").isEmpty();
    }

    /** The install picks SpoofType per domain at run time, so a check command that filters on one type misses pairs. */
    @Test
    void checkCommandsListSpoofPairsOfBothTypes() throws IOException {
        List<Path> texts = new ArrayList<>(List.of(Repo.path("templates/m365/README.md")));
        for (String language : List.of("en", "de", "sv")) {
            texts.add(Repo.path("templates/m365/bundle_" + language + ".properties"));
        }
        for (Path text : texts) {
            assertThat(Files.readString(text)).as(text.toString()).contains("Get-TenantAllowBlockListSpoofItems")
                    .doesNotContainPattern("Get-TenantAllowBlockListSpoofItems[^`]*-SpoofType");
        }
    }

    /**
     * Edge IP Allow List with a range: Get-IPAllowListEntry -IPAddress finds the entries containing one address, so
     * an entry of the admin's that covers only the first address of the range must not count as covering it all.
     */
    @Test
    void edgeInstallCountsARangeAsCoveredOnlyWhenOneEntryHoldsItsFirstAndLastAddress(@TempDir Path dir) throws IOException {
        Path profile = dir.resolve("v2-range.yaml");
        String yaml = Files.readString(Repo.path("profiles/netigate/v2.yaml"));
        assertThat(yaml).contains("  - 46.254.11.92\n");
        Files.writeString(profile, yaml.replace("  - 46.254.11.92\n", "  - 46.254.11.0/28\n"));
        Path out = dir.resolve("out");
        Cli.Result result = Cli.run("--target", "exchange", "--server", "dach", "--profile", profile.toString(), "--ip-allow-list",
                "--output", out.toString());
        assertThat(result.exitCode()).as(result.toString()).isZero();
        Script edge = PowerShellParser.parse(List.of(out.resolve(EDGE_INSTALL))).get(0);
        assertThat(edge.errors()).isEmpty();
        List<String> looked = edge.commands().stream().filter(c -> c.name().equals("Get-IPAllowListEntry"))
                .map(c -> c.argument("IPAddress").orElseThrow().value()).toList();
        assertThat(looked).contains("46.254.11.0", "46.254.11.15", "86.107.243.139");
        String text = Files.readString(out.resolve(EDGE_INSTALL));
        assertThat(text).contains("$lastIds = @(Get-IPAllowListEntry -IPAddress '46.254.11.15' -ErrorAction Stop | ForEach-Object { \"$($_.Identity)\" })",
                "$covering = @(Get-IPAllowListEntry -IPAddress '46.254.11.0' -ErrorAction Stop | Where-Object { $lastIds -contains \"$($_.Identity)\" })",
                "Add-IPAllowListEntry -IPRange '46.254.11.0/28'");
        for (Command command : edge.commands()) {
            assertThat(PowerShellChecks.against(PowerShellCmdlets.CMDLETS, command)).as(command.toString()).isEmpty();
        }
    }

    @Test
    void tlsConnectorFollowsTheProfile() {
        for (Variant variant : variants.stream().filter(v -> v.target().equals("m365")).toList()) {
            Optional<Command> connector = variant.script(INSTALL).commands().stream().filter(c -> c.name().equals("New-InboundConnector")).findFirst();
            // Version 2 states that Netigate sends with TLS; version 1 says nothing about TLS.
            assertThat(connector.isPresent()).as(variant.toString()).isEqualTo(variant.profile().equals("2"));
            connector.ifPresent(c -> assertThat(c.argument("RequireTls").map(Argument::value)).contains("$true"));
        }
    }
}
