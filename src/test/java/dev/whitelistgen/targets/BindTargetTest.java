package dev.whitelistgen.targets;

import static org.assertj.core.api.Assertions.assertThat;

import dev.whitelistgen.cli.ExitCodes;
import dev.whitelistgen.testing.Cli;
import dev.whitelistgen.testing.NamedServer;
import dev.whitelistgen.testing.RealProgram;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
