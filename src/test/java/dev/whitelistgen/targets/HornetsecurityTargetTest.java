package dev.whitelistgen.targets;

import static org.assertj.core.api.Assertions.assertThat;

import dev.whitelistgen.testing.Cli;
import dev.whitelistgen.testing.TargetFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hornetsecurity target: Allow List entries for Netigate's IPs only (the list cannot tie an IP to a sender, and
 * its address entries match the forgeable header From), no Compliance Filter rule (it would run before the malware
 * check and end processing), scenario 2 without an entry for the customer's own domain. No Hornetsecurity Control
 * Panel runs here; the guide's claims rest on the pages it cites, and these tests hold what can be held offline.
 */
class HornetsecurityTargetTest {

    private static final List<String> V2_IPS = List.of("46.254.11.92", "86.107.243.139", "89.45.227.195", "89.45.227.221");

    @TempDir
    Path dir;

    private final TargetFiles output = new TargetFiles("hornetsecurity", () -> dir);



    @Test
    void theAllowListGetsNetigatesIpsAndNoSenderDomain() throws IOException {
        output.generate("--server", "azure");
        String guide = output.read("hornetsecurity-guide.md");
        String csv = output.read("hornetsecurity-values.csv");

        for (String ip : V2_IPS) {
            assertThat(guide).contains("   - `" + ip + "`\n");
            assertThat(csv).contains("allow_list_entry,Control Panel > scope: your domain > Deny & Allow Lists > Allow List > Add entry," + ip + "\r\n");
        }
        // Step 1 lists exactly the four IPs: no sender address or domain among its entries.
        String step1 = guide.substring(guide.indexOf("## Step 1"), guide.indexOf("## What stays on"));
        assertThat(step1.lines().filter(l -> l.startsWith("   - `"))).hasSize(4);
        assertThat(step1).doesNotContain("netigate.se`").contains("cannot tie an IP to a sender domain")
                .contains("compared with the header From, which any sender on the Internet can write")
                .contains("does not say which IP of a message it is compared with");
        assertThat(csv.lines().filter(l -> l.startsWith("allow_list_entry,"))).hasSize(4);
    }

    @Test
    void noComplianceFilterRuleSoTheMalwareCheckStillRuns() throws IOException {
        output.generate("--server", "azure");
        String guide = output.read("hornetsecurity-guide.md");

        // A Compliance Filter rule tagging mail Clean would run before the check for malicious content and end
        // processing: the guide makes none, says why, and the CSV records "none".
        assertThat(guide).contains("## What stays on: no Compliance Filter rule")
                .contains("would therefore take it past the check for malicious content too. This guide makes no such rule.")
                .contains("the check for malicious content runs before the allow lists are read")
                .contains("c_ruleset_order.html").contains("c_filter_order_sort.html");
        assertThat(output.read("hornetsecurity-values.csv")).contains("compliance_filter_rule,Security Settings > Compliance Filter,none\r\n");
    }

    @Test
    void theCheckNamesInfomailAndTheHeaderOfAHandRelease() throws IOException {
        output.generate("--server", "azure");
        String guide = output.read("hornetsecurity-guide.md");
        String check = guide.substring(guide.indexOf("## Check after the first survey"), guide.indexOf("## Upgrade"));

        // Survey invitations are bulk mail: Infomail is as likely a miss as Spam (the allow lists are read before the
        // Infomail filter), and a hand release from quarantine must not be mistaken for the entries working.
        assertThat(check).contains("classed **Spam** or **Infomail** although step 1 is done, the IP entries did not match it")
                .contains("`x-hornetsecurity-delivered:` was released from quarantine by hand")
                .contains("r_Categories.html").contains("c_ruleset_order.html");
        // Pre-click checking is said as far as the manual says it: URL Scanning is for links in attachments.
        assertThat(guide.substring(guide.indexOf("## Link scanning"), guide.indexOf("## Behind the gateway")))
                .contains("URL Scanning checks the targets of links inside attached documents only")
                .contains("c_atp_engines.html").doesNotContain("Whether Hornetsecurity also opens links before anyone clicks");
    }

    @Test
    void dachNamesItsOwnSenderForTheFallbackOnly() throws IOException {
        output.generate("--server", "dach");
        String guide = output.read("hornetsecurity-guide.md");

        assertThat(guide).contains("- `survey@ntgt.de`\n").doesNotContain("netigate.se`")
                .contains("`whitelist-gen --target m365 --server dach --behind hornetsecurity`");
        assertThat(output.read("hornetsecurity-values.csv"))
                .contains("header_from_entry_only_if_ip_entries_do_not_match,Deny & Allow Lists > Allow List > Add entry (matches the header From: anyone can write it),survey@ntgt.de\r\n");
    }

    @Test
    void scenarioTwoNeverPutsTheCustomersDomainOnTheAllowList() throws IOException {
        output.generate("--server", "azure", "--domain", "customer.example", "--domain", "other.example");
        String guide = output.read("hornetsecurity-guide.md");
        String csv = output.read("hornetsecurity-values.csv");

        assertThat(guide).contains("## Scenario 2: surveys sent as customer.example, other.example")
                .contains("(the record to publish: `whitelist-gen --target bind --server azure --domain customer.example`)")
                .contains("Do not put your own domains on the allow list")
                .contains("not for Netigate's IPs only: do not add one for this")
                // The manual's exception is chosen among the customer's own protected domains, not a sender domain.
                .contains("switches a check off for one of your own domains as a whole")
                .doesNotContain("This guide was made without `--domain`");
        assertThat(csv).contains("spf_must_authorise_netigate,DNS TXT record of the domain (whitelist-gen --target bind),customer.example\r\n");
        assertThat(csv.lines().filter(l -> l.contains("customer.example") || l.contains("other.example")))
                .noneMatch(l -> l.startsWith("allow_list_entry") || l.startsWith("header_from_entry"));
    }

    @Test
    void versionOneListsItsWebDomainsForTheUrlRewritingExceptionWithItsCost() throws IOException {
        output.generate("--server", "azure", "--profile", "1");
        String guide = output.read("hornetsecurity-guide.md");

        assertThat(guide).contains("   - `193.44.77.163`\n").contains("- `www.netigate.se`\n")
                .contains("links to that domain are then never rewritten, in any message from anyone")
                .contains("- `netigate.se`\n"); // version 1 names no sender address: the fallback is the domain
        assertThat(output.read("hornetsecurity-values.csv")).contains("url_rewriting_exception_optional,");
    }

    @Test
    void theUpgradeDeletesFirstAndVersionOnesIpIsNotInVersionTwo() throws IOException {
        Path old = Files.createDirectories(dir.resolve("v1"));
        Cli.Result v1 = Cli.run("--target", "hornetsecurity", "--server", "azure", "--profile", "1", "--output", old.toString());
        assertThat(v1.exitCode()).as(v1.toString()).isZero();
        output.generate("--server", "azure");

        assertThat(Files.readString(old.resolve("hornetsecurity-guide.md"))).contains("   - `193.44.77.163`\n");
        String step1 = output.read("hornetsecurity-guide.md").substring(0, output.read("hornetsecurity-guide.md").indexOf("## What stays on"));
        assertThat(step1).doesNotContain("193.44.77.163");
        assertThat(output.read("hornetsecurity-guide.md"))
                .contains("first delete every allow list entry for a Netigate IP or sender that step 1 (or the check's sender, if you added it) no longer lists, then add the IPs of step 1 that are missing");
        // Allow list entries carry no tag, so the generator itself must name version 1's IP for deletion.
        assertThat(output.read("hornetsecurity-guide.md")).contains("Delete their entries:\n\n- Allow List entry `193.44.77.163` (version 1)\n");
        assertThat(output.read("hornetsecurity-values.csv"))
                .contains("delete_allow_list_entry,\"Deny & Allow Lists > Allow List (listed by profile version 1, not by this one)\",193.44.77.163\r\n");
    }

    @Test
    void givenWhatEarlierVersionsAllowedTheUpgradeNamesEachEntryToDelete() {
        // The render model's `earlier` (what versions the rendered one supersedes allowed and it no longer does) is
        // filled by the generator where it knows the profile history; here the template is given it directly, as
        // version 1 -> 2 for azure would fill it.
        Map<String, String> files = TargetFiles.renderedAfterVersion1("hornetsecurity");
        String guide = files.get("hornetsecurity-guide.md");
        String csv = files.get("hornetsecurity-values.csv");

        assertThat(guide).contains("this version (2) no longer does. Delete their entries:\n\n- Allow List entry `193.44.77.163` (version 1)\n");
        assertThat(csv).contains("delete_allow_list_entry,\"Deny & Allow Lists > Allow List (listed by profile version 1, not by this one)\",193.44.77.163\r\n");
    }

    @Test
    void aBundleCarriesTheGuideInSwedishAndGerman() throws IOException {
        for (String lang : List.of("sv", "de")) {
            Path zip = dir.resolve("bundle-" + lang + ".zip");
            Cli.Result result = Cli.run("bundle", "--target", "hornetsecurity", "--server", "dach", "--domain", "customer.example",
                    "--lang", lang, "--output", zip.toString());
            assertThat(result.exitCode()).as(result.toString()).isZero();
            String text = TargetFiles.fromBundle(zip, "hornetsecurity-guide.md");
            assertThat(text).contains(lang.equals("sv") ? "enkät" : "Umfrage")
                    .contains(lang.equals("sv") ? "Steg 1: poster i Allow List" : "Schritt 1: Einträge in der Allow List")
                    .contains("`89.45.227.221`").doesNotContain("## Step 1");
        }
    }
}
