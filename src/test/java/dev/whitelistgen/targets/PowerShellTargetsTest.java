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

    record Variant(String target, String server, String profile, boolean domain, boolean ipAllowList, boolean behind, Path folder) {
        Script script(String name) {
            return scripts.get(folder.resolve(name));
        }

        boolean has(String name) {
            return scripts.containsKey(folder.resolve(name));
        }

        @Override
        public String toString() {
            return target + " " + server + " v" + profile + (domain ? " --domain" : "") + (ipAllowList ? " --ip-allow-list" : "")
                    + (behind ? " --behind mimecast" : "");
        }
    }

    static final String INSTALL = "Install-NetigateAllowlist.ps1";
    static final String REMOVE = "Remove-NetigateAllowlist.ps1";
    static final String EDGE_INSTALL = "Install-NetigateEdgeAllowlist.ps1";
    static final String EDGE_REMOVE = "Remove-NetigateEdgeAllowlist.ps1";
    static final String REPORT = "Test-NetigateAllowlist.ps1";
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
                        for (int options = 0; options < (target.equals("m365") ? 3 : 2); options++) {
                            // m365 also writes the part behind a gateway (--behind, issue 29), which refuses --ip-allow-list
                            boolean ipAllowList = options == 1;
                            boolean behind = options == 2;
                            Path folder = out.resolve(target + "-" + server + "-" + profile + "-" + domain + "-" + options);
                            List<String> args = new ArrayList<>(List.of("--target", target, "--server", server, "--profile", profile,
                                    "--output", folder.toString()));
                            if (domain) {
                                args.addAll(List.of("--domain", "example.com", "--domain", "example.org"));
                            }
                            if (ipAllowList) {
                                args.add("--ip-allow-list");
                            }
                            if (behind) {
                                args.addAll(List.of("--behind", "mimecast"));
                            }
                            Cli.Result result = Cli.run(args.toArray(String[]::new));
                            assertThat(result.exitCode()).as(result.toString()).isZero();
                            variants.add(new Variant(target, server, profile, domain, ipAllowList, behind, folder));
                        }
                    }
                }
            }
        }
        List<Path> files = new ArrayList<>();
        for (Variant v : variants) {
            for (String name : List.of(INSTALL, REMOVE, EDGE_INSTALL, EDGE_REMOVE, REPORT)) {
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

    /**
     * Each script defines the functions it calls, and a removal script calls every function it defines: the removal
     * once carried the install's Write-NetigateSharedEntry, which calls Add-NetigateRecord, a function the removal
     * does not have; dead code that reads as if the removal recorded entries.
     */
    @Test
    void everyScriptDefinesTheFunctionsItCallsAndARemovalNoOtherOnes() {
        List<String> problems = new ArrayList<>();
        for (Script script : scripts.values()) {
            String name = script.file().getParent().getFileName() + "/" + script.file().getFileName();
            Set<String> called = new TreeSet<>(script.commands().stream().map(Command::name).toList());
            for (String function : script.functions().keySet()) {
                if (script.file().getFileName().toString().startsWith("Remove-") && !called.contains(function)) {
                    problems.add(name + ": defines " + function + " and never calls it");
                }
            }
            for (String command : called) {
                if (command.contains("-Netigate") && !script.functions().containsKey(command)) {
                    problems.add(name + ": calls " + command + ", which it does not define");
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
        List<String> unguarded = new ArrayList<>();
        for (Script script : scripts.values()) {
            for (Command command : script.commands()) {
                PowerShellCmdlets.Cmdlet cmdlet = PowerShellCmdlets.CMDLETS.get(command.name());
                boolean realChange = cmdlet != null && cmdlet.changes() && cmdlet.doc().startsWith("https://");
                if (realChange && !guarded(script, command, 0)) {
                    unguarded.add(command + " in " + script.file());
                }
            }
        }
        assertThat(unguarded).as("changes not guarded by ShouldProcess").isEmpty();
    }

    /**
     * A change inside a helper without its own ShouldProcess counts as guarded when every call of the helper is, through
     * any depth of helpers (Add-NetigateRecord runs right after the change it records, Write-NetigateRecord inside it).
     */
    private static boolean guarded(Script script, Command command, int depth) {
        if (command.shouldProcess()) {
            return true;
        }
        if (command.function().equals("-") || depth > 5) {
            return false;
        }
        List<Command> calls = script.commands().stream().filter(c -> c.name().equals(command.function())).toList();
        return !calls.isEmpty() && calls.stream().allMatch(c -> guarded(script, c, depth + 1));
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

    /**
     * Issue 23.2: the removal takes out every kind of object the install creates; in m365 it also takes out whatever
     * the record proves an install of another version or with other options added (recorded entries, the TLS connector).
     */
    @Test
    void removalRemovesEverythingTheInstallCreates() {
        for (Variant variant : variants) {
            Set<String> created = PowerShellChecks.created(variant.script(INSTALL));
            Set<String> removed = PowerShellChecks.removed(variant.script(REMOVE));
            assertThat(created).as("objects created by " + variant).isNotEmpty();
            assertThat(removed).as("objects the removal script removes, " + variant).containsAll(created);
            Set<String> extra = new TreeSet<>(removed);
            extra.removeAll(created);
            assertThat(extra).as("removed beyond what this install creates, " + variant).isSubsetOf(
                    "inbound connector Netigate survey mail TLS (whitelist-gen, " + variant.server() + ")",
                    "recorded spoof pairs", "recorded IP Allow List entries");
            if (variant.target().equals("exchange")) {
                assertThat(extra).as(variant.toString()).isEmpty();
            }
            if (variant.has(EDGE_INSTALL)) {
                assertThat(PowerShellChecks.created(variant.script(EDGE_INSTALL))).containsExactly("tagged Edge IP Allow List entries");
                assertThat(PowerShellChecks.removed(variant.script(EDGE_REMOVE))).as("Edge removal, " + variant)
                        .containsExactly("tagged Edge IP Allow List entries");
            }
        }
    }

    /**
     * Issues 15.5 and 23.2: the m365 install records every entry it adds, right after adding it; the removal removes what
     * the record holds, whatever version or options added it (no refusal any more), except what the other server's
     * install also records; the install itself removes recorded entries this run does not cover, line by line.
     */
    @Test
    void m365RecordHandlingRemovesWhatTheRecordProvesAndKeepsWhatAnotherInstallNeeds() throws IOException {
        for (Variant variant : variants.stream().filter(v -> v.target().equals("m365")).toList()) {
            Script install = variant.script(INSTALL);
            Script remove = variant.script(REMOVE);
            int adds = 0;
            for (Command c : install.commands()) {
                boolean add = c.name().equals("New-TenantAllowBlockListSpoofItems") || c.name().equals("Set-HostedConnectionFilterPolicy")
                        && c.argument("IPAllowList").orElseThrow().values().stream().anyMatch(v -> v.startsWith("Add="));
                if (add) {
                    adds++;
                    String token = c.name().equals("New-TenantAllowBlockListSpoofItems") ? "$token"
                            : "'ip:" + c.argument("IPAllowList").orElseThrow().value().replaceFirst("^Add=", "") + "'";
                    assertThat(lines(install).get(c.line())).as(c + " is recorded at once, " + variant)
                            .contains("Add-NetigateRecord -Token " + token);
                    assertThat(lines(install).get(c.line() - 2)).as(c + " checks the rule first, " + variant).contains("if (-not $ruleReady) { throw ");
                    assertThat(c.shouldProcess()).as(c.toString()).isTrue();
                }
            }
            if (variant.ipAllowList() || variant.domain()) {
                assertThat(adds).as(variant.toString()).isPositive();
            }
            String removeText = Files.readString(remove.file());
            assertThat(removeText).as("no refusal to remove what another run recorded, " + variant)
                    .doesNotContain("$uncovered", "does not cover (")
                    .contains("    foreach ($token in $recorded) {\r\n        $holders = @($othersRecorded | Where-Object");
            assertThat(remove.commands()).filteredOn(c -> c.name().equals("Remove-NetigateRecordedEntry")).singleElement()
                    .satisfies(c -> assertThat(c.conditions()).anyMatch(t -> t.startsWith("$PSCmdlet.ShouldProcess(\"$token")));
            String installText = Files.readString(install.file());
            assertThat(installText).as("the install converges: recorded but not wanted is removed, " + variant)
                    .contains("    foreach ($token in @($recorded | Where-Object { $wanted -notcontains $_ })) {",
                            "Remove-NetigateRecordedEntry -Token $token\r\n            Remove-NetigateRecord -Token $token");
            // An existing entry another install recorded is recorded here too; one nobody recorded is the customer's.
            assertThat(installText).contains("Record as needed by this install too", "existed before and is not recorded; the removal script leaves it");
            // The rule holds the record, so it goes last.
            List<String> names = remove.commands().stream().filter(c -> c.function().equals("-")).map(Command::name).toList();
            assertThat(names.lastIndexOf("Remove-TransportRule")).as(variant.toString())
                    .isGreaterThan(Math.max(names.lastIndexOf("Remove-NetigateRecordedEntry"), names.lastIndexOf("Remove-InboundConnector")));
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
            // Write-NetigateRecord writes PREFIX + tokens joined by ','.
            String prefix = quoted(install, "$comment = ");
            assertThat(prefix).isEqualTo(tag);
            String labelled = quoted(install.substring(install.indexOf("$comment = '" + tag + "'") + 10), "$comment = ");
            String written = labelled + "ip:46.254.11.92,spoof:example.com>46.254.11.0/24,spoof:survey@example.com>netigate.se";
            java.util.regex.Matcher m = regex.matcher(written);
            assertThat(m.matches()).as(written).isTrue();
            assertThat(m.group("added").split(",")).containsExactly("ip:46.254.11.92", "spoof:example.com>46.254.11.0/24",
                    "spoof:survey@example.com>netigate.se");
            for (String foreign : List.of(tag + " ", tag + "x", "whitelist-gen:netigate:other", "my rule; " + tag,
                    tag + "; added by the install: ip:1.2.3.4;Remove-Everything")) {
                assertThat(regex.matcher(foreign).matches()).as("not ours: " + foreign).isFalse();
            }
            // The other server's record is read with the same token grammar, under any server's tag.
            String any = quoted(install.substring(install.indexOf("$other.Comments")), "-cmatch ");
            String other = variant.server().equals("azure") ? "dach" : "azure";
            assertThat(java.util.regex.Pattern.compile(any).matcher(written.replace(tag, "whitelist-gen:netigate:" + other)).matches()).isTrue();
            assertThat(java.util.regex.Pattern.compile(any).matcher("my rule; " + tag).matches()).isFalse();
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

    /**
     * Issue 24.2 and issue 29: the gateway advice is decided from the MX of each accepted domain and the connectors; no
     * Enhanced Filtering advice for hybrid; behind a gateway (--behind) the install turns on Enhanced Filtering on the
     * gateway's connector with IPs never invented, keeps no SCL -1 rule enabled, and changes no other connector setting.
     */
    @Test
    void m365DecidesTheGatewayCaseFromTheMxAndTheConnectors() throws IOException {
        for (Variant variant : variants.stream().filter(v -> v.target().equals("m365")).toList()) {
            Script install = variant.script(INSTALL);
            String text = Files.readString(install.file());
            assertThat(text).contains("Resolve-DnsName -Name $domain -Type 'MX'", "'*.mail.protection.outlook.com'",
                    "https://learn.microsoft.com/en-us/exchange/mail-flow-best-practices/use-connectors-to-configure-mail-flow/enhanced-filtering-for-connectors");
            List<Command> connectorChanges = install.commands().stream().filter(c -> c.name().equals("Set-InboundConnector")).toList();
            List<Command> ruleCreations = install.commands().stream().filter(c -> c.name().equals("New-TransportRule")).toList();
            assertThat(ruleCreations).hasSize(1);
            if (variant.behind()) {
                assertThat(ruleCreations.get(0).argument("Enabled").map(Argument::value)).contains("$false");
                assertThat(install.commands()).anyMatch(c -> c.name().equals("Disable-TransportRule")).noneMatch(c -> c.name().equals("Enable-TransportRule"));
                assertThat(connectorChanges).isNotEmpty().allSatisfy(c -> {
                    assertThat(c.argument("Identity").map(Argument::value)).contains("$gateway.Identity");
                    assertThat(c.arguments()).extracting(Argument::parameter).isSubsetOf("Identity", "EFSkipIPs", "EFSkipLastIP", "ErrorAction");
                });
                assertThat(text).contains("$skip = @(@($gateway.SenderIPAddresses)", "-GatewayIP", "never", "must be disabled")
                        .doesNotContain("New-InboundConnector");
            } else {
                assertThat(ruleCreations.get(0).argument("Enabled").map(Argument::value)).contains("$true");
                assertThat(connectorChanges).as("it changes no connector but its own")
                        .allMatch(c -> c.argument("Identity").map(Argument::value).orElse("").startsWith("Netigate survey mail TLS"));
                assertThat(text).contains("the address of the last hop", "regenerate with --behind GATEWAY",
                        "it carries mail from your own servers (hybrid), not internet mail; no Enhanced Filtering is needed",
                        "can result in the delivery of messages detected as high confidence phishing");
            }
        }
    }

    /** Issue 29: --behind with --ip-allow-list is refused (the IP Allow List sees the gateway), and a gateway not named is a usage error. */
    @Test
    void behindRefusesTheIpAllowListAndUnknownGateways(@TempDir Path dir) {
        Cli.Result both = Cli.run("--target", "m365", "--server", "dach", "--behind", "cisco", "--ip-allow-list", "--output", dir.resolve("a").toString());
        assertThat(both.exitCode()).as(both.toString()).isEqualTo(4);
        assertThat(both.err()).contains("--ip-allow-list with --behind");
        Cli.Result unknown = Cli.run("--target", "m365", "--server", "dach", "--behind", "acme", "--output", dir.resolve("b").toString());
        assertThat(unknown.exitCode()).as(unknown.toString()).isEqualTo(2);
        assertThat(unknown.err()).contains("--behind: 'acme' is not one of hornetsecurity, mimecast, proofpoint, barracuda, cisco, other");
        Cli.Result other = Cli.run("--target", "exchange", "--server", "dach", "--behind", "cisco", "--output", dir.resolve("c").toString());
        assertThat(other.exitCode()).as(other.toString()).isEqualTo(2);
        assertThat(other.err()).contains("--behind: target exchange has no such option");
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
            assertThat(install.commands()).filteredOn(c -> c.name().equals("New-ReceiveConnector") || c.name().equals("Set-ReceiveConnector"))
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


    /** Issue 24.10: the report script exists for both targets, in every variant, and calls nothing that changes anything. */
    @Test
    void theReportScriptChangesNothing() throws IOException {
        Pattern changing = Pattern.compile("^(New|Set|Remove|Add|Enable|Disable)-");
        for (Variant variant : variants) {
            Script report = variant.script(REPORT);
            assertThat(report).as(variant.toString()).isNotNull();
            assertThat(report.commands()).as("commands of the report, " + variant).isNotEmpty()
                    .noneMatch(c -> changing.matcher(c.name()).find());
            String text = Files.readString(report.file());
            String code = text.replaceAll("(?m)^\\s*#.*$", "").replaceAll("'[^'\\r\\n]*'", "''").replaceAll("\"[^\"\\r\\n]*\"", "\"\"");
            assertThat(Pattern.compile("(^|[\\s(|;{])(New|Set|Remove|Add|Enable|Disable)-[A-Z]").matcher(code).find())
                    .as("no changing cmdlet named anywhere in the code of " + report.file()).isFalse();
            assertThat(text).contains("exit 1", "exit 2", "exit 0", "'NOT CHECKABLE'");
        }
    }

    /**
     * Issue 24.8, 24.11, 24.12: the m365 scripts name the tenant and ask before the first change (-Confirm:$false skips
     * it, -WhatIf does not ask); every install and removal writes a transcript beside itself; -Mode Audit reaches the rule.
     */
    @Test
    void scriptsNameTheTenantAskFirstLogAndOfferAuditMode() throws IOException {
        for (Variant variant : variants) {
            for (String name : List.of(INSTALL, REMOVE, EDGE_INSTALL, EDGE_REMOVE)) {
                if (!variant.has(name)) {
                    continue;
                }
                Script script = variant.script(name);
                List<Command> commands = script.commands();
                int transcript = indexOf(commands, "Start-Transcript");
                assertThat(transcript).as(name + " " + variant).isNotNegative();
                assertThat(commands.get(transcript).argument("WhatIf").map(Argument::value)).contains("$false");
                String text = Files.readString(script.file());
                assertThat(text).contains("finally {\r\n    if ($transcript) {\r\n        Stop-Transcript", "Join-Path -Path $PSScriptRoot",
                        "Netigate profile version " + variant.profile() + ", server " + variant.server() + "; generated by: whitelist-gen --target " + variant.target());
                int firstChange = commands.stream().filter(c -> c.function().equals("-") && PowerShellCmdlets.CMDLETS.containsKey(c.name())
                        && PowerShellCmdlets.CMDLETS.get(c.name()).changes()).mapToInt(Command::line).min().orElse(Integer.MAX_VALUE);
                if (variant.target().equals("m365")) {
                    int ask = text.split("\r\n", -1).length - text.substring(text.indexOf("$PSCmdlet.ShouldContinue(")).split("\r\n", -1).length + 1;
                    assertThat(ask).as(name + " " + variant + " asks before its first change").isLessThan(firstChange);
                    assertThat(text).contains("$confirmDeclined = $PSBoundParameters.ContainsKey('Confirm') -and -not $PSBoundParameters['Confirm']",
                            "if (-not $WhatIfPreference -and -not $confirmDeclined) {", "$connection.TenantID", "$connection.UserPrincipalName",
                            "$connection.DelegatedOrganization");
                }
            }
            Script install = variant.script(INSTALL);
            assertThat(Files.readString(install.file())).contains("[ValidateSet('Enforce', 'Audit')]\r\n    [string]$Mode = 'Enforce'");
            assertThat(install.commands()).filteredOn(c -> c.name().equals("New-TransportRule") || c.name().equals("Set-TransportRule") && c.function().equals("-"))
                    .hasSize(2).allSatisfy(c -> {
                        assertThat(c.argument("Mode").map(Argument::value)).contains("$Mode");
                        // Issue 24.6: From only, set explicitly on both targets and checked on re-runs.
                        assertThat(c.argument("SenderAddressLocation").map(Argument::value)).contains("Header");
                    });
            assertThat(Files.readString(install.file())).contains("\"$($rule.SenderAddressLocation)\" -ne 'Header'", "\"$($rule.Mode)\" -ne $Mode");
        }
    }

    /**
     * Issue 24.5: the Exchange receive connector goes on every Front End Transport server (or -Server's, naming the
     * others), none with Edge subscriptions; stale tagged connectors are removed; the removal finds them on every server.
     */
    @Test
    void exchangeCoversEveryFrontEndServerAndSkipsTheConnectorWithAnEdge() throws IOException {
        for (Variant variant : variants.stream().filter(v -> v.target().equals("exchange")).toList()) {
            Script install = variant.script(INSTALL);
            String text = Files.readString(install.file());
            assertThat(install.commands()).filteredOn(c -> c.name().equals("New-ReceiveConnector")).singleElement()
                    .satisfies(c -> assertThat(c.argument("Server").map(Argument::value)).contains("$ServerName"));
            assertThat(text).contains("$frontends = @(Get-FrontendTransportService -ErrorAction Stop",
                    "    if ($edges.Count -gt 0) {\r\n        $wantConnector = $false",
                    "Left without the receive connector (not in -Server): ",
                    "foreach ($name in @($targets | Where-Object { $wantConnector })) {");
            assertThat(install.commands()).filteredOn(c -> c.name().equals("Remove-ReceiveConnector")).singleElement()
                    .satisfies(c -> assertThat(c.conditions().get(0)).startsWith("$PSCmdlet.ShouldProcess(\"receive connector $($stale.Identity)\""));
            assertThat(variant.script(REMOVE).commands()).filteredOn(c -> c.name().equals("Get-ReceiveConnector"))
                    .allMatch(c -> c.argument("Server").isEmpty());
        }
    }

    /**
     * Issues 24.4 and 23.2 on the Edge: expired entries cover nothing; the install removes tagged entries it does not
     * cover (v1's 178.77.90.228 after the v2 install); the removal removes every tagged entry and checks before "Done".
     */
    @Test
    void edgeScriptsIgnoreExpiredEntriesAndRemoveEveryTaggedOne() throws IOException {
        for (Variant variant : variants.stream().filter(v -> v.has(EDGE_INSTALL)).toList()) {
            String install = Files.readString(variant.folder().resolve(EDGE_INSTALL));
            assertThat(install).contains("$null -eq $_.ExpirationTime -or [datetime]$_.ExpirationTime -gt $now",
                    "Get-IPAllowListEntry -ResultSize 'Unlimited' -ErrorAction Stop | Where-Object { \"$($_.Comment)\" -eq 'whitelist-gen:netigate:"
                            + variant.server() + "' -and $kept -notcontains \"$($_.Identity)\" }");
            Script remove = variant.script(EDGE_REMOVE);
            assertThat(remove.commands()).filteredOn(c -> c.name().equals("Get-IPAllowListEntry"))
                    .hasSize(2).allMatch(c -> c.argument("IPAddress").isEmpty() && c.argument("ResultSize").isPresent());
            String text = Files.readString(remove.file());
            assertThat(text.indexOf("$left = @(Get-IPAllowListEntry")).isPositive().isLessThan(text.indexOf("Done: every Netigate entry"));
            assertThat(text).doesNotContain("-IPAddress");
        }
    }

    /**
     * Issue 23.2 on the Edge: an entry carries one server's tag and each removal removes every entry of its tag, so the
     * other server's Edge allowlist on the same Edge (profile 2: the same four IPs) would lose its addresses to this
     * one's removal. The install refuses, before its first change, where the other server's tagged entries are.
     */
    @Test
    void edgeInstallRefusesBeforeAnyChangeWhereTheOtherServersEdgeAllowlistIs() throws IOException {
        for (Variant variant : variants.stream().filter(v -> v.has(EDGE_INSTALL)).toList()) {
            Script install = variant.script(EDGE_INSTALL);
            String text = Files.readString(install.file());
            String tag = "whitelist-gen:netigate:" + variant.server();
            int lookup = text.indexOf("$others = @(Get-IPAllowListEntry -ResultSize 'Unlimited' -ErrorAction Stop | Where-Object { \"$($_.Comment)\""
                    + " -clike 'whitelist-gen:netigate:*' -and \"$($_.Comment)\" -ne '" + tag + "' })");
            int refusal = text.indexOf("throw ('Stopped before any change: this Edge holds IP Allow List entries of the Edge allowlist for another"
                    + " Netigate server (");
            assertThat(lookup).as(variant.toString()).isPositive();
            assertThat(refusal).as(variant.toString()).isGreaterThan(lookup);
            int firstChange = install.commands().stream().filter(c -> c.name().equals("Add-IPAllowListEntry")
                    || c.name().equals("Remove-IPAllowListEntry")).mapToInt(Command::line).min().orElseThrow();
            assertThat(lineOf(text, refusal)).as("refused before the first change, " + variant).isLessThan(firstChange);
            assertThat(text.substring(refusal, text.indexOf('\n', refusal))).contains("server " + variant.server() + " needs",
                    "run the other server''s Remove-NetigateEdgeAllowlist.ps1 first");
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
                // The m365 scripts can always take out a recorded entry (an earlier run's); they add one only with the flag.
                boolean touchesAllowList = variant.has(name) && variant.script(name).commands().stream().anyMatch(c ->
                        c.name().equals("Set-HostedConnectionFilterPolicy") && c.argument("IPAllowList").orElseThrow().value().startsWith("Add=")
                        || c.name().contains("IPAllowListEntry"));
                if (name.equals(REMOVE)) {
                    continue;
                }
                assertThat(touchesAllowList).as(name + " " + variant).isEqualTo(variant.ipAllowList());
            }
            // Without the flag the install says when to ask for it (docs/support-and-ops.md relies on it); the report
            // script cannot tell whether the rule matched, so no text may say it does.
            String install = readUnchecked(variant.folder().resolve(INSTALL));
            assertThat(install.contains("Ask your Netigate contact for it only if")).as(variant.toString())
                    .isEqualTo(!variant.ipAllowList() && !variant.behind());
            assertThat(install).doesNotContain("the report script shows whether the rule matched");
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

    /**
     * Issue 24.3: the spoof pairs' sending infrastructure is found at run time for each Netigate IP (PTR through
     * [System.Net.Dns], its organizational domain, else the /24); intra-org domains take full sender addresses; the
     * whole plan is made, and a missing -SenderAddress refused, before the first change.
     */
    @Test
    void spoofPairsAreDecidedAtRunTimeFromThePtrAndTheAcceptedDomains() throws IOException {
        Variant variant = variants.stream().filter(v -> v.target().equals("m365") && v.profile().equals("2") && v.domain()).findFirst().orElseThrow();
        List<Command> commands = variant.script(INSTALL).commands();
        assertThat(commands).filteredOn(c -> c.name().equals("Get-NetigateSendingInfrastructure") && c.function().equals("-"))
                .extracting(c -> c.argument("Address").orElseThrow().value() + " " + c.argument("Network").orElseThrow().value())
                .containsExactlyInAnyOrder("89.45.227.221 89.45.227.0/24", "46.254.11.92 46.254.11.0/24", "89.45.227.195 89.45.227.0/24",
                        "86.107.243.139 86.107.243.0/24");
        assertThat(commands).filteredOn(c -> c.name().equals("New-TenantAllowBlockListSpoofItems")).singleElement().satisfies(c -> {
            assertThat(c.argument("SpoofType").map(Argument::value)).contains("$spoofTypes[$user]");
            assertThat(c.argument("SpoofedUser").map(Argument::value)).contains("$user");
            assertThat(c.argument("SendingInfrastructure").map(Argument::value)).contains("$source");
        });
        String text = Files.readString(variant.folder().resolve(INSTALL));
        assertThat(text).contains("[System.Net.Dns]::GetHostEntry([System.Net.IPAddress]::Parse($Address)).HostName",
                "use the full email address that", "run again with -SenderAddress ADDRESS@example.com",
                "We also recommend using the PTR Organization Domain")
                .doesNotContain("Resolve-DnsName -Name $ip");
        int refusal = text.indexOf("run again with -SenderAddress");
        int firstChange = text.indexOf("New-TransportRule -Name");
        assertThat(refusal).isPositive().isLessThan(firstChange);
        assertThat(text.indexOf("RejectDirectSend")).isLessThan(firstChange);
        assertThat(variant.script(REMOVE).commands()).filteredOn(c -> c.name().equals("Remove-TenantAllowBlockListSpoofItems"))
                .singleElement().satisfies(c -> {
                    assertThat(c.argument("Identity").map(Argument::value)).contains("Default");
                    assertThat(c.argument("Ids").map(Argument::value)).contains("$item.Identity");
                    assertThat(c.argument("Confirm").map(Argument::value)).contains("$false");
                });
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
        List<String> looked = edge.commands().stream().filter(c -> c.name().equals("Get-IPAllowListEntry") && c.argument("IPAddress").isPresent())
                .map(c -> c.argument("IPAddress").orElseThrow().value()).toList();
        assertThat(looked).contains("46.254.11.0", "46.254.11.15", "86.107.243.139");
        String text = Files.readString(out.resolve(EDGE_INSTALL));
        assertThat(text).contains("$lastIds = @(Get-IPAllowListEntry -IPAddress '46.254.11.15' -ErrorAction Stop | ForEach-Object { \"$($_.Identity)\" })",
                "$covering = @(Get-IPAllowListEntry -IPAddress '46.254.11.0' -ErrorAction Stop | Where-Object { $lastIds -contains \"$($_.Identity)\" -and ($null -eq $_.ExpirationTime -or [datetime]$_.ExpirationTime -gt $now) })",
                "Add-IPAllowListEntry -IPRange '46.254.11.0/28'");
        for (Command command : edge.commands()) {
            assertThat(PowerShellChecks.against(PowerShellCmdlets.CMDLETS, command)).as(command.toString()).isEmpty();
        }
    }

    @Test
    void tlsConnectorFollowsTheProfile() {
        for (Variant variant : variants.stream().filter(v -> v.target().equals("m365")).toList()) {
            Optional<Command> connector = variant.script(INSTALL).commands().stream().filter(c -> c.name().equals("New-InboundConnector")).findFirst();
            // Version 2 states that Netigate sends with TLS; version 1 says nothing about TLS; behind a gateway TLS ends there.
            assertThat(connector.isPresent()).as(variant.toString()).isEqualTo(variant.profile().equals("2") && !variant.behind());
            connector.ifPresent(c -> assertThat(c.argument("RequireTls").map(Argument::value)).contains("$true"));
        }
    }
}
