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
 * The barracuda target: IP exemptions for Netigate's IPs only (Barracuda cannot tie an IP to a sender domain, and a
 * sender-domain exemption is spoofable), nothing that turns virus scanning off, in scenario 2 SPF exemptions for the
 * same IPs and never the customer's domain. No Barracuda console runs here; the guide's claims rest on the pages it
 * cites, and these tests hold what can be held offline.
 */
class BarracudaTargetTest {

    private static final List<String> V2_IPS = List.of("46.254.11.92", "86.107.243.139", "89.45.227.195", "89.45.227.221");
    private static final String COMMENT = "Netigate surveys (whitelist-gen)";

    @TempDir
    Path dir;

    private final TargetFiles output = new TargetFiles("barracuda", () -> dir);




    private static List<String> tableRows(String text) {
        return text.lines().filter(l -> l.startsWith("| `")).toList();
    }

    @Test
    void bothProductsExemptExactlyNetigatesIpsEachWithItsNetmask() throws IOException {
        output.generate("--server", "azure");
        String guide = output.read("barracuda-guide.md");
        String csv = output.read("barracuda-values.csv");

        assertThat(tableRows(TargetFiles.section(guide, "## Step 1 (Email Gateway Defense)", "## Step 1 (Email Security Gateway"))).containsExactlyElementsOf(
                V2_IPS.stream().map(ip -> "| `" + ip + "` | `255.255.255.255` | **Exempt** | `" + COMMENT + "` |").toList());
        assertThat(tableRows(TargetFiles.section(guide, "## Step 1 (Email Security Gateway", "## Why IPs only"))).containsExactlyElementsOf(
                V2_IPS.stream().map(ip -> "| `" + ip + "` | `255.255.255.255` | `" + COMMENT + "` |").toList());
        for (String ip : V2_IPS) {
            assertThat(csv).contains("egd_ip_address_policy_exempt,\"Email Gateway Defense: Inbound Settings > IP Address Policies > IP Blocking / Exemption;"
                    + " Netmask 255.255.255.255, Policy Exempt, Comment " + COMMENT + "\"," + ip + "\r\n");
        }
        assertThat(csv).doesNotContain("spf_exemption").doesNotContain("netigate.se");
        assertThat(guide).contains("This guide was made without `--domain`");
    }

    @Test
    void noSenderDomainIsEverExemptedAndVirusScanningStaysOn() throws IOException {
        output.generate("--server", "azure", "--domain", "customer.example");
        String guide = output.read("barracuda-guide.md");

        // Every Exempt in the guide is in the IP table of step 1; no Sender Policies entry, no Trusted Forwarder.
        assertThat(guide.lines().filter(l -> l.contains("**Exempt**") && l.startsWith("| "))).hasSize(V2_IPS.size());
        assertThat(TargetFiles.section(guide, "## Why IPs only", "## What stays on"))
                .contains("Barracuda cannot tie the two: this guide makes IP entries only")
                .contains("including mail from other Netigate customers");
        assertThat(TargetFiles.section(guide, "## What stays on", "## Scenario 2"))
                .contains("virus scanning still applies")
                // Barracuda's ESG pages contradict each other on attachment filtering for allowed IPs: said, not chosen.
                .contains("On attachment filtering Barracuda's pages disagree").contains("3866700").contains("171802767")
                .contains("whether that holds for an exempt IP is not said there")
                .contains("is not said in the pages read for this guide")
                .contains("3866724").contains("96023020");
        // Barracuda's pages say "virus scanning still applies" for the ESG's Allowed IP/Range only: the intro claims no
        // more than that. The setting to leave on is named as Email Gateway Defense's own Message Log reasons page
        // (cited beside it) names it, not as the predecessor's page or "not named".
        assertThat(TargetFiles.section(guide, "# Netigate", "## Step 1")).doesNotContain("Virus scanning still runs")
                .contains("This guide turns no virus setting off");
        assertThat(TargetFiles.section(guide, "## What stays on", "## Scenario 2"))
                .contains("Leave **Scan Email for Viruses** (**Inbound Settings > Anti-Spam/Antivirus**) at **Yes**")
                .contains("https://campus.barracuda.com/doc/167976683")
                .doesNotContain("do not name its setting").doesNotContain("169282026")
                // Link Protection's own list of what it leaves alone names sender policies, not IP policies.
                .contains("names exempt sender policies, not exempt IPs");
    }

    @Test
    void dachGetsTheSameIpsAndItsOwnBehindCommand() throws IOException {
        output.generate("--server", "dach");
        String guide = output.read("barracuda-guide.md");

        assertThat(tableRows(TargetFiles.section(guide, "## Step 1 (Email Gateway Defense)", "## Step 1 (Email Security Gateway"))).hasSize(V2_IPS.size());
        assertThat(guide).contains("`whitelist-gen --target m365 --server dach --behind barracuda`")
                .contains("# Netigate survey mail in Barracuda Email Gateway Defense and Email Security Gateway (" + "DACH" + ")");
    }

    @Test
    void scenarioTwoOffersSpfExemptionsForTheSameIpsOnlyAsAFallbackAndNeverTheCustomersDomain() throws IOException {
        output.generate("--server", "azure", "--domain", "customer.example", "--domain", "other.example");
        String guide = output.read("barracuda-guide.md");
        String csv = output.read("barracuda-values.csv");

        String scenario2 = TargetFiles.section(guide, "## Scenario 2: surveys sent as customer.example, other.example", "## Link scanning");
        assertThat(tableRows(scenario2)).containsExactlyElementsOf(
                V2_IPS.stream().map(ip -> "| `" + ip + "` | `255.255.255.255` | `" + COMMENT + "` |").toList());
        assertThat(scenario2).contains("**SPF Exemptions by IP Address**")
                .contains("(the record to publish: `whitelist-gen --target bind --server azure --domain customer.example`)")
                .contains("(the record to publish: `whitelist-gen --target bind --server azure --domain other.example`)")
                .contains("Do not add your own domain to **SPF Exemptions by Domain** or to a DMARC exemption")
                .contains("**Sender Spoof Protection**")
                .contains("**DOMAINS > Manage Domain > ADVANCED > Email Protocol**");
        // With the customer's SPF record authorising Netigate, SPF passes: an SPF exemption for Netigate's IPs (which
        // stops SPF enforcement for every domain sent through them) is only the fallback when a survey is still held
        // for SPF, and Barracuda's DMARC precedence means it cannot let a survey past an enforcing DMARC policy.
        assertThat(scenario2).contains("Email Gateway Defense, only if the check after the first survey shows an invitation sent as your domain"
                        + " blocked or quarantined for SPF although your SPF record authorises Netigate")
                .contains("decides regardless of SPF and DKIM results or exemptions").contains("pages/2850945/Sender+Authentication");
        for (String ip : V2_IPS) {
            assertThat(csv).contains("egd_spf_exemption_by_ip_only_if_spf_blocks,\"Email Gateway Defense: Inbound Settings > Sender Authentication > SPF Exemptions by IP Address;"
                    + " Netmask 255.255.255.255, Comment " + COMMENT + "; only if a survey sent as your domain is held for SPF although your SPF record"
                    + " authorises Netigate\"," + ip + "\r\n");
        }
        assertThat(csv).doesNotContain("egd_spf_exemption_by_ip,");
        // The customer's domain appears only as the SPF record to publish, never as an exemption.
        assertThat(csv.lines().filter(l -> l.endsWith("customer.example")))
                .containsExactly("spf_must_authorise_netigate,DNS TXT record of the domain (whitelist-gen --target bind),customer.example");
        assertThat(guide).doesNotContain("This guide was made without `--domain`");
    }

    @Test
    void versionOneExemptsItsOwnIpAndListsItsWebDomainsForIntentIgnoreWithTheCost() throws IOException {
        output.generate("--server", "azure", "--profile", "1");
        String guide = output.read("barracuda-guide.md");

        assertThat(guide).contains("| `193.44.77.163` | `255.255.255.255` | **Exempt** |").contains("- `www.netigate.se`\n")
                .contains("neither checked by Intent Analysis nor rewritten, in any message from anyone");
        // Pre-click opening of links is said where Barracuda says it (Intent checking visits the URLs it finds).
        assertThat(TargetFiles.section(guide, "## Link scanning", "## Behind the gateway"))
                .contains("Intent Analysis visits the URLs it finds in a message").contains("so expect survey links to be rewritten")
                .contains("501600000014MuaAAE");
        assertThat(output.read("barracuda-values.csv")).contains("intent_domain_ignore_optional,");
    }

    @Test
    void theUpgradeDeletesFirstAndVersionOnesIpIsNotInVersionTwo() throws IOException {
        Path old = Files.createDirectories(dir.resolve("v1"));
        Cli.Result v1 = Cli.run("--target", "barracuda", "--server", "azure", "--profile", "1", "--output", old.toString());
        assertThat(v1.exitCode()).as(v1.toString()).isZero();
        output.generate("--server", "azure");

        assertThat(Files.readString(old.resolve("barracuda-guide.md"))).contains("| `193.44.77.163` |");
        String guide = output.read("barracuda-guide.md");
        assertThat(TargetFiles.section(guide, "## Step 1", "## Upgrade")).doesNotContain("193.44.77.163");
        assertThat(guide).contains("first delete every entry with the comment `" + COMMENT + "`")
                .contains("whose address this guide no longer lists")
                // Converge: guides before the SPF exemptions became a fallback made them unconditionally; the upgrade
                // removes them unless the check called for them.
                .contains("or when the check after the first survey did not call for them: guides made before this version added them");
    }

    @Test
    void givenWhatEarlierVersionsAllowedTheUpgradeNamesEachAddressToDelete() {
        // The render model's `earlier` is filled by the generator where it knows the profile history; here the
        // template is given it directly, as version 1 -> 2 for azure would fill it.
        Map<String, String> files = TargetFiles.renderedAfterVersion1("barracuda");
        String guide = files.get("barracuda-guide.md");
        String csv = files.get("barracuda-values.csv");

        assertThat(guide).contains("this version (2) no longer does. Delete their entries:\n\n- `193.44.77.163/32` (version 1), in every list of this guide\n");
        assertThat(csv).contains("delete_ip_entry,\"every entry with Comment " + COMMENT + " for this address (listed by profile version 1, not by this one)\",193.44.77.163/32\r\n");
    }

    @Test
    void aBundleCarriesTheGuideInSwedishAndGerman() throws IOException {
        for (String lang : List.of("sv", "de")) {
            Path zip = dir.resolve("bundle-" + lang + ".zip");
            Cli.Result result = Cli.run("bundle", "--target", "barracuda", "--server", "dach", "--domain", "customer.example",
                    "--lang", lang, "--output", zip.toString());
            assertThat(result.exitCode()).as(result.toString()).isZero();
            String text = TargetFiles.fromBundle(zip, "barracuda-guide.md");
            assertThat(text).contains(lang.equals("sv") ? "enkät" : "Umfrage")
                    .contains(lang.equals("sv") ? "Steg 1 (Email Gateway Defense): undanta Netigates IP-adresser"
                            : "Schritt 1 (Email Gateway Defense): Netigates IP-Adressen ausnehmen")
                    .contains("| `89.45.227.221` | `255.255.255.255` | **Exempt** |").contains("**SPF Exemptions by IP Address**")
                    .doesNotContain("## Step 1");
        }
    }
}
