package dev.whitelistgen.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.whitelistgen.check.MxSystems;
import dev.whitelistgen.testing.Cli;
import dev.whitelistgen.testing.NamedServer;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * `check mx` against a real BIND named serving one test zone: a name per vendor whose MX host follows that vendor's
 * pattern (made-up customer parts, the vendor's real suffix), a look-alike, an own server, no MX, a null MX.
 */
class CheckMxCommandTest {

    private static final String ZONE = "mxtest.example";
    private static NamedServer named;

    @BeforeAll
    static void startNamed() throws IOException {
        named = NamedServer.start(Map.of(ZONE, NamedServer.zone(ZONE, """
                m365\tIN\tMX\t0 mxtest-example.mail.protection.outlook.com.
                m365dnssec\tIN\tMX\t0 mxtest-example.r-v1.mx.microsoft.
                google\tIN\tMX\t1 smtp.google.com.
                googleold\tIN\tMX\t1 aspmx.l.google.com.
                googleold\tIN\tMX\t5 alt1.aspmx.l.google.com.
                googleold\tIN\tMX\t10 aspmx2.googlemail.com.
                cisco\tIN\tMX\t10 mx1.hc0000-00.iphmx.com.
                cisco\tIN\tMX\t20 mx2.hc0000-00.iphmx.com.
                ciscoetd\tIN\tMX\t10 mx.eu.etd.cisco.com.
                ciscoetdregions\tIN\tMX\t10 mx.us.etd.cisco.com.
                ciscoetdregions\tIN\tMX\t20 mx.in.etd.cisco.com.
                ciscoetdregions\tIN\tMX\t30 mx.au.etd.cisco.com.
                ciscoetdregions\tIN\tMX\t40 mx.ae.etd.cisco.com.
                hornet\tIN\tMX\t10 mx01.hornetsecurity.com.
                hornet\tIN\tMX\t20 mx02.hornetsecurity.com.
                hornet\tIN\tMX\t30 mx03.hornetsecurity.com.
                hornet\tIN\tMX\t40 mx04.hornetsecurity.com.
                mimecast\tIN\tMX\t10 eu-smtp-inbound-1.mimecast.com.
                mimecastregions\tIN\tMX\t10 us-smtp-inbound-1.mimecast.com.
                mimecastregions\tIN\tMX\t20 us-smtp-inbound-2.mimecast.com.
                proofpoint\tIN\tMX\t10 mx0a-00000000.pphosted.com.
                ppe\tIN\tMX\t10 mx1-eu1.ppe-hosted.com.
                pperegions\tIN\tMX\t10 mx1-us1.ppe-hosted.com.
                pperegions\tIN\tMX\t20 mx2-us1.ppe-hosted.com.
                barracuda\tIN\tMX\t10 d000000a.ess.barracudanetworks.com.
                barracudaregional\tIN\tMX\t10 d000000.a.ess.de.barracudanetworks.com.
                sophos\tIN\tMX\t10 mx-01-eu-central-1.prod.hydra.sophos.com.
                lookalike\tIN\tMX\t10 mx.evil-iphmx.com.
                own\tIN\tMX\t10 mail.mxtest.example.
                mail\tIN\tA\t127.0.0.1
                nomx\tIN\tA\t127.0.0.2
                nothing\tIN\tTXT\t"no mail here"
                nullmx\tIN\tMX\t0 .
                """)));
    }

    @AfterAll
    static void stopNamed() throws IOException {
        if (named != null) {
            named.close();
        }
    }

    private static Cli.Result check(String name, String... more) {
        java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("check", "mx", "--domain", name + "." + ZONE,
                "--dns-server", named.address()));
        args.addAll(java.util.List.of(more));
        return Cli.run(args.toArray(String[]::new));
    }

    @ParameterizedTest(name = "{0}: {2}")
    @CsvSource(delimiter = '|', textBlock = """
            m365       | mxtest-example.mail.protection.outlook.com | Microsoft 365 (Exchange Online)
            m365dnssec | mxtest-example.r-v1.mx.microsoft           | Microsoft 365 (Exchange Online)
            google     | smtp.google.com                            | Google Workspace (Gmail)
            cisco      | mx1.hc0000-00.iphmx.com                    | Cisco Secure Email Cloud Gateway
            ciscoetd   | mx.eu.etd.cisco.com                        | Cisco Secure Email Threat Defense
            hornet     | mx01.hornetsecurity.com                    | Hornetsecurity (365 Total Protection / Spam and Malware Protection)
            mimecast   | eu-smtp-inbound-1.mimecast.com             | Mimecast
            proofpoint | mx0a-00000000.pphosted.com                 | Proofpoint (Proofpoint on Demand)
            ppe        | mx1-eu1.ppe-hosted.com                     | Proofpoint Essentials
            barracuda  | d000000a.ess.barracudanetworks.com         | Barracuda Email Gateway Defense
            sophos     | mx-01-eu-central-1.prod.hydra.sophos.com   | Sophos Email
            """)
    void eachVendorIsNamedFromItsMxHost(String name, String host, String system) {
        Cli.Result result = check(name);

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.out()).contains("ok   " + host + ": " + system + " (")
                .endsWith("PASS: " + name + "." + ZONE + " receives mail through " + system + "\n");
    }

    /** Regional and numbered hosts: each under its vendor's suffix, so each is named without a row of its own. */
    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', textBlock = """
            ciscoetdregions   | mx.us.etd.cisco.com                     | Cisco Secure Email Threat Defense
            ciscoetdregions   | mx.in.etd.cisco.com                     | Cisco Secure Email Threat Defense
            ciscoetdregions   | mx.au.etd.cisco.com                     | Cisco Secure Email Threat Defense
            ciscoetdregions   | mx.ae.etd.cisco.com                     | Cisco Secure Email Threat Defense
            hornet            | mx02.hornetsecurity.com                 | Hornetsecurity (365 Total Protection / Spam and Malware Protection)
            hornet            | mx03.hornetsecurity.com                 | Hornetsecurity (365 Total Protection / Spam and Malware Protection)
            hornet            | mx04.hornetsecurity.com                 | Hornetsecurity (365 Total Protection / Spam and Malware Protection)
            mimecastregions   | us-smtp-inbound-1.mimecast.com          | Mimecast
            mimecastregions   | us-smtp-inbound-2.mimecast.com          | Mimecast
            pperegions        | mx1-us1.ppe-hosted.com                  | Proofpoint Essentials
            pperegions        | mx2-us1.ppe-hosted.com                  | Proofpoint Essentials
            barracudaregional | d000000.a.ess.de.barracudanetworks.com  | Barracuda Email Gateway Defense
            """)
    void regionalHostsAreNamedToo(String name, String host, String system) {
        Cli.Result result = check(name);

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.out()).contains("ok   " + host + ": " + system + " (")
                .doesNotContain("not a system whitelist-gen can name");
    }

    @Test
    void eachHostLineSaysWhereTheMxPointsAndOnWhoseWord() {
        assertThat(check("m365").out()).contains("ok   mxtest-example.mail.protection.outlook.com: Microsoft 365 (Exchange Online)"
                + " (mailboxes): the MX points at *.mail.protection.outlook.com, as the vendor's own page documents:"
                + " https://learn.microsoft.com/");
        assertThat(check("google").out()).contains("ok   smtp.google.com: Google Workspace (Gmail) (mailboxes): the MX points at"
                + " smtp.google.com, which only a third-party page names for it (no page of the vendor's own found): https://");
        assertThat(check("mimecast").out()).contains("ok   eu-smtp-inbound-1.mimecast.com: Mimecast (filtering gateway): the MX"
                + " points at *.mimecast.com, a domain of the vendor's own, which its page found does not name as an MX host:"
                + " https://mimecastsupport.zendesk.com/");
    }

    @Test
    void aGatewayWithATargetNamesItAndTheMailboxStepBehindIt() {
        Cli.Result result = check("cisco");

        assertThat(result.out()).contains("ok   mx2.hc0000-00.iphmx.com: Cisco Secure Email Cloud Gateway (filtering gateway): the MX points at *.iphmx.com,")
                .contains("info Cisco Secure Email Cloud Gateway: generate whitelist-gen --target cisco --server SERVER\n")
                .contains("info behind the gateway, the mailbox system sees the gateway's IP, not Netigate's: it needs its own step"
                        + " as well (Microsoft 365: --target m365 --behind cisco; Google Workspace: --target google)")
                // issue 29: the one command support runs for such a customer
                .contains("info for the customer, one bundle holds the gateway's part and both mailbox systems' parts, and says to"
                        + " apply the gateway's first: whitelist-gen bundle --server SERVER --behind cisco --output ticket.zip"
                        + " (add --domain DOMAIN for surveys sent as the customer's own domain)\n");
        assertThat(check("cisco", "--json").out()).contains("\"behind\": \"cisco\"");
        assertThat(check("mimecast").out()).contains("whitelist-gen bundle --server SERVER --behind mimecast --output ticket.zip");
    }

    @Test
    void aGatewayWithoutATargetSaysSoAndStillNamesTheMailboxStep() {
        Cli.Result result = check("sophos");

        assertThat(result.out()).contains("info Sophos Email: no whitelist-gen target yet; allowlist Netigate in its own console")
                .contains("info behind the gateway").contains("whitelist-gen bundle --server SERVER --behind other --output ticket.zip");
    }

    @Test
    void hornetsecurityHasItsTarget() {
        assertThat(check("hornet").out()).contains("info Hornetsecurity (365 Total Protection / Spam and Malware Protection):"
                + " generate whitelist-gen --target hornetsecurity --server SERVER\n");
    }

    @Test
    void mimecastHasItsTarget() {
        assertThat(check("mimecast").out()).contains("info Mimecast: generate whitelist-gen --target mimecast --server SERVER\n");
    }

    @Test
    void bothProofpointProductsHaveTheirTarget() {
        assertThat(check("proofpoint").out()).contains("info Proofpoint (Proofpoint on Demand): generate whitelist-gen --target proofpoint --server SERVER\n");
        assertThat(check("ppe").out()).contains("info Proofpoint Essentials: generate whitelist-gen --target proofpoint --server SERVER\n");
    }

    @Test
    void barracudaHasItsTarget() {
        assertThat(check("barracuda").out()).contains("info Barracuda Email Gateway Defense: generate whitelist-gen --target barracuda --server SERVER\n");
    }

    @Test
    void aMailboxSystemNeedsNoGatewayStep() {
        Cli.Result result = check("googleold");

        assertThat(result.out().split("info Google Workspace \\(Gmail\\): generate", -1)).as("advice once for three suffixes").hasSize(2);
        assertThat(result.out()).contains("ok   aspmx.l.google.com: Google Workspace (Gmail) (mailboxes):")
                .contains("ok   alt1.aspmx.l.google.com: Google Workspace (Gmail)")
                .contains("ok   aspmx2.googlemail.com: Google Workspace (Gmail)")
                .contains("info Google Workspace (Gmail): generate whitelist-gen --target google --server SERVER")
                .doesNotContain("behind the gateway").doesNotContain("--behind");
        assertThat(check("googleold", "--json").out()).doesNotContain("\"behind\"");
    }

    @Test
    void aLookAlikeHostIsNotTakenForTheVendor() {
        Cli.Result result = check("lookalike");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.out()).contains("info mx.evil-iphmx.com: not a system whitelist-gen can name")
                .doesNotContain("Cisco")
                .endsWith("PASS: the MX hosts of lookalike." + ZONE + " are not ones whitelist-gen can name\n");
    }

    @Test
    void anOwnServerGetsTheSelfHostedTargets() {
        Cli.Result result = check("own");

        assertThat(result.out()).contains("info mail." + ZONE + ": not a system whitelist-gen can name")
                .contains("generate the target for the software those hosts run (postfix, exim");
    }

    @Test
    void noMxRecordSaysImplicitMxAndFails() {
        Cli.Result result = check("nomx");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.DIFFERENT);
        assertThat(result.out()).contains("fail no MX record: by RFC 5321 section 5.1 (implicit MX) mail for nomx." + ZONE
                + " goes to the domain's own address 127.0.0.2;")
                .endsWith("FAIL: nomx." + ZONE + " has no MX record\n");
    }

    @Test
    void noMxAndNoAddressReceivesNoMail() {
        Cli.Result result = check("nothing");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.DIFFERENT);
        assertThat(result.out()).contains("and it has no A or AAAA record either: it receives no mail");
    }

    @Test
    void aNullMxAcceptsNoMail() {
        Cli.Result result = check("nullmx");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.DIFFERENT);
        assertThat(result.out()).contains("fail MX of nullmx." + ZONE + ": \".\", a null MX (RFC 7505)");
    }

    @Test
    void aDomainThatDoesNotExistIsExit6WithSpellingAdvice() {
        Cli.Result result = check("missing");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.NETWORK);
        assertThat(result.out()).isEmpty();
        assertThat(result.err()).isEqualTo("whitelist-gen: check mx: missing." + ZONE + " does not exist (NXDOMAIN); check the spelling\n");
    }

    @Test
    void aDnsServerThatDoesNotAnswerIsExit6() throws IOException {
        int silent;
        // A bound UDP socket that never answers: the query times out instead of being refused.
        try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            silent = socket.getLocalPort();
            Cli.Result result = Cli.run("check", "mx", "--domain", "cisco." + ZONE, "--dns-server", "127.0.0.1:" + silent, "--timeout", "1");

            assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.NETWORK);
            assertThat(result.err()).startsWith("whitelist-gen: check mx: cannot look up the MX records of cisco." + ZONE + ": no answer from DNS server 127.0.0.1:" + silent);
        }
    }

    @Test
    void jsonCarriesEachHostsSystemAndTheTargets() {
        Cli.Result result = check("cisco", "--json");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.out()).contains("\"check\": \"mx\"").contains("\"domain\": \"cisco." + ZONE + "\"")
                .contains("\"host\": \"mx1.hc0000-00.iphmx.com\"").contains("\"system\": \"Cisco Secure Email Cloud Gateway\"")
                .contains("\"kind\": \"gateway\"").containsPattern("\"targets\": \\[\\s*\"cisco\"\\s*\\]");
    }

    @Test
    void everyRowOfTheTableNamesAnHttpsPageAndTargetsThatExist() {
        for (MxSystems.MxSystem system : MxSystems.builtIn().all()) {
            assertThat(system.doc()).startsWith("https://");
            for (String target : system.targets()) {
                assertThat(dev.whitelistgen.testing.Repo.root().resolve("templates").resolve(target).resolve("target.yaml"))
                        .as("target " + target + " named for " + system.name()).exists();
            }
        }
    }
}
