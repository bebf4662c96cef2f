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
 * The proofpoint target: on Proofpoint on Demand / Protection Server a Policy Route on Netigate's IPs excluded from the
 * Spam Detection module only (and in scenario 2 from the anti-spoofing rule), on Proofpoint Essentials Netigate's IPs
 * on the Safe Sender list, never a sender domain on either, never Deliver Now, no anti-spoofing exception for the
 * customer's domain. No Proofpoint console runs here; the guide's claims rest on the pages it cites, and these tests
 * hold what can be held offline.
 */
class ProofpointTargetTest {

    private static final List<String> V2_IPS = List.of("46.254.11.92", "86.107.243.139", "89.45.227.195", "89.45.227.221");

    @TempDir
    Path dir;

    private final TargetFiles output = new TargetFiles("proofpoint", () -> dir);




    @Test
    void theRouteAndTheSafeSenderListHoldNetigatesIpsAndNoSenderDomain() throws IOException {
        output.generate("--server", "azure");
        String guide = output.read("proofpoint-guide.md");
        String csv = output.read("proofpoint-values.csv");

        String route = TargetFiles.section(guide, "### Step A1", "### Step A2");
        assertThat(route.lines().filter(l -> l.startsWith("   - **Sender IP Address** **Equals** `"))).containsExactlyElementsOf(
                V2_IPS.stream().map(ip -> "   - **Sender IP Address** **Equals** `" + ip + "`").toList());
        assertThat(route).contains("`netigate_surveys`");
        String safeList = TargetFiles.section(guide, "### Step B1", "### What stays on (part B)");
        assertThat(safeList).contains("```\n" + String.join("\n", V2_IPS) + "\n```\n")
                .contains("the list cannot require an IP and a sender domain together");
        // Neither product gets a sender domain: a domain entry would let forged mail through from anywhere.
        assertThat(TargetFiles.section(guide, "## Part A", "## Link scanning")).doesNotContain("netigate.se").doesNotContain("ntgt.de");
        for (String ip : V2_IPS) {
            assertThat(csv).contains("essentials,safe_sender_ip,Security Settings > Email > Sender Lists > Safe Sender List," + ip + "\r\n")
                    .contains("pod_pps,policy_route_condition_sender_ip_equals,");
        }
        assertThat(csv).startsWith("product,setting,where,value\r\n").doesNotContain("anti_spoofing").doesNotContain("netigate.se");
    }

    @Test
    void onlyTheSpamModuleIsBypassedAndVirusScanningStaysOn() throws IOException {
        output.generate("--server", "azure");
        String guide = output.read("proofpoint-guide.md");

        assertThat(TargetFiles.section(guide, "### Step A2", "### What stays on (part A)"))
                .contains("**Email Protection** > **Spam Detection** > **Settings** > **General**")
                .contains("into the **Disable for any of** box");
        assertThat(TargetFiles.section(guide, "### What stays on (part A)", "## Part B"))
                .contains("so virus scanning runs on this mail as before")
                .contains("none with the **Deliver Now** action")
                .contains("the route matches any mail from Netigate's IPs, whatever sender it names");
        assertThat(TargetFiles.section(guide, "### What stays on (part B)", "## Scenario 2"))
                .contains("the anti-virus check, Attachment Defense and the anti-spoofing check come before")
                .contains("Filters_Order_of_Operations")
                // Proofpoint names the Safe Sender list as a way past Inbound domain spoofing protection: the guide
                // must say that this one check is skipped too, not that only spam filtering is.
                .contains("as a way past **Inbound domain spoofing protection** (**Company Settings** > **Spam**)")
                .contains("Quarantining_suspected_spoof");
        // The check says what a Safe Sender entry shows in the log (Filtered: Allow) and cites the log pages.
        assertThat(TargetFiles.section(guide, "## Check after the first survey", "## Upgrade")).contains("under **Tools** > **Log Search**")
                .contains("the classification **Filtered: Allow**").contains("Troubleshooting_email_delivery_problems_using_Email_Logs");
        assertThat(guide.substring(0, guide.indexOf("## Part A"))).doesNotContain("and nothing more")
                .contains("a Safe Sender entry also skips the **Inbound domain spoofing protection** setting");
        // No step anywhere turns a virus or malware module off or delivers at once.
        assertThat(guide).doesNotContainPattern("(?i)(disable|bypass|skip)[^.\\n]*(virus|malware)")
                .doesNotContain("Deliver Now**,").contains("This guide was made without `--domain`")
                .doesNotContain("Step A3");
    }

    @Test
    void dachNamesItsOwnIpsAndTheBehindCommand() throws IOException {
        output.generate("--server", "dach");
        String guide = output.read("proofpoint-guide.md");

        assertThat(guide).contains("`whitelist-gen --target m365 --server dach --behind proofpoint`")
                .contains("# Netigate survey mail in Proofpoint (");
        assertThat(output.read("proofpoint-values.csv")).contains("pod_pps,policy_route_id,System > Policy Route > New Route: ID (no spaces),netigate_surveys\r\n");
    }

    @Test
    void scenarioTwoBypassesTheAntiSpoofingRuleForTheRouteOnlyAndMakesNoDomainException() throws IOException {
        output.generate("--server", "azure", "--domain", "customer.example", "--domain", "other.example");
        String guide = output.read("proofpoint-guide.md");
        String csv = output.read("proofpoint-values.csv");

        assertThat(TargetFiles.section(guide, "### Step A3 (scenario 2): the anti-spoofing rule for surveys sent as customer.example, other.example", "## Part B"))
                // The steps of Proofpoint's article that can be read are given, and where it breaks off is said.
                .contains("under **Conditions**, make sure **Disable Processing for Selected Policy Routes** is on")
                .contains("select the route `netigate_surveys` there")
                .contains("finish the step on Proofpoint's page")
                .contains("never for your domain as such");
        assertThat(TargetFiles.section(guide, "### Scenario 2 in part B", "## SPF and DKIM"))
                .contains("take domains only, not IP addresses")
                .contains("so this guide makes none")
                .contains("step B1's entries already let mail from Netigate's IPs past it, and no other mail with your domain as sender");
        assertThat(guide).contains("(the record to publish: `whitelist-gen --target bind --server azure --domain other.example`)")
                .doesNotContain("This guide was made without `--domain`");
        // The customer's domain is never a Safe Sender entry or a route condition.
        assertThat(TargetFiles.section(guide, "## Part A", "### Scenario 2 in part B")).doesNotContain("`customer.example`");
        assertThat(csv).contains("pod_pps,anti_spoofing_rule_bypass_route,")
                .contains("both,spf_must_authorise_netigate,DNS TXT record of the domain (whitelist-gen --target bind),customer.example\r\n")
                .doesNotContain("safe_sender_ip,Security Settings > Email > Sender Lists > Safe Sender List,customer.example");
    }

    @Test
    void versionOneListsItsIpAndTheUrlDefenseExclusionWithItsCost() throws IOException {
        output.generate("--server", "azure", "--profile", "1");
        String guide = output.read("proofpoint-guide.md");

        assertThat(guide).contains("   - **Sender IP Address** **Equals** `193.44.77.163`\n").contains("- `www.netigate.se`\n")
                .contains("not rewritten, and so not checked when clicked, in any message from anyone");
        assertThat(output.read("proofpoint-values.csv")).contains("essentials,url_defense_exclude_optional,");
    }

    @Test
    void theUpgradeRemovesFirstAndVersionOnesIpIsNotInVersionTwo() throws IOException {
        Path old = Files.createDirectories(dir.resolve("v1"));
        Cli.Result v1 = Cli.run("--target", "proofpoint", "--server", "azure", "--profile", "1", "--output", old.toString());
        assertThat(v1.exitCode()).as(v1.toString()).isZero();
        output.generate("--server", "azure");

        assertThat(Files.readString(old.resolve("proofpoint-guide.md"))).contains("`193.44.77.163`");
        String guide = output.read("proofpoint-guide.md");
        assertThat(TargetFiles.section(guide, "## Part A", "## Upgrade")).doesNotContain("193.44.77.163");
        assertThat(guide).contains("first remove each IP this guide no longer lists (part A: its condition in the route"
                + " `netigate_surveys`; part B: its Safe Sender entry)");
    }

    @Test
    void givenWhatEarlierVersionsAllowedTheUpgradeNamesEachIpToRemove() {
        // The render model's `earlier` is filled by the generator where it knows the profile history; here the
        // template is given it directly, as version 1 -> 2 for azure would fill it.
        Map<String, String> files = TargetFiles.renderedAfterVersion1("proofpoint");
        String guide = files.get("proofpoint-guide.md");
        String csv = files.get("proofpoint-values.csv");

        assertThat(guide).contains("this version (2) no longer does. Remove them:\n\n- `193.44.77.163` (version 1): part A, its"
                + " condition in the route `netigate_surveys`; part B, its Safe Sender entry\n");
        assertThat(csv).contains("pod_pps,delete_policy_route_condition,\"Policy Route netigate_surveys: Sender IP Address Equals"
                + " (listed by profile version 1, not by this one)\",193.44.77.163\r\n")
                .contains("essentials,delete_safe_sender_ip,\"Safe Sender List (listed by profile version 1, not by this one)\",193.44.77.163\r\n");
    }

    @Test
    void aBundleCarriesTheGuideInSwedishAndGerman() throws IOException {
        for (String lang : List.of("sv", "de")) {
            Path zip = dir.resolve("bundle-" + lang + ".zip");
            Cli.Result result = Cli.run("bundle", "--target", "proofpoint", "--server", "dach", "--domain", "customer.example",
                    "--lang", lang, "--output", zip.toString());
            assertThat(result.exitCode()).as(result.toString()).isZero();
            String text = TargetFiles.fromBundle(zip, "proofpoint-guide.md");
            assertThat(text).contains(lang.equals("sv") ? "enkät" : "Umfrage")
                    .contains(lang.equals("sv") ? "Steg A1: en Policy Route för Netigates IP-adresser" : "Schritt A1: eine Policy Route für Netigates IP-Adressen")
                    .contains("**Sender IP Address** **Equals** `89.45.227.221`").contains("**Safe Sender List**")
                    .doesNotContain("### Step A1");
        }
    }
}
