package dev.whitelistgen.targets;

import static org.assertj.core.api.Assertions.assertThat;

import dev.whitelistgen.testing.Cli;
import dev.whitelistgen.testing.TargetFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cisco target: the message filter ties Netigate's IPs (the sender group) to exact envelope sender domains and
 * skips only the spam and graymail checks; the guide lists the IPs, scenario 2 and the upgrade step. No AsyncOS runs
 * here, so the filter's syntax rests on Cisco's guides cited in the files; these tests hold what can be held offline.
 */
class CiscoTargetTest {

    @TempDir
    Path dir;

    private final TargetFiles output = new TargetFiles("cisco", () -> dir);



    @Test
    void theFilterTiesTheSenderGroupToNetigatesExactDomainAndNeverSkipsVirusScanning() throws IOException {
        output.generate("--server", "azure");
        String filter = output.read("netigate-message-filter.txt");

        assertThat(filter).contains("netigate_wlg:\nif (sendergroup == \"^NETIGATE_WLG$\") and ((mail-from == \"@netigate\\\\.se$\"))\n{\n")
                .contains("    skip-spamcheck();\n    skip-marketingcheck();\n    skip-socialcheck();\n    skip-bulkcheck();\n")
                .contains("    insert-header(\"X-Whitelist-Gen\", \"netigate-azure\");")
                .contains("else\n{\n    strip-header(\"X-Whitelist-Gen\");\n}\n.\n")
                .doesNotContain("ntgt")
                .doesNotContainPattern("(?m)^\\s*skip-viruscheck")
                .doesNotContainPattern("(?m)^\\s*skip-(vofcheck|ampcheck|filters)");
        // Every line before the filter is a comment: pasted whole after `filters` > NEW, AsyncOS ignores them.
        assertThat(filter.substring(0, filter.indexOf("netigate_wlg:")).lines()).allMatch(l -> l.startsWith("#"));
    }

    @Test
    void dachNamesItsOwnDomainAndHeader() throws IOException {
        output.generate("--server", "dach");

        assertThat(output.read("netigate-message-filter.txt")).contains("(mail-from == \"@ntgt\\\\.de$\")")
                .contains("\"netigate-dach\"").doesNotContain("netigate\\\\.se");
        assertThat(output.read("cisco-values.csv")).contains("envelope_sender_domain,\"message filter netigate_wlg: mail-from, exact domain\",ntgt.de\r\n");
    }

    @Test
    void scenarioTwoAddsTheCustomersDomainsToTheSameTie() throws IOException {
        output.generate("--server", "azure", "--domain", "customer.example", "--domain", "other.example");

        assertThat(output.read("netigate-message-filter.txt")).contains("if (sendergroup == \"^NETIGATE_WLG$\") and ((mail-from == \"@netigate\\\\.se$\")"
                + " or (mail-from == \"@customer\\\\.example$\") or (mail-from == \"@other\\\\.example$\"))");
        assertThat(output.read("cisco-guide.md")).contains("## Scenario 2: surveys sent as customer.example, other.example")
                .contains("(the record to publish: `whitelist-gen --target bind --server azure --domain customer.example`)")
                .contains("`and not (sendergroup == \"^NETIGATE_WLG$\")`")
                .doesNotContain("This guide was made without `--domain`");
    }

    @Test
    void theGuideListsTheIpsAndWarnsAgainstTrustedAndHatImport() throws IOException {
        output.generate("--server", "azure");
        String guide = output.read("cisco-guide.md");

        for (String ip : List.of("46.254.11.92", "86.107.243.139", "89.45.227.195", "89.45.227.221")) {
            assertThat(guide).contains("   - `" + ip + "`\n");
        }
        assertThat(guide).contains("**Policy**: **ACCEPTED**")
                .contains("Do not put Netigate's IPs in the predefined sender group on the **TRUSTED** policy")
                .contains("overwrites all of the listener's existing HAT entries")
                .contains("This guide was made without `--domain`")
                .contains("The current Netigate article names no survey link domain")
                .contains("(the Microsoft 365 part: `whitelist-gen --target m365 --server azure --behind cisco`)");
    }

    @Test
    void theFilterIsMovedToPositionOneSoThatNoEarlierFinalActionSkipsTheHeaderStrip() throws IOException {
        output.generate("--server", "azure");
        String guide = output.read("cisco-guide.md");

        // NEW appends a filter last; an earlier skip-filters() or drop() would then keep the else branch from
        // stripping a forged X-Whitelist-Gen header. The guide, the file's own comment and the CSV all say MOVE to 1.
        assertThat(guide).contains("3. Run **MOVE** and move `netigate_wlg` to position 1").contains("4. Run `commit`.")
                .contains("a forged `X-Whitelist-Gen` header on other mail would not be removed");
        assertThat(output.read("netigate-message-filter.txt")).contains("then MOVE\n# it to position 1");
        assertThat(output.read("cisco-values.csv")).contains("message_filter_position,");
    }

    @Test
    void theSenderGroupUsesTheUnknownSendersPolicyAndNeverRelays() throws IOException {
        output.generate("--server", "azure");

        assertThat(output.read("cisco-guide.md")).contains("the policy of the catch-all group for unknown senders (UNKNOWNLIST)")
                .contains("Never a policy that relays (RELAYED)").contains("the recipient access table (RAT) stays as it is")
                .contains("**Order**: 1 (or directly below RELAYLIST where that comes first)");
    }

    @Test
    void theGuideClaimsNothingAboutCurrentReleasesItsSourcesDoNotCover() throws IOException {
        output.generate("--server", "azure");
        String guide = output.read("cisco-guide.md");

        assertThat(guide).contains("Cisco's guides for current releases (14.x, 15.x) could not be read for it")
                .doesNotContain("the objects (sender group, mail flow policy, message filter) are the same")
                .contains("do not say whether one implies the other, so the filter names all four");
    }

    @Test
    void scenarioTwoHandlesTheSenderVerificationExceptionTableAndTheSpoofFilterOnlyWithADomain() throws IOException {
        output.generate("--server", "azure", "--domain", "customer.example");
        String guide = output.read("cisco-guide.md");

        assertThat(guide).contains("**Use Sender Verification Exception Table**: **Off**")
                .contains("That switches off every entry of the exception table for Netigate's shared IPs, for all Netigate customers")
                .contains("(MY_TRUSTED_SPOOF_HOSTS in the tech note) would not work")
                .contains("200166-Quarantine-Spoofed-Email-Messages-on-the.html");
        Path plain = Files.createDirectories(dir.resolve("plain"));
        Cli.Result result = Cli.run("--target", "cisco", "--server", "azure", "--output", plain.toString());
        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(Files.readString(plain.resolve("cisco-guide.md"))).doesNotContain("Use Sender Verification Exception Table");
    }

    @Test
    void upgradeAndUndoRemoveWhatScenarioTwoAndLinkScanningAdded() throws IOException {
        output.generate("--server", "azure");
        String guide = output.read("cisco-guide.md");

        assertThat(guide).contains("so that at no moment more is allowed than the old or the new guide allows")
                .contains("**MOVE** it to position 1, and one `commit`")
                .contains("take the `sendergroup` exemption out of your anti-spoofing filter, set the sender group's policy back to **ACCEPTED**")
                .contains("3. If you made them for scenario 2 or link scanning: delete the mail flow policy `NETIGATE_WLG`");
    }

    @Test
    void anUpgradeFromVersionOneReplacesItsIpInsteadOfAddingToIt() throws IOException {
        Path old = Files.createDirectories(dir.resolve("v1"));
        Cli.Result v1 = Cli.run("--target", "cisco", "--server", "azure", "--profile", "1", "--output", old.toString());
        assertThat(v1.exitCode()).as(v1.toString()).isZero();
        output.generate("--server", "azure");
        String oldGuide = Files.readString(old.resolve("cisco-guide.md"));
        String guide = output.read("cisco-guide.md");

        // Version 1's Sweden IP is in the old guide and not in the new one; the same sender group and filter name
        // in both, and the upgrade step deletes every sender the new list does not name: nothing of v1 stays.
        assertThat(oldGuide).contains("   - `193.44.77.163`\n").contains("`www.netigate.se`");
        assertThat(guide).doesNotContain("193.44.77.163")
                .contains("then in sender group `NETIGATE_WLG` delete every sender that step 1 does not list")
                .contains("`filters` > **DELETE** `netigate_wlg`, **NEW** with the new file");
        assertThat(Files.readString(old.resolve("netigate-message-filter.txt"))).contains("netigate_wlg:\n");
    }

    @Test
    void aBundleCarriesTheGuideInSwedishAndGerman() throws IOException {
        for (String lang : List.of("sv", "de")) {
            Path zip = dir.resolve("bundle-" + lang + ".zip");
            Cli.Result result = Cli.run("bundle", "--target", "cisco", "--server", "dach", "--domain", "customer.example",
                    "--lang", lang, "--output", zip.toString());
            assertThat(result.exitCode()).as(result.toString()).isZero();
            String text = TargetFiles.fromBundle(zip, "cisco-guide.md");
            assertThat(text).contains(lang.equals("sv") ? "enkät" : "Umfrage").contains("NETIGATE_WLG");
        }
    }
}
