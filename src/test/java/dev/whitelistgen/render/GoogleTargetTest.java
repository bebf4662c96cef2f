package dev.whitelistgen.render;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.whitelistgen.testing.Cli;
import dev.whitelistgen.testing.Profiles;
import dev.whitelistgen.testing.RealProgram;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The google target: guide, CSV and the read-only check. The check runs for real (sh, awk) against stand-in `gam` and
 * `curl` programs on PATH, and once with the real curl against a loopback stand-in for the Policy API.
 */
class GoogleTargetTest {

    static final String V2_IPS = "46.254.11.92,86.107.243.139,89.45.227.195,89.45.227.221";

    @TempDir
    Path dir;

    private static Path generate(Path dir, String... extra) {
        List<String> args = new ArrayList<>(List.of("--target", "google", "--output", dir.toString()));
        args.addAll(List.of(extra));
        Cli.Result result = Cli.run(args.toArray(String[]::new));
        assertThat(result.exitCode()).as(result.toString()).isZero();
        return dir;
    }

    @Test
    void withoutTheFlagTheGuideHasApprovedSendersOnlyAndSaysWhenToAskForTheAllowlist() throws IOException {
        String guide = Files.readString(generate(dir, "--server", "azure").resolve("google-workspace-guide.md"));
        assertThat(guide).contains("   - `netigate.se`", "**Authentication required** stays on", "**Add address**",
                "opens **Manage address lists** in a new browser tab", "go back to the first browser tab",
                "select the list (`Netigate survey mail (whitelist-gen, azure)`) for the setting", "Gmail **Settings** privilege",
                "https://support.google.com/a/answer/6395507", "## If your MX is a gateway in front of Gmail", "**Inbound gateway**",
                "## 2. If step 1 is not enough: the Email allowlist",
                "`whitelist-gen --target google --server azure --profile 2 --ip-allow-list`",
                // without --domain it still says what approved senders cannot do
                "Approved senders match the header From only", "`--domain YOUR-DOMAIN`",
                // no overstatement: the shared platform passes SPF/DKIM for every customer, Gmail may still say spam
                "for any of its customers", "may still mark some mail from approved senders as spam")
                .doesNotContain(V2_IPS).doesNotContain("gains nothing").doesNotContain("Scenario 2: surveys");
    }

    @Test
    void withTheFlagTheGuideAddsTheEmailAllowlistAndScenario2WithDomains() throws IOException {
        String v2 = Files.readString(generate(dir.resolve("v2"), "--server", "azure", "--ip-allow-list").resolve("google-workspace-guide.md"));
        assertThat(v2).contains("## 2. Email allowlist", "   " + V2_IPS + "\n", "top-level", "24 hours",
                "https://support.google.com/a/answer/60751", "Expected: 46.254.11.92, 86.107.243.139",
                "1. **Email allowlist**: remove 46.254.11.92").doesNotContain("If step 1 is not enough: the Email allowlist");
        String v1 = Files.readString(generate(dir.resolve("v1"), "--server", "dach", "--profile", "1", "--domain", "example.com",
                "--ip-allow-list").resolve("google-workspace-guide.md"));
        assertThat(v1).contains("   178.77.90.228\n", "   - `ntgt.de`", "## 3. Scenario 2: surveys sent with your own domain (example.com)",
                "whitelist-gen --target bind --server dach --domain example.com", "envelope sender (MAIL FROM)")
                .doesNotContain("Approved senders match the header From only");
    }

    /** templates/_common/header.ftl writes the citation out (a version-1 output needs it too): it must stay the Swedish profile's. */
    @Test
    void aCheckOfTheIpAllowlistCarriesTheArticlesCaveatOnIps() throws IOException {
        String title = Profiles.version("2").source().title();
        String v2 = Files.readString(generate(dir.resolve("v2"), "--server", "azure", "--ip-allow-list").resolve("verify-allowlist.sh"));
        assertThat(v2).contains("# Allowing by IP: Netigate's article '" + title + "' (Swedish) calls its IP addresses less flexible",
                "# The include (include:_spf.netigate.se) follows Netigate's changes");
        String v1 = Files.readString(generate(dir.resolve("v1"), "--server", "dach", "--profile", "1", "--ip-allow-list")
                .resolve("verify-allowlist.sh"));
        assertThat(v1).contains("'" + title + "' (Swedish)", "profile version 1 gives no include for this server");
        assertThat(Files.readString(generate(dir.resolve("plain"), "--server", "azure").resolve("verify-allowlist.sh")))
                .as("without --ip-allow-list the guide allows nothing by IP").doesNotContain("Allowing by IP");
    }

    @Test
    void theCsvHoldsTheSameValuesWithCrlfAndTheAllowlistRowOnlyWithTheFlag() throws IOException {
        String approved = "setting,admin_console_path,organisational_unit,value,option\r\n"
                + "approved_senders,\"Apps > Google Workspace > Gmail > Spam, Phishing and Malware > Spam > Approved senders list:"
                + " Netigate survey mail (whitelist-gen, azure)\",top-level,netigate.se,authentication required\r\n";
        assertThat(Files.readString(generate(dir.resolve("plain"), "--server", "azure").resolve("google-workspace-values.csv")))
                .isEqualTo(approved);
        assertThat(Files.readString(generate(dir.resolve("flag"), "--server", "azure", "--ip-allow-list")
                .resolve("google-workspace-values.csv"))).isEqualTo(approved
                + "email_allowlist,\"Apps > Google Workspace > Gmail > Spam, Phishing and Malware > Email allowlist\",top-level,\""
                + V2_IPS + "\",add to existing entries\r\n");
    }

    @Test
    void aSetupWithOnlyApprovedSendersPassesTheCheckOfTheGuideWithoutTheFlag() throws IOException {
        Path script = generate(dir.resolve("out"), "--server", "azure").resolve("verify-allowlist.sh");
        Path bin = standInGam("\"\"203.0.113.7\"\"");
        RealProgram.Result result = check(script, bin, Map.of());
        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.out()).contains("Step 1, approved senders: not checkable by script",
                "the rule 'Netigate survey mail (whitelist-gen, azure)'", "which holds netigate.se, each with Authentication required on",
                "Step 2, Email allowlist: not part of this guide (made without --ip-allow-list), and no Netigate IP is in it.");
        assertThat(Files.readString(bin.resolve("gam.args")))
                .isEqualTo("print\npolicies\nfilter\nsetting.type.matches('settings/gmail.email_spam_filter_ip_allowlist')\nformatjson\n");

        // Without any reader the guide's own steps are still reported, and nothing it asked for is missing.
        RealProgram.Result unread = check(script, Files.createDirectories(dir.resolve("empty-bin")), Map.of());
        assertThat(unread.exitCode()).as(unread.toString()).isZero();
        assertThat(unread.out()).contains("not part of this guide (made without --ip-allow-list); not read: neither GOOGLE_ACCESS_TOKEN");
    }

    @Test
    void aCoveringRangePassesAndAMissingIpFailsWithTheFlag() throws IOException {
        Path script = generate(dir.resolve("out"), "--server", "azure", "--ip-allow-list").resolve("verify-allowlist.sh");

        RealProgram.Result covered = check(script, standInGam(
                "\"\"89.45.227.0/24\"\", \"\"46.254.11.92\"\", \"\"86.107.243.128/25\"\", \"\"2001:db8::/32\"\""), Map.of());
        assertThat(covered.exitCode()).as(covered.toString()).isZero();
        assertThat(covered.out()).contains("Step 2, Email allowlist: done. Covered: 46.254.11.92 (by 46.254.11.92), "
                + "86.107.243.139 (by 86.107.243.128/25), 89.45.227.195 (by 89.45.227.0/24), 89.45.227.221 (by 89.45.227.0/24)");

        RealProgram.Result missing = check(script, standInGam("\"\"89.45.227.0/24\"\", \"\"86.107.243.140\"\""), Map.of());
        assertThat(missing.exitCode()).as(missing.toString()).isEqualTo(1);
        assertThat(missing.out()).contains("Step 2, Email allowlist: not done. No entry covers: 46.254.11.92 86.107.243.139")
                .contains("Result: a step is not done.");

        // A /25 that holds the address's neighbour, not the address, does not count.
        RealProgram.Result neighbour = check(script, standInGam(
                "\"\"89.45.227.0/24\"\", \"\"46.254.11.0/24\"\", \"\"86.107.243.0/25\"\""), Map.of());
        assertThat(neighbour.exitCode()).as(neighbour.toString()).isEqualTo(1);
        assertThat(neighbour.out()).contains("No entry covers: 86.107.243.139\n");

        Path failing = Files.createDirectories(dir.resolve("failing-bin"));
        executable(failing.resolve("gam"), "#!/bin/sh\necho 'ERROR: insufficient scopes' >&2\nexit 1\n");
        RealProgram.Result unreadable = check(script, failing, Map.of());
        assertThat(unreadable.exitCode()).as(unreadable.toString()).isEqualTo(2);
        assertThat(unreadable.out()).contains("Step 2, Email allowlist: not checkable: gam print policies failed (GAM7 7.00.27 or later");
    }

    @Test
    void withADomainTheSpfStepIsNamedAsNotCheckableHere() throws IOException {
        Path script = generate(dir.resolve("out"), "--server", "dach", "--domain", "example.com").resolve("verify-allowlist.sh");
        RealProgram.Result result = check(script, standInGam(""), Map.of());
        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.out()).contains("Step 3, SPF of example.com: not checkable here; run: "
                + "whitelist-gen check spf --domain example.com --server dach");
    }

    @Test
    void theTokenGoesToCurlOnStandardInputWithTheQuotaProject() throws IOException {
        Path script = generate(dir.resolve("out"), "--server", "azure", "--ip-allow-list").resolve("verify-allowlist.sh");
        Path bin = Files.createDirectories(dir.resolve("curl-bin"));
        Files.writeString(bin.resolve("response.json"), policy("\"89.45.227.0/24\", \"46.254.11.92\", \"86.107.243.139\""));
        executable(bin.resolve("curl"), "#!/bin/sh\nprintf '%s\\n' \"$@\" > \"$(dirname \"$0\")/curl.args\"\n"
                + "cat > \"$(dirname \"$0\")/curl.stdin\"\ncat \"$(dirname \"$0\")/response.json\"\n");
        RealProgram.Result result = check(script, bin, Map.of("GOOGLE_ACCESS_TOKEN", "secret-token", "GOOGLE_QUOTA_PROJECT", "my-project"));
        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.out()).contains("Step 2, Email allowlist: done.");
        assertThat(Files.readString(bin.resolve("curl.args"))).doesNotContain("secret-token").contains("@-\n", "--fail\n",
                "filter=setting.type.matches('settings/gmail.email_spam_filter_ip_allowlist')\n", "https://cloudidentity.googleapis.com/v1/policies\n");
        assertThat(Files.readString(bin.resolve("curl.stdin")))
                .isEqualTo("Authorization: Bearer secret-token\nX-Goog-User-Project: my-project\n");

        // The endpoint override is for loopback tests: a plain-HTTP remote endpoint never gets the token.
        Files.delete(bin.resolve("curl.stdin"));
        RealProgram.Result remote = check(script, bin, Map.of("GOOGLE_ACCESS_TOKEN", "secret-token",
                "CLOUD_IDENTITY_API", "http://policies.example"));
        assertThat(remote.exitCode()).as(remote.toString()).isEqualTo(2);
        assertThat(remote.err()).contains("CLOUD_IDENTITY_API must start with https://");
        assertThat(remote.out() + remote.err()).doesNotContain("secret-token");
        assertThat(bin.resolve("curl.stdin")).doesNotExist();
    }

    @Test
    void theRealCurlSendsTheHeadersAndAFailedCallCannotCheckTheStep() throws IOException {
        RealProgram.require("curl");
        Path script = generate(dir.resolve("out"), "--server", "azure", "--ip-allow-list").resolve("verify-allowlist.sh");
        AtomicReference<String> body = new AtomicReference<>();
        AtomicReference<String> request = new AtomicReference<>();
        AtomicReference<Integer> status = new AtomicReference<>(200);
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            request.set(exchange.getRequestMethod() + " " + exchange.getRequestURI() + " " + exchange.getRequestHeaders().getFirst("Authorization")
                    + " " + exchange.getRequestHeaders().getFirst("X-Goog-User-Project"));
            byte[] bytes = body.get().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status.get(), bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        server.start();
        try {
            Map<String, String> env = Map.of("GOOGLE_ACCESS_TOKEN", "test-token", "GOOGLE_QUOTA_PROJECT", "quota-1",
                    "CLOUD_IDENTITY_API", "http://127.0.0.1:" + server.getAddress().getPort(), "PATH", "/usr/bin:/bin");
            body.set(policy("\"89.45.227.221\", \"46.254.11.92\",\"86.107.243.139\",\"89.45.227.195\",\"203.0.113.0/24\""));
            RealProgram.Result all = RealProgram.run(Duration.ofSeconds(30), env, dir, "sh", script.toString());
            assertThat(all.exitCode()).as(all.toString()).isZero();
            assertThat(all.out()).contains("Entries in force: 203.0.113.0/24 46.254.11.92 86.107.243.139 89.45.227.195 89.45.227.221");
            assertThat(request.get()).startsWith("GET /v1/policies?filter=setting.type.matches")
                    .contains("email_spam_filter_ip_allowlist").endsWith(" Bearer test-token quota-1");

            status.set(403);
            body.set("{\"error\":{\"code\":403}}");
            RealProgram.Result denied = RealProgram.run(Duration.ofSeconds(30), env, dir, "sh", script.toString());
            assertThat(denied.exitCode()).as(denied.toString()).isEqualTo(2);
            assertThat(denied.out()).contains("Step 2, Email allowlist: not checkable: the Policy API call failed");
        } finally {
            server.stop(0);
        }
    }

    /**
     * The containment test of the generated script, run by the system's awk on edge cases the profiles cannot show
     * (their networks are all IPv4): prefix boundaries, /0, "::" compression, a prefix that splits a hex digit, upper
     * case, and entries that are no address. Documentation prefixes only (RFC 5737, RFC 3849).
     */
    @Test
    void containmentHoldsAtPrefixBoundariesForIpv4AndIpv6() throws IOException {
        String script = Files.readString(generate(dir.resolve("out"), "--server", "azure", "--ip-allow-list")
                .resolve("verify-allowlist.sh"));
        String start = "awk -v expected=\"$expected\" '";
        int from = script.indexOf(start);
        int to = script.indexOf("\n}')\n", from);
        assertThat(from).as("the coverage awk program in the script").isPositive();
        assertThat(to).isGreaterThan(from);
        Path program = Files.writeString(dir.resolve("coverage.awk"), script.substring(from + start.length(), to + 2) + "\n");
        Path entries = Files.writeString(dir.resolve("entries"), String.join("\n",
                "192.0.2.0/25", "198.51.100.7", "203.0.113.254/31", "2001:db8:ffff::/49", "2001:DB8:8000::/33",
                "2001:db8:0:0:1::/80", "not-an-ip", "192.0.2.0/33", "1:2::3::4/64", "::1") + "\n");
        String expected = String.join(" ", "192.0.2.127", "192.0.2.128", "198.51.100.7", "198.51.100.8",
                "203.0.113.255", "203.0.113.253", "2001:db8:8000::1", "2001:db8:7fff::1", "2001:db8::1:0:0:5",
                "2001:db8:ffff:7fff::", "2001:db8:ffff:8000::", "0:0:0:0:0:0:0:1", "::2", "192.0.2.0/24");

        RealProgram.Result result = RealProgram.run(Duration.ofSeconds(30), Map.of(), dir, "awk", "-v",
                "expected=" + expected, "-f", program.toString(), entries.toString());

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.out()).isEqualTo(String.join("\n",
                "192.0.2.127 192.0.2.0/25", "192.0.2.128 -", "198.51.100.7 198.51.100.7", "198.51.100.8 -",
                "203.0.113.255 203.0.113.254/31", "203.0.113.253 -", "2001:db8:8000::1 2001:DB8:8000::/33",
                "2001:db8:7fff::1 -", "2001:db8::1:0:0:5 2001:db8:0:0:1::/80", "2001:db8:ffff:7fff:: 2001:db8:ffff::/49",
                "2001:db8:ffff:8000:: 2001:DB8:8000::/33", "0:0:0:0:0:0:0:1 ::1", "::2 -", "192.0.2.0/24 -") + "\n");

        Path everything = Files.writeString(dir.resolve("everything"), "0.0.0.0/0\n::/0\n");
        RealProgram.Result all = RealProgram.run(Duration.ofSeconds(30), Map.of(), dir, "awk", "-v",
                "expected=255.255.255.255 ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", "-f", program.toString(), everything.toString());
        assertThat(all.out()).isEqualTo("255.255.255.255 0.0.0.0/0\nffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff ::/0\n");
    }

    /** Runs the check with only the stand-ins and the system's tools on PATH. */
    private RealProgram.Result check(Path script, Path bin, Map<String, String> extra) {
        Map<String, String> env = new java.util.HashMap<>(extra);
        env.put("PATH", bin + ":/usr/bin:/bin");
        env.putIfAbsent("GOOGLE_ACCESS_TOKEN", "");
        return RealProgram.run(Duration.ofSeconds(30), env, dir, "sh", script.toString());
    }

    /** A `gam` that records its arguments and prints what GAM7's `print policies ... formatjson` prints: CSV, JSON with doubled quotes. */
    private Path standInGam(String csvQuotedAddresses) throws IOException {
        Path bin = Files.createTempDirectory(dir, "gam-bin");
        executable(bin.resolve("gam"), "#!/bin/sh\nprintf '%s\\n' \"$@\" > \"$(dirname \"$0\")/gam.args\"\n"
                + "echo 'name,JSON'\n"
                + "cat <<'EOF'\npolicies/akj1,\"{\"\"name\"\": \"\"policies/akj1\"\", \"\"policyQuery\"\": {\"\"orgUnit\"\": \"\"orgUnits/03ph\"\", "
                + "\"\"sortOrder\"\": 1}, \"\"setting\"\": {\"\"type\"\": \"\"settings/gmail.email_spam_filter_ip_allowlist\"\", "
                + "\"\"value\"\": {\"\"allowedIpAddresses\"\": [" + csvQuotedAddresses + "]}}, \"\"type\"\": \"\"ADMIN\"\"}\"\nEOF\n");
        return bin;
    }

    private static void executable(Path file, String text) throws IOException {
        Files.writeString(file, text);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private static String policy(String addresses) {
        return "{\"policies\":[{\"name\":\"policies/akj1\",\"customer\":\"customers/C0abc\",\"policyQuery\":{\"orgUnit\":\"orgUnits/03ph\","
                + "\"sortOrder\":1},\"setting\":{\"type\":\"settings/gmail.email_spam_filter_ip_allowlist\",\"value\":{\"allowedIpAddresses\":["
                + addresses + "]}},\"type\":\"ADMIN\"}]}";
    }
}
