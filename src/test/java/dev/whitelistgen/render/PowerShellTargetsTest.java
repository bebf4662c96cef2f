package dev.whitelistgen.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.whitelistgen.testing.Cli;
import dev.whitelistgen.testing.PowerShellParser;
import dev.whitelistgen.testing.PowerShellParser.Argument;
import dev.whitelistgen.testing.PowerShellParser.Command;
import dev.whitelistgen.testing.PowerShellParser.Script;
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

        @Override
        public String toString() {
            return target + " " + server + " v" + profile + (domain ? " --domain" : "") + (ipAllowList ? " --ip-allow-list" : "");
        }
    }

    static final String INSTALL = "Install-NetigateAllowlist.ps1";
    static final String REMOVE = "Remove-NetigateAllowlist.ps1";
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
        variants.forEach(v -> files.addAll(List.of(v.folder().resolve(INSTALL), v.folder().resolve(REMOVE))));
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
                    assertThat(command.shouldProcess()).as(command + " in " + script.file() + " is guarded by ShouldProcess").isTrue();
                }
            }
        }
    }

    @Test
    void removalRemovesExactlyWhatTheInstallCreates() {
        for (Variant variant : variants) {
            Set<String> created = PowerShellChecks.created(variant.script(INSTALL));
            Set<String> removed = PowerShellChecks.removed(variant.script(REMOVE));
            assertThat(created).as("objects created by " + variant).isNotEmpty();
            assertThat(removed).as("objects the removal script removes, " + variant).isEqualTo(created);
        }
    }

    @Test
    void theMailFlowRuleAlwaysNeedsTheIpsAndTheSenderDomainsTogether() {
        for (Variant variant : variants) {
            List<Command> rules = variant.script(INSTALL).commands().stream()
                    .filter(c -> c.name().equals("New-TransportRule") || c.name().equals("Set-TransportRule")).toList();
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
            for (String name : List.of(INSTALL, REMOVE)) {
                boolean touchesAllowList = variant.script(name).commands().stream().anyMatch(c ->
                        c.name().equals("Set-HostedConnectionFilterPolicy") || c.name().contains("IPAllowListEntry"));
                assertThat(touchesAllowList).as(name + " " + variant).isEqualTo(variant.ipAllowList());
            }
        }
    }

    @Test
    void scenarioTwoObjectsAppearOnlyWithDomains() {
        for (Variant variant : variants) {
            Set<String> names = new TreeSet<>();
            variant.script(INSTALL).commands().forEach(c -> names.add(c.name()));
            String scenario2 = variant.target().equals("m365") ? "New-TenantAllowBlockListSpoofItems" : "New-ReceiveConnector";
            assertThat(names.contains(scenario2)).as(variant.toString()).isEqualTo(variant.domain());
        }
    }

    @Test
    void spoofEntriesPairEachCustomerDomainWithEachNetigateSlash24() {
        Variant variant = variants.stream().filter(v -> v.target().equals("m365") && v.profile().equals("2") && v.domain()).findFirst().orElseThrow();
        Set<String> pairs = new TreeSet<>();
        for (Command c : variant.script(INSTALL).commands()) {
            if (c.name().equals("New-TenantAllowBlockListSpoofItems")) {
                pairs.add(c.argument("SpoofedUser").orElseThrow().value() + " " + c.argument("SendingInfrastructure").orElseThrow().value());
                assertThat(c.argument("SpoofType").map(Argument::value)).contains("Internal");
            }
        }
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
