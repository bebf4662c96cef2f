package dev.whitelistgen.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.whitelistgen.UserError;
import dev.whitelistgen.testing.Cli;
import dev.whitelistgen.testing.Repo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Documented limits of a target (target.yaml "limits:") refuse a request when generating, naming limit and page. */
class TargetLimitTest {

    static final String TRANSPORT_RULE_DOC = "https://learn.microsoft.com/en-us/powershell/module/exchangepowershell/new-transportrule?view=exchange-ps";

    private static Path profileWith(Path dir, String extraNetwork) throws IOException {
        Path profile = dir.resolve("test-profile.yaml");
        Files.writeString(profile, Files.readString(Repo.path("profiles/netigate/v2.yaml"))
                .replace("  - 86.107.243.139\n", "  - 86.107.243.139\n  - " + extraNetwork + "\n"));
        return profile;
    }

    @Test
    void anIpv6NetworkIsRefusedByTheMicrosoftTargetsButNotByGoogle(@TempDir Path dir) throws IOException {
        Path profile = profileWith(dir, "2001:67c:2e8::/48");
        for (String target : List.of("m365", "exchange")) {
            Cli.Result result = Cli.run("--target", target, "--server", "azure", "--profile", profile.toString());
            assertThat(result.exitCode()).as(result.toString()).isEqualTo(4);
            assertThat(result.out()).isEmpty();
            assertThat(result.err()).isEqualTo("whitelist-gen: target " + target + ": the " + (target.equals("m365") ? "mail flow rule" : "transport rule")
                    + " condition SenderIpRanges (New-TransportRule): its page documents IPv4 values only; 2001:67c:2e8::/48 of server azure is IPv6 ("
                    + TRANSPORT_RULE_DOC + ")\n");
        }
        Cli.Result google = Cli.run("--target", "google", "--server", "azure", "--profile", profile.toString());
        assertThat(google.exitCode()).as(google.toString()).isZero();
        assertThat(google.out()).contains("2001:67c:2e8::/48");
    }

    @Test
    void aNetworkWiderThanSlash24IsRefusedOnlyForTheIpAllowList(@TempDir Path dir) throws IOException {
        Path profile = profileWith(dir, "46.254.8.0/23");
        String[] base = {"--target", "m365", "--server", "dach", "--profile", profile.toString(), "--allow-prefix", "23"};
        assertThat(Cli.run(base).exitCode()).isZero();
        List<String> withFlag = new ArrayList<>(List.of(base));
        withFlag.add("--ip-allow-list");
        Cli.Result refused = Cli.run(withFlag.toArray(String[]::new));
        assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(4);
        assertThat(refused.err()).contains("the connection filter IP Allow List (Set-HostedConnectionFilterPolicy -IPAllowList)"
                + " takes networks from /24 to /32; 46.254.8.0/23 of server dach is wider"
                + " (https://learn.microsoft.com/en-us/defender-office-365/connection-filter-policies-configure)");
    }

    @Test
    void moreThan1024SpoofPairsAreRefused() {
        // Profile version 2 has three distinct /24s: 341 domains need 1023 pairs, 342 need 1026. The 1023 pairs
        // would fit the list, but the install records each pair it adds in the rule's comment (issue 15), which
        // holds 1024 characters: that refuses first, with its own reason.
        Cli.Result tooLongARecord = Cli.run(withDomains(341));
        assertThat(tooLongARecord.exitCode()).as(tooLongARecord.toString()).isEqualTo(4);
        assertThat(tooLongARecord.err()).contains("target m365: the install records what it adds in the mail flow rule's Comments,"
                + " which hold at most 1024 characters").contains("give fewer --domain");
        // README: with --ip-allow-list, 9 customer domains fit the record, the 10th is refused.
        assertThat(Cli.run(withFlag(withDomains(9))).exitCode()).isZero();
        assertThat(Cli.run(withFlag(withDomains(10))).exitCode()).isEqualTo(4);
        Cli.Result refused = Cli.run(withDomains(342));
        assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(4);
        assertThat(refused.err()).contains("spoof allow entries (New-TenantAllowBlockListSpoofItems -SendingInfrastructure IP/24)"
                + " holds at most 1024 entries; this request needs 1026 for server azure");
    }

    private static String[] withFlag(String[] args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--ip-allow-list");
        return all.toArray(String[]::new);
    }

    private static String[] withDomains(int count) {
        List<String> args = new ArrayList<>(List.of("--target", "m365", "--server", "azure"));
        for (int i = 0; i < count; i++) {
            args.addAll(List.of("--domain", "d" + i + ".example"));
        }
        return args.toArray(String[]::new);
    }

    @Test
    void aBrokenLimitsBlockIsReportedWithItsFile(@TempDir Path dir) throws IOException {
        Path target = Files.createDirectories(dir.resolve("broken"));
        Files.writeString(target.resolve("a.txt.ftl"), "x\n");
        Files.writeString(target.resolve("target.yaml"), "description: d\nlimits:\n  - name: n\n    doc: https://example.com/x\n    max_entries: 3\n");
        assertThatThrownBy(() -> new TargetCatalog(List.of(dir)).all())
                .isInstanceOf(UserError.class)
                .hasMessageEndingWith("target.yaml:5: limits[0].max_entries: unknown key; expected one of count, doc, flag, ipv4_only,"
                        + " max_count, name, widest_prefix, with_domain");
        Files.writeString(target.resolve("target.yaml"), "description: d\nlimits:\n  - name: n\n    doc: https://example.com/x\n    count: addresses\n    max_count: 3\n");
        assertThatThrownBy(() -> new TargetCatalog(List.of(dir)).all()).hasMessageContaining("target.yaml:5: limits[0].count: 'addresses' is not one of");
        Files.writeString(target.resolve("target.yaml"), "description: d\nlimits:\n  - name: n\n    ipv4_only: true\n");
        assertThatThrownBy(() -> new TargetCatalog(List.of(dir)).all()).hasMessageEndingWith("target.yaml:3: limits[0].doc: missing required key in limits[0]");
    }
}
