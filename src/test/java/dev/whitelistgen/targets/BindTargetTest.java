package dev.whitelistgen.targets;

import static org.assertj.core.api.Assertions.assertThat;

import dev.whitelistgen.cli.ExitCodes;
import dev.whitelistgen.model.Server;
import dev.whitelistgen.testing.Profiles;
import dev.whitelistgen.testing.Cli;
import dev.whitelistgen.testing.NamedServer;
import dev.whitelistgen.testing.RealProgram;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The bind target's records, loaded by the real named-checkzone and read back from its canonical dump. */
class BindTargetTest {

    @TempDir
    Path temp;

    /** Generates the records, puts them in a zone for {@code origin}, and returns named's view of the TXT records. */
    List<String> loadedTxtRecords(String origin, String... args) throws IOException {
        Cli.Result result = Cli.run(args);
        assertThat(result.exitCode()).as(result.toString()).isZero();
        Path zone = temp.resolve(origin + ".zone");
        Files.writeString(zone, "$TTL 3600\n$ORIGIN " + origin + ".\n"
                + "@ IN SOA ns1." + origin + ". hostmaster." + origin + ". 1 7200 3600 1209600 3600\n"
                + "@ IN NS ns1." + origin + ".\nns1 IN A 192.0.2.53\n" + result.out());
        RealProgram.Result check = RealProgram.run("named-checkzone", "-i", "full", origin, zone.toString());
        assertThat(check.exitCode()).as(check.toString()).isZero();
        assertThat(check.all()).as("named-checkzone warnings").doesNotContainIgnoringCase("warning").contains("OK");
        Path dump = temp.resolve(origin + ".dump");
        RealProgram.Result compiled = RealProgram.run("named-compilezone", "-q", "-o", dump.toString(), origin, zone.toString());
        assertThat(compiled.exitCode()).as(compiled.toString()).isZero();
        List<String> records = new ArrayList<>();
        for (String line : Files.readAllLines(dump)) {
            String[] fields = line.split("\\s+", 5);
            if (fields.length == 5 && fields[3].equals("TXT")) {
                records.add(fields[0] + " " + joinCharacterStrings(fields[4]));
            }
        }
        return records;
    }

    /**
     * Issue 19.10: for a dynamic zone the output prints nsupdate commands instead of a file edit. Run as printed
     * against a real named whose zone takes updates, they replace the old v=spf1 record and leave exactly one
     * (and the zone's other TXT records alone).
     */
    @Test
    void theNsupdateCommandsReplaceTheRecordInADynamicZone() throws IOException {
        RealProgram.require("nsupdate");
        RealProgram.require("dig");
        RealProgram.require("named");
        String origin = "dynamic.example";
        String old = "v=spf1 mx -all";
        Cli.Result result = Cli.run("--target", "bind", "--server", "dach", "--domain", origin, "--existing-spf", old);
        assertThat(result.exitCode()).as(result.toString()).isZero();
        String commands = result.out().lines().filter(l -> l.matches(";     (update (delete|add) |send$).*"))
                .map(l -> l.substring(";     ".length())).reduce("", (a, b) -> a + b + "\n");
        assertThat(commands).startsWith("update delete " + origin + ". IN TXT \"" + old + "\"\nupdate add ").endsWith("send\n");
        try (NamedServer named = NamedServer.start(java.util.Map.of(origin, NamedServer.zone(origin,
                "@\tIN\tTXT\t\"" + old + "\"\n@\tIN\tTXT\t\"site-verification=kept\"\n")), java.util.Set.of(origin))) {
            Path script = temp.resolve("nsupdate.txt");
            Files.writeString(script, "server 127.0.0.1 " + named.port() + "\nzone " + origin + ".\n" + commands);
            RealProgram.Result update = RealProgram.run("nsupdate", script.toString());
            assertThat(update.exitCode()).as(update.toString()).isZero();

            RealProgram.Result dig = RealProgram.run("dig", "+short", "-p", String.valueOf(named.port()), "@127.0.0.1", origin, "TXT");
            assertThat(dig.out().lines().sorted().toList()).as(dig.toString()).containsExactly(
                    "\"site-verification=kept\"", "\"v=spf1 mx include:_spf.ntgt.de -all\"");
        }
    }

    /** The printed nsupdate block (update and send lines), as an admin saves it to a file. */
    static String nsupdateCommands(String output, String domain) {
        String section = output.substring(output.indexOf("\n; " + domain + "\n"));
        return section.lines().filter(l -> l.matches(";     (update (delete|add) |send$).*"))
                .map(l -> l.substring(";     ".length())).reduce("", (a, b) -> a + b + "\n")
                .replaceFirst("(?s)(send\n).*", "$1");
    }

    /** Every quoted character-string of the output (comments included) is at most 255 bytes (RFC 1035 §3.3). */
    static void assertNoStringOver255Bytes(String output) {
        Matcher quoted = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"").matcher(output);
        while (quoted.find()) {
            assertThat(quoted.group(1).getBytes(java.nio.charset.StandardCharsets.US_ASCII).length)
                    .as("string %s", quoted.group()).isLessThanOrEqualTo(255);
        }
    }

    /** An existing record of the customer's longer than 255 bytes, holding v1's Netigate IP among its own terms. */
    static String longRecordWithV1Ip() {
        StringBuilder record = new StringBuilder("v=spf1 a ip4:178.77.90.228");
        for (int i = 0; i < 14; i++) {
            record.append(" ip4:198.51.100.").append(i * 16).append("/28");
        }
        for (int i = 0; i < 6; i++) {
            record.append(" ip6:2001:db8:").append(Integer.toHexString(0x1000 + i)).append("::/48");
        }
        return record.append(" -all").toString();
    }

    /**
     * Issue 26.1 and 26.9, 23.3: a dynamic zone publishes a record longer than 255 bytes, split into strings at
     * places of its own (as any DNS provider may), holding v1's Netigate IP. With --existing-spf-from-dns the
     * printed nsupdate block, sent as one batch to the real named, replaces it: exactly one v=spf1 record
     * remains, v1's IP is gone, the customer's own terms and other TXT records stay. The notes give the whole
     * tree's count computed through DNS. Before: the delete was one quoted string of 500+ bytes, which nsupdate
     * refuses ("invalid rdata format"), and the IP of version 1 stayed authorised.
     */
    @Test
    void aLongRecordFromDnsIsReplacedByTheNsupdateBatchAndLosesVersionOnesIp() throws IOException {
        RealProgram.require("nsupdate");
        RealProgram.require("dig");
        RealProgram.require("named");
        String origin = "dynamic.example";
        String existing = longRecordWithV1Ip();
        assertThat(existing.length()).isGreaterThan(300);
        StringBuilder published = new StringBuilder();
        for (int i = 0; i < existing.length(); i += 200) {
            published.append(" \"").append(existing, i, Math.min(existing.length(), i + 200)).append('"');
        }
        Server dach = Profiles.server("dach");
        Map<String, String> zones = new LinkedHashMap<>();
        zones.put(origin, NamedServer.zone(origin, "@\tIN\tA\t192.0.2.25\n@\tIN\tTXT\t" + published.toString().strip()
                + "\n@\tIN\tTXT\t\"site-verification=kept\"\n"));
        // TEST FIXTURE for the include (the profile's IPs; not Netigate's real record)
        zones.put("ntgt.de", NamedServer.zone("ntgt.de", "_spf\tIN\tTXT\t\"v=spf1 " + Profiles.spfTerms(dach) + " -all\"\n"));
        try (NamedServer named = NamedServer.start(zones, java.util.Set.of(origin))) {
            Cli.Result result = Cli.run("--target", "bind", "--server", "dach", "--domain", origin,
                    "--existing-spf-from-dns", "--dns-server", named.address());
            assertThat(result.exitCode()).as(result.toString()).isZero();
            assertNoStringOver255Bytes(result.out());
            assertThat(result.out()).contains(";   removes:  ip4:178.77.90.228", "ip4:178.77.90.228 (profile version 1)",
                    "DNS-querying terms across the whole tree, counted through DNS before writing (--existing-spf-from-dns): 2 of 10;"
                            + " void lookups: 0 of 2", "exactly as DNS published them", "nsupdate -k KEYFILE FILE");

            Path batch = temp.resolve("batch.txt");
            Files.writeString(batch, "server 127.0.0.1 " + named.port() + "\nzone " + origin + ".\n" + nsupdateCommands(result.out(), origin));
            RealProgram.Result update = RealProgram.run("nsupdate", batch.toString());
            assertThat(update.exitCode()).as(update + Files.readString(batch)).isZero();

            RealProgram.Result dig = RealProgram.run("dig", "+short", "-p", String.valueOf(named.port()), "@127.0.0.1", origin, "TXT");
            List<String> records = dig.out().lines().map(BindTargetTest::joinCharacterStrings).sorted().toList();
            String merged = existing.replace(" ip4:178.77.90.228", "").replace(" -all", " include:_spf.ntgt.de -all");
            assertThat(records).as(dig.toString()).containsExactly("site-verification=kept", merged);
        }
    }

    /**
     * Issue 26.1: without DNS the existing record's strings are split as whitelist-gen splits records, and the
     * output says so; published that way, the batch replaces it in a real dynamic zone.
     */
    @Test
    void aLongRecordGivenAsTextIsDeletedByItsStringsSplitAsTheOutputSays() throws IOException {
        RealProgram.require("nsupdate");
        RealProgram.require("dig");
        RealProgram.require("named");
        String origin = "dynamic.example";
        String existing = longRecordWithV1Ip();
        Cli.Result result = Cli.run("--target", "bind", "--server", "dach", "--domain", origin, "--existing-spf", existing);
        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertNoStringOver255Bytes(result.out());
        assertThat(result.out()).contains("split as whitelist-gen splits records");
        String printedDelete = result.out().lines().filter(l -> l.startsWith(";     update delete ")).findFirst().orElseThrow();
        String published = printedDelete.substring(printedDelete.indexOf("IN TXT ") + "IN TXT ".length());
        try (NamedServer named = NamedServer.start(Map.of(origin, NamedServer.zone(origin, "@\tIN\tTXT\t" + published + "\n")),
                java.util.Set.of(origin))) {
            Path batch = temp.resolve("text-batch.txt");
            Files.writeString(batch, "server 127.0.0.1 " + named.port() + "\nzone " + origin + ".\n" + nsupdateCommands(result.out(), origin));
            RealProgram.Result update = RealProgram.run("nsupdate", batch.toString());
            assertThat(update.exitCode()).as(update.toString()).isZero();
            RealProgram.Result dig = RealProgram.run("dig", "+short", "-p", String.valueOf(named.port()), "@127.0.0.1", origin, "TXT");
            assertThat(dig.out().lines().map(BindTargetTest::joinCharacterStrings).toList()).as(dig.toString())
                    .containsExactly(existing.replace(" ip4:178.77.90.228", "").replace(" -all", " include:_spf.ntgt.de -all"));
        }
    }

    /**
     * Issue 23.3: the record a version-1 customer publishes loses version 1's IP when merged with version 2 (named
     * loads the result); the customer's own terms stay. A record from an earlier --spf-mode ip run loses the
     * current version's IPs when the include is used now, and the other way round.
     */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "auto|v=spf1 ip4:178.77.90.228 include:spf.protection.outlook.com -all|v=spf1 include:spf.protection.outlook.com include:_spf.ntgt.de -all|ip4:178.77.90.228",
        "auto|v=spf1 ip4:192.0.2.10 ip4:178.77.90.228/32 ip4:89.45.227.221 ~all|v=spf1 ip4:192.0.2.10 include:_spf.ntgt.de ~all|ip4:178.77.90.228/32 ip4:89.45.227.221",
        "ip|v=spf1 mx include:_spf.ntgt.de ip4:178.77.90.228 -all|v=spf1 mx ip4:46.254.11.92 ip4:86.107.243.139 ip4:89.45.227.195 ip4:89.45.227.221 -all|include:_spf.ntgt.de ip4:178.77.90.228",
        "auto|v=spf1 include:_spf.netigate.se ip4:193.44.77.163 -ip4:178.77.90.228 -all|v=spf1 include:_spf.netigate.se ip4:193.44.77.163 -ip4:178.77.90.228 include:_spf.ntgt.de -all|"})
    void earlierNetigateTermsAreReplacedAndTheCustomersOwnStay(String mode, String existing, String merged, String removed) throws IOException {
        List<String> records = loadedTxtRecords("customer.example", "--target", "bind", "--server", "dach", "--spf-mode", mode,
                "--domain", "customer.example", "--existing-spf", existing);
        assertThat(records).containsExactly("customer.example. " + merged);
        String output = Cli.run("--target", "bind", "--server", "dach", "--spf-mode", mode, "--domain", "customer.example",
                "--existing-spf", existing).out();
        if (removed == null) {
            assertThat(output).as("another server's terms and a customer's own -ip4 are not dach's to remove").doesNotContain(";   removes:");
        } else {
            assertThat(output).contains(";   removes:  " + removed);
        }
    }

    /**
     * Issue 31.3: removing earlier terms claims no change the articles do not describe. Version 1's IP is one the
     * current article does not list (neither says Netigate stopped using it); version 2's own IPs and include, from
     * the --spf-mode not chosen now, are still Netigate's.
     */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "auto|v=spf1 ip4:89.45.227.221 ip4:178.77.90.228 -all|ip4:178.77.90.228: this profile version's article does not list it;",
        "ip|v=spf1 include:_spf.ntgt.de -all|"})
    void theNotesOnRemovedTermsSayOnlyWhatTheProfilesShow(String mode, String existing, String unlisted) {
        Cli.Result result = Cli.run("--target", "bind", "--server", "dach", "--spf-mode", mode, "--domain", "customer.example",
                "--existing-spf", existing);
        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.out()).contains("Removed, as terms of an earlier Netigate profile version or of an --spf-mode no longer given")
                .doesNotContain("no longer sends");
        if (unlisted == null) {
            assertThat(result.out()).doesNotContain("article does not list");
        } else {
            assertThat(result.out()).contains(unlisted, "whether Netigate still sends from there, the profiles do not say")
                    .doesNotContain("ip4:89.45.227.221: this profile version's article");
        }
    }

    /** Issue 26.9: an existing record that lets everyone pass is merged with a warning in its notes. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "v=spf1 mx +all|WARNING: '+all' authorises every host on the internet",
        "v=spf1 mx all|WARNING: 'all' authorises every host on the internet",
        "v=spf1 ip4:0.0.0.0/0 -all|WARNING: 'ip4:0.0.0.0/0' authorises every IPv4 address",
        "v=spf1 ip6:::/0 -all|WARNING: 'ip6:::/0' authorises every IPv6 address"})
    void aRecordThatAuthorisesEveryoneIsWarnedAbout(String existing, String warning) {
        Cli.Result result = Cli.run("--target", "bind", "--server", "dach", "--domain", "customer.example", "--existing-spf", existing);
        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.out()).contains(warning);
    }

    /** A TXT record's strings joined without separator, as SPF receivers do (RFC 7208 §3.3). */
    static String joinCharacterStrings(String rdata) {
        Matcher m = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"").matcher(rdata);
        StringBuilder joined = new StringBuilder();
        while (m.find()) {
            joined.append(m.group(1));
        }
        return joined.toString();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "azure|v=spf1 include:spf.protection.outlook.com -all|v=spf1 include:spf.protection.outlook.com include:_spf.netigate.se -all",
        "dach|v=spf1 mx ~all|v=spf1 mx include:_spf.ntgt.de ~all",
        "dach|v=spf1 include:_spf.ntgt.de -all|v=spf1 include:_spf.ntgt.de -all"})
    void mergedRecordLoadsInNamedAsOneRecord(String server, String existing, String merged) throws IOException {
        List<String> records = loadedTxtRecords("customer.example", "--target", "bind", "--server", server,
                "--domain", "customer.example", "--existing-spf", existing);
        assertThat(records).containsExactly("customer.example. " + merged);
    }

    @Test
    void withoutAnExistingRecordANeutralRecordPerDomain() throws IOException {
        List<String> records = loadedTxtRecords("example", "--target", "bind", "--server", "azure",
                "--domain", "a.example", "--domain", "b.example");
        assertThat(records).containsExactly("a.example. v=spf1 include:_spf.netigate.se ?all",
                "b.example. v=spf1 include:_spf.netigate.se ?all");
    }

    @Test
    void ipModeWritesTheServersNetworks() throws IOException {
        List<String> records = loadedTxtRecords("customer.example", "--target", "bind", "--server", "dach", "--spf-mode", "ip",
                "--domain", "customer.example", "--existing-spf", "v=spf1 mx -all");
        assertThat(records).containsExactly("customer.example. v=spf1 mx ip4:46.254.11.92 ip4:86.107.243.139"
                + " ip4:89.45.227.195 ip4:89.45.227.221 -all");
    }

    @Test
    void theOlderProfileHasNoIncludeSoAutoModeUsesItsIp() throws IOException {
        List<String> records = loadedTxtRecords("customer.example", "--target", "bind", "--server", "sweden", "--profile", "1",
                "--domain", "customer.example", "--existing-spf", "v=spf1 -all");
        assertThat(records).containsExactly("customer.example. v=spf1 ip4:193.44.77.163 -all");
    }

    @Test
    void aRecordLongerThan255BytesIsSplitIntoStringsThatJoinBackExactly() throws IOException {
        StringBuilder existing = new StringBuilder("v=spf1");
        for (int i = 0; i < 14; i++) {
            existing.append(" ip4:198.51.100.").append(i * 16).append("/28");
        }
        for (int i = 0; i < 6; i++) {
            existing.append(" ip6:2001:db8:").append(Integer.toHexString(0x1000 + i)).append("::/48");
        }
        existing.append(" -all");
        String merged = existing.toString().replace(" -all", " include:_spf.netigate.se -all");
        assertThat(merged.length()).isGreaterThan(255);
        List<String> records = loadedTxtRecords("customer.example", "--target", "bind", "--server", "azure",
                "--domain", "customer.example", "--existing-spf", existing.toString());
        assertThat(records).containsExactly("customer.example. " + merged);
        String output = Cli.run("--target", "bind", "--server", "azure", "--domain", "customer.example",
                "--existing-spf", existing.toString()).out();
        assertThat(output).contains("IN\tTXT\t(");
    }

    @Test
    void aRecordOverTenLookupsIsRefusedAndNothingIsPrinted() {
        Cli.Result result = Cli.run("--target", "bind", "--server", "azure", "--domain", "customer.example", "--existing-spf",
                "v=spf1 a mx include:a.example include:b.example include:c.example include:d.example include:e.example"
                        + " include:f.example include:g.example include:h.example -all");
        assertThat(result.exitCode()).isEqualTo(ExitCodes.REFUSED);
        assertThat(result.out()).isEmpty();
        assertThat(result.err()).isEqualTo("whitelist-gen: --existing-spf for customer.example: the merged record would have 11"
                + " DNS-querying terms (include, a, mx, ptr, exists, redirect); RFC 7208 allows 10. Remove unused terms or use --spf-mode ip\n");
    }

    @Test
    void theTargetNeedsADomain() {
        Cli.Result result = Cli.run("--target", "bind", "--server", "azure");
        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err()).contains("--domain: target bind writes records for the customer's domains");
    }
}
