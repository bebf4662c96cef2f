package dev.whitelistgen.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.whitelistgen.model.IpNetwork;
import dev.whitelistgen.model.Server;
import dev.whitelistgen.testing.Cli;
import dev.whitelistgen.testing.NamedServer;
import dev.whitelistgen.testing.Profiles;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * `check spf` and `--existing-spf-from-dns` against a real BIND named on loopback. The customer zone holds the
 * bind target's own output; netigate.se holds a TEST FIXTURE for _spf.netigate.se that lists the profile's IPs
 * (what Netigate's include would have to say for them to pass; not Netigate's real record).
 */
class CheckSpfCommandTest {

    private static NamedServer named;
    private static Server azure;

    @BeforeAll
    static void startNamed() throws IOException {
        azure = Profiles.server("azure");
        Cli.Result bind = Cli.run("--target", "bind", "--server", "azure", "--domain", "customer.example");
        assertThat(bind.exitCode()).as(bind.toString()).isZero();
        Map<String, String> zones = new LinkedHashMap<>();
        zones.put("customer.example", NamedServer.zone("customer.example", bind.out()));
        zones.put("netigate.se", NamedServer.zone("netigate.se",
                "_spf\tIN\tTXT\t\"v=spf1 " + Profiles.spfTerms(azure) + " -all\"\n"));
        zones.put("other.example", NamedServer.zone("other.example", """
                @\tIN\tTXT\t"v=spf1 mx -all"
                @\tIN\tTXT\t"an unrelated TXT record"
                @\tIN\tMX\t10 mail.other.example.
                mail\tIN\tA\t127.0.0.1
                """));
        zones.put("problems.example", NamedServer.zone("problems.example", """
                twice\tIN\tTXT\t"v=spf1 include:_spf.netigate.se -all"
                twice\tIN\tTXT\t"v=spf1 -all"
                heavy\tIN\tTXT\t"v=spf1 include:_spf.netigate.se include:nine.problems.example ptr +all"
                nine\tIN\tTXT\t"v=spf1 a a a a a a a a a -all"
                broken\tIN\tTXT\t"v=spf1 include:_spf.netigate.se ip4:1.2.3 -all"
                nospf\tIN\tTXT\t"an unrelated TXT record"
                deep\tIN\tTXT\t"v=spf1 include:nine.problems.example -all"
                gone\tIN\tTXT\t"v=spf1 include:missing.problems.example -all"
                """));
        // issue 23: records a customer of profile version 1 publishes (193.44.77.163 is version 1's azure IP)
        zones.put("upgrade.example", NamedServer.zone("upgrade.example", """
                v1\tIN\tTXT\t"v=spf1 ip4:192.0.2.10 ip4:193.44.77.163 -all"
                both\tIN\tTXT\t"v=spf1 ip4:192.0.2.10 ip4:193.44.77.163 include:_spf.netigate.se -all"
                """ + "ipmode\tIN\tTXT\t\"v=spf1 " + Profiles.spfTerms(azure) + " -all\"\n"));
        named = NamedServer.start(zones);
    }

    @AfterAll
    static void stopNamed() throws IOException {
        if (named != null) {
            named.close();
        }
    }

    private static Cli.Result check(String... more) {
        String[] args = new String[more.length + 6];
        args[0] = "check";
        args[1] = "spf";
        args[2] = "--server";
        args[3] = "azure";
        args[4] = "--dns-server";
        args[5] = named.address();
        System.arraycopy(more, 0, args, 6, more.length);
        return Cli.run(args);
    }

    /** Not "publishes no SPF record; publish this one": a name that does not exist is a typo to fix first. */
    @Test
    void aDomainThatDoesNotExistIsSaidSo() {
        Cli.Result result = check("--domain", "custmer.problems.example");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.NETWORK);
        assertThat(result.out()).isEmpty();
        assertThat(result.err()).isEqualTo("whitelist-gen: check spf: custmer.problems.example does not exist (NXDOMAIN);"
                + " check the spelling of --domain\n");
    }

    @Test
    void theBindTargetsOwnRecordAuthorisesEveryIpOfTheProfile() {
        Cli.Result result = check("--domain", "customer.example");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.err()).isEmpty();
        for (IpNetwork ip : azure.networks()) {
            assertThat(result.out()).as(result.toString())
                    .contains("ok   " + ip + ": pass — include:_spf.netigate.se → ip4:" + ip);
        }
        assertThat(result.out()).contains("info record: v=spf1 include:_spf.netigate.se ?all")
                .contains("DNS-querying terms across nested includes: 1 of 10")
                .endsWith("PASS: customer.example authorises " + azure.networks().size() + " of " + azure.networks().size()
                        + " IPs of Netigate server azure\n")
                .doesNotContain("\u001b[");
    }

    @Test
    void aRecordWithoutNetigateFailsAndSaysWhatToPublish() {
        Cli.Result result = check("--domain", "other.example");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.DIFFERENT);
        assertThat(result.out()).contains("fail " + azure.networks().get(0) + ": fail — -all")
                .contains("publish instead (replacing the record, never adding a second): other.example.\tIN\tTXT\t"
                        + "\"v=spf1 mx include:_spf.netigate.se -all\"")
                .contains("FAIL: other.example authorises 0 of " + azure.networks().size());
    }

    /**
     * Issue 23: the record suggested for a version 1 customer is the bind target's converged one: version 1's IP
     * taken out (the current version does not list it), the customer's own term kept.
     */
    @Test
    void theSuggestedRecordDropsAnEarlierVersionsIpAndKeepsTheCustomersOwn() {
        Cli.Result result = check("--domain", "v1.upgrade.example");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.DIFFERENT);
        assertThat(result.out()).as(result.toString())
                .contains("publish instead (replacing the record, never adding a second): v1.upgrade.example.\tIN\tTXT\t"
                        + "\"v=spf1 ip4:192.0.2.10 include:_spf.netigate.se -all\"")
                .contains("fail the record still authorises ip4:193.44.77.163 (profile version 1)");
        Cli.Result bind = Cli.run("--target", "bind", "--server", "azure", "--domain", "v1.upgrade.example",
                "--existing-spf-from-dns", "--dns-server", named.address());
        assertThat(bind.out()).as(bind.toString())
                .contains("v1.upgrade.example.\tIN\tTXT\t\"v=spf1 ip4:192.0.2.10 include:_spf.netigate.se -all\"");
    }

    /** Every current IP passes, yet version 1's IP still passes SPF as the customer too: not done. */
    @Test
    void anEarlierVersionsIpLeftBesideTheIncludeFailsTheCheck() {
        Cli.Result result = check("--domain", "both.upgrade.example", "--json");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.DIFFERENT);
        assertThat(result.out()).as(result.toString())
                .contains("\"passed\": false")
                .contains("\"earlierNetigateTerms\": [\n    \"ip4:193.44.77.163 (profile version 1)\"\n  ]")
                .contains("\"publish\": \"v=spf1 ip4:192.0.2.10 include:_spf.netigate.se -all\"");
        Cli.Result text = check("--domain", "both.upgrade.example");
        assertThat(text.out()).as(text.toString())
                .contains("fail the record still authorises ip4:193.44.77.163 (profile version 1)")
                .endsWith("FAIL: both.upgrade.example authorises 4 of 4 IPs of Netigate server azure, but the record has problems\n");
    }

    /** The current version's own IPs instead of its include are no earlier version's: the check passes. */
    @Test
    void theCurrentVersionsIpsAsIp4TermsPass() {
        Cli.Result result = check("--domain", "ipmode.upgrade.example");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.out()).doesNotContain("still authorises").doesNotContain("publish instead");
    }

    @Test
    void theBindTargetMergesIntoTheRecordFoundInDns() {
        Cli.Result result = Cli.run("--target", "bind", "--server", "azure", "--domain", "other.example",
                "--existing-spf-from-dns", "--dns-server", named.address());

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.out()).contains(";   existing: \"v=spf1 mx -all\"")
                .contains("other.example.\tIN\tTXT\t\"v=spf1 mx include:_spf.netigate.se -all\"")
                .contains("--existing-spf 'other.example=v=spf1 mx -all'");
    }

    @Test
    void theBindTargetRefusesToMergeIntoTwoRecords() {
        Cli.Result result = Cli.run("--target", "bind", "--server", "azure", "--domain", "twice.problems.example",
                "--existing-spf-from-dns", "--dns-server", named.address());

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(result.out()).isEmpty();
        assertThat(result.err()).isEqualTo("whitelist-gen: twice.problems.example publishes 2 v=spf1 records (a permanent error"
                + " for every sender); merge them into one by hand first\n");
    }

    /**
     * Issue 19.8: deep's own record has 1 DNS-querying term, but RFC 7208 §4.6.4 counts nested includes too:
     * include:nine (1) + nine's nine a terms (9) + Netigate's include (1) = 11, and nine's a terms are void.
     * With the record from DNS the whole tree is counted, and the merge refused (exit 4, nothing written).
     */
    @Test
    void theBindTargetCountsNestedIncludesWhenItHasDns() {
        Cli.Result result = Cli.run("--target", "bind", "--server", "azure", "--domain", "deep.problems.example",
                "--existing-spf-from-dns", "--dns-server", named.address());

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.REFUSED);
        assertThat(result.out()).isEmpty();
        assertThat(result.err()).contains("would need 11 DNS-querying terms across nested includes; RFC 7208 §4.6.4 allows 10",
                "would make 9 void lookups");
        // the same record given by hand: only its own terms can be counted, and the notes say so
        Cli.Result byHand = Cli.run("--target", "bind", "--server", "azure", "--domain", "deep.problems.example",
                "--existing-spf", "v=spf1 include:nine.problems.example -all");
        assertThat(byHand.exitCode()).as(byHand.toString()).isZero();
        assertThat(byHand.out()).contains("DNS-querying terms in this record itself: 2 of 10", "this count is this record's only",
                "evaluates to permerror for every sender (RFC 7208 §5.2)");
    }

    /** RFC 7208 §5.2: an include naming a domain without an SPF record makes the whole record permerror. */
    @Test
    void theBindTargetRefusesAnIncludeThatDoesNotResolve() {
        Cli.Result result = Cli.run("--target", "bind", "--server", "azure", "--domain", "gone.problems.example",
                "--existing-spf-from-dns", "--dns-server", named.address());

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.REFUSED);
        assertThat(result.err()).contains("missing.problems.example publishes no SPF record", "RFC 7208 §5.2");
    }

    @Test
    void aDomainThatDoesNotExistIsNotTakenForOneWithoutARecord() {
        // problems.example is served, so the name is answered NXDOMAIN (a mistyped domain), not left unanswered
        Cli.Result result = Cli.run("--target", "bind", "--server", "azure", "--domain", "nosuch.problems.example",
                "--existing-spf-from-dns", "--dns-server", named.address());

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.NETWORK);
        assertThat(result.out()).isEmpty();
        assertThat(result.err()).isEqualTo("whitelist-gen: --existing-spf-from-dns: nosuch.problems.example does not exist"
                + " in DNS (NXDOMAIN); check the --domain spelling\n");
    }

    @Test
    void aDomainWithoutAnSpfRecordGetsANewRecordAndAWarning() {
        Cli.Result result = Cli.run("--target", "bind", "--server", "azure", "--domain", "nospf.problems.example",
                "--existing-spf-from-dns", "--dns-server", named.address());

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.err()).isEqualTo("whitelist-gen: warning: nospf.problems.example publishes no SPF record;"
                + " the record written for it is a new one (ending in ?all)\n");
        assertThat(result.out()).contains("nospf.problems.example.\tIN\tTXT\t\"v=spf1 include:_spf.netigate.se ?all\"");
    }

    @Test
    void dnsServerIsOnlyForTheLookup() {
        Cli.Result result = Cli.run("--target", "bind", "--server", "azure", "--domain", "other.example", "--dns-server", named.address());

        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err()).isEqualTo("whitelist-gen: --dns-server: only used with --existing-spf-from-dns\n");
    }

    @Test
    void twoRecordsAreFlagged() {
        Cli.Result result = check("--domain", "twice.problems.example");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.DIFFERENT);
        assertThat(result.out()).contains("fail twice.problems.example publishes 2 v=spf1 records")
                .contains("fail " + azure.networks().get(0) + ": permerror — twice.problems.example publishes 2 v=spf1 records");
    }

    @Test
    void lookupsVoidLookupsPtrAndPlusAllAreFlaggedEvenWhenNetigatePasses() {
        Cli.Result result = check("--domain", "heavy.problems.example");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.DIFFERENT);
        assertThat(result.out())
                .contains("fail DNS-querying terms across nested includes: 12 of 10")
                .contains("fail void lookups (names that do not exist or hold no address): 9 of 2")
                .contains("warn the record tree uses ptr")
                .contains("fail '+all' authorises every host on the internet")
                .contains("ok   " + azure.networks().get(0) + ": pass")
                .contains("FAIL: heavy.problems.example authorises 4 of 4 IPs of Netigate server azure, but the record has problems");
    }

    @Test
    void aSyntaxErrorIsAPermerror() {
        Cli.Result result = check("--domain", "broken.problems.example");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.DIFFERENT);
        assertThat(result.out()).contains("fail syntax error: the record term 'ip4:1.2.3' is not a valid ip4 mechanism")
                .contains(": permerror — SPF record of broken.problems.example: term 'ip4:1.2.3'");
    }

    @Test
    void jsonForMachines() {
        Cli.Result result = check("--domain", "customer.example", "--json");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).startsWith("{\n  \"check\": \"spf\",\n  \"passed\": true,")
                .contains("\"result\": \"pass\"")
                .contains("\"path\": [\n        \"include:_spf.netigate.se\",");
    }

    @Test
    void anUnreachableDnsServerIsANetworkErrorWithoutStackTrace() throws IOException {
        int closed;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }
        Cli.Result result = Cli.run("check", "spf", "--server", "azure", "--domain", "customer.example",
                "--dns-server", "127.0.0.1:" + closed, "--timeout", "1");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.NETWORK);
        assertThat(result.out()).isEmpty();
        assertThat(result.err()).startsWith("whitelist-gen: cannot look up the SPF record of customer.example: ")
                .doesNotContain("\tat ").hasLineCount(1);
    }
}
