package dev.whitelistgen.targets;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.whitelistgen.testing.Cli;
import dev.whitelistgen.testing.Profiles;
import dev.whitelistgen.testing.Repo;
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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

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
                "ask your Netigate contact for this guide made with the Email allowlist",
                // without --domain it still says what approved senders cannot do
                "Approved senders match the header From only", "ask your Netigate contact for this guide made with your domains",
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
                "`bind/spf-records.zone` holds the merged record; otherwise ask your Netigate contact", "envelope sender (MAIL FROM)")
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

    /** A bundle's reader has no whitelist-gen: the guide points to the bundle's files and the Netigate contact (issue 25.7). */
    @Test
    void aBundlesGuideNamesNoCommandButItsLastLine() throws IOException {
        for (String language : List.of("en", "de", "sv")) {
            List<String> lines = Files.readAllLines(Repo.path("samples/bundle/google-workspace-guide." + language + ".md"));
            assertThat(lines.subList(0, lines.size() - 1)).as(language).noneMatch(line -> line.contains("`whitelist-gen "));
            assertThat(String.join("\n", lines)).contains("bind/spf-records.zone");
        }
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
    void withoutAnyReaderNothingIsCheckedAndTheScriptSaysSoWithExit2() throws IOException {
        Path script = generate(dir.resolve("out"), "--server", "azure").resolve("verify-allowlist.sh");
        RealProgram.Result unread = check(script, Files.createDirectories(dir.resolve("empty-bin")), Map.of());
        assertThat(unread.exitCode()).as(unread.toString()).isEqualTo(2);
        assertThat(unread.out()).contains("Step 1, approved senders: not checkable: neither GOOGLE_ACCESS_TOKEN is set nor gam is installed.",
                "the rule 'Netigate survey mail (whitelist-gen, azure)' bypasses spam filters",
                "which holds netigate.se, each with Authentication required on.",
                "Result: nothing could be checked by script; check step 1, earlier versions in the console as shown above.")
                .doesNotContain("no step is not done");
    }

    @Test
    void approvedSendersAreCheckedThroughTheSpamOverrideRuleItsListAndTheirStates() throws IOException {
        Path script = generate(dir.resolve("out"), "--server", "azure").resolve("verify-allowlist.sh");
        String done = policies(overrideRule("rule-1", true, "list-1"), ruleStates("rule-1", true, "list-1", true),
                addressList("list-1", "Netigate survey mail (whitelist-gen, azure)", "netigate.se", true), allowlist("203.0.113.7"));
        RealProgram.Result ok = check(script, standInCurl(done), token());
        assertThat(ok.exitCode()).as(ok.toString()).isZero();
        assertThat(ok.out()).contains("Step 1, approved senders: done.\n  netigate.se: rule 'Netigate survey mail (whitelist-gen, azure)' "
                + "(orgUnits/03ph), list 'Netigate survey mail (whitelist-gen, azure)', Authentication required on",
                "Step 2, Email allowlist: not part of this guide (made without --ip-allow-list), and no Netigate IP is in it.",
                "Earlier versions: done.", "Result: every step of this guide is done.");

        RealProgram.Result off = check(script, standInCurl(done.replace("{\"ruleId\":\"rule-1\",\"enabled\":true}",
                "{\"ruleId\":\"rule-1\",\"enabled\":false}")), token());
        assertThat(off.exitCode()).as("the rule is off: " + off).isEqualTo(1);
        assertThat(off.out()).contains("Step 1, approved senders: not done.\n  netigate.se is in no approved senders list of a rule that is on",
                "Result: not done: step 1.");

        RealProgram.Result noAuth = check(script, standInCurl(done.replace("\"requireAddressVerification\":true",
                "\"requireAddressVerification\":false")), token());
        assertThat(noAuth.exitCode()).as(noAuth.toString()).isEqualTo(1);
        assertThat(noAuth.out()).contains("netigate.se is in list 'Netigate survey mail (whitelist-gen, azure)' without Authentication required");

        RealProgram.Result otherDomain = check(script, standInCurl(done.replace("\"address\":\"netigate.se\"",
                "\"address\":\"survey@netigate.se\"")), token());
        assertThat(otherDomain.exitCode()).as("an address is not the domain: " + otherDomain).isEqualTo(1);

        RealProgram.Result noRule = check(script, standInCurl(policies(allowlist("203.0.113.7"))), token());
        assertThat(noRule.exitCode()).as(noRule.toString()).isEqualTo(2);
        assertThat(noRule.out()).contains("Step 1, approved senders: not checkable by script: the Policy API returned no spam override rule",
                "Result: step 1 could not be checked by script; check it in the console as shown above. The other steps are done.");
    }

    @Test
    void aCoveringRangePassesAWideOneWarnsAndAMissingIpFailsWithTheFlag() throws IOException {
        Path script = generate(dir.resolve("out"), "--server", "azure", "--ip-allow-list").resolve("verify-allowlist.sh");
        String senders = String.join(",", overrideRule("r", true, "l"), addressList("l", "Netigate", "netigate.se", true));

        RealProgram.Result covered = check(script, standInCurl(policies(senders,
                allowlist("89.45.227.0/24", "46.254.11.92", "86.107.243.128/25", "2001:db8::/32"))), token());
        assertThat(covered.exitCode()).as(covered.toString()).isZero();
        assertThat(covered.out()).contains("Step 2, Email allowlist: done. Covered: 46.254.11.92 (by 46.254.11.92), "
                + "86.107.243.139 (by 86.107.243.128/25), 89.45.227.195 (by 89.45.227.0/24), 89.45.227.221 (by 89.45.227.0/24)")
                .doesNotContain("Warning");

        RealProgram.Result wide = check(script, standInCurl(policies(senders, allowlist("89.45.0.0/16", "46.254.0.0/16", "86.107.243.139"))), token());
        assertThat(wide.exitCode()).as("an over-wide entry still covers: " + wide).isZero();
        assertThat(wide.out()).contains("Step 2, Email allowlist: done.",
                "Warning: the entry 89.45.0.0/16 admits far more than Netigate (65536 addresses); replace it with Netigate's IPs.",
                "Warning: the entry 46.254.0.0/16 admits far more than Netigate (65536 addresses)");
        // 0.0.0.0/0 covers Netigate's IPs, and version 1's too: done with a warning, and the earlier entry not done
        RealProgram.Result everything = check(script, standInCurl(policies(senders, allowlist("0.0.0.0/0"))), token());
        assertThat(everything.out()).contains("Step 2, Email allowlist: done.",
                "Warning: the entry 0.0.0.0/0 admits far more than Netigate (4294967296 addresses)",
                "The Email allowlist still admits 193.44.77.163 (profile version 1) by the entry 0.0.0.0/0");

        RealProgram.Result missing = check(script, standInCurl(policies(senders, allowlist("89.45.227.0/24", "86.107.243.140"))), token());
        assertThat(missing.exitCode()).as(missing.toString()).isEqualTo(1);
        assertThat(missing.out()).contains("Step 2, Email allowlist: not done. No entry covers: 46.254.11.92 86.107.243.139",
                "Result: not done: step 2.");

        // A /25 that holds the address's neighbour, not the address, does not count; no allowlist policy is an empty list.
        RealProgram.Result neighbour = check(script, standInCurl(policies(senders, allowlist("89.45.227.0/24", "46.254.11.0/24",
                "86.107.243.0/25"))), token());
        assertThat(neighbour.out()).contains("No entry covers: 86.107.243.139\n");
        RealProgram.Result none = check(script, standInCurl(policies(senders)), token());
        assertThat(none.exitCode()).isEqualTo(1);
        assertThat(none.out()).contains("Entries in force: (none)");
    }

    @Test
    void anEntryOfAnEarlierVersionIsNamedInTheGuideAndStillThereIsNotDone() throws IOException {
        Path out = generate(dir.resolve("out"), "--server", "dach", "--ip-allow-list");
        assertThat(Files.readString(out.resolve("google-workspace-guide.md"))).contains("## Entries of earlier versions: remove them",
                "this version (2) no longer does", "- **Email allowlist**: `178.77.90.228` (version 1)");
        String senders = String.join(",", overrideRule("r", true, "l"), addressList("l", "Netigate", "ntgt.de", true));

        RealProgram.Result left = check(out.resolve("verify-allowlist.sh"), standInCurl(policies(senders,
                allowlist("46.254.11.92", "86.107.243.139", "89.45.227.195", "89.45.227.221", "178.77.90.228"))), token());
        assertThat(left.exitCode()).as(left.toString()).isEqualTo(1);
        assertThat(left.out()).contains("Step 2, Email allowlist: done.", "Earlier versions: not done.\n  The Email allowlist still admits "
                + "178.77.90.228 (profile version 1) by the entry 178.77.90.228: remove it.", "Result: not done: earlier versions.");

        RealProgram.Result gone = check(out.resolve("verify-allowlist.sh"), standInCurl(policies(senders,
                allowlist("46.254.11.92", "86.107.243.139", "89.45.227.195", "89.45.227.221", "203.0.113.9"))), token());
        assertThat(gone.exitCode()).as(gone.toString()).isZero();
        assertThat(gone.out()).contains("Earlier versions: done. No entry of an earlier version is left.");

        // Version 1 supersedes nothing: its guide names no earlier entry.
        assertThat(Files.readString(generate(dir.resolve("v1"), "--server", "dach", "--profile", "1").resolve("google-workspace-guide.md")))
                .doesNotContain("earlier versions");
    }

    @Test
    void gamsCsvIsReadToo() throws IOException {
        Path script = generate(dir.resolve("out"), "--server", "azure", "--ip-allow-list").resolve("verify-allowlist.sh");
        Path bin = standInGam("\"\"89.45.227.0/24\"\", \"\"46.254.11.92\"\", \"\"86.107.243.139\"\"");
        RealProgram.Result result = check(script, bin, Map.of());
        assertThat(result.out()).contains("Step 2, Email allowlist: done. Covered: 46.254.11.92 (by 46.254.11.92)");
        assertThat(Files.readString(bin.resolve("gam.args")))
                .isEqualTo("print\npolicies\nfilter\nsetting.type.matches('settings/gmail.*')\nformatjson\n");

        Path failing = Files.createDirectories(dir.resolve("failing-bin"));
        executable(failing.resolve("gam"), "#!/bin/sh\necho 'ERROR: insufficient scopes' >&2\nexit 1\n");
        RealProgram.Result unreadable = check(script, failing, Map.of());
        assertThat(unreadable.exitCode()).as(unreadable.toString()).isEqualTo(2);
        assertThat(unreadable.out()).contains("Step 2, Email allowlist: not checkable: gam print policies failed (GAM7 7.00.27 or later",
                "Result: nothing could be checked by script");
    }

    @Test
    void withADomainTheSpfStepSaysWhatTheRecordMustHoldWithoutNamingWhitelistGen() throws IOException {
        Path out = generate(dir.resolve("out"), "--server", "dach", "--domain", "example.com");
        RealProgram.Result result = check(out.resolve("verify-allowlist.sh"), Files.createDirectories(dir.resolve("none")), Map.of());
        assertThat(result.out()).contains("Step 3, SPF of example.com: not checked by this script; its v=spf1 TXT record must hold "
                + "include:_spf.ntgt.de, as the guide says.").doesNotContain("run: whitelist-gen").doesNotContain("whitelist-gen check");
        assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
        assertThat(result.out()).contains("Result: nothing could be checked by script; check step 1, earlier versions, step 3 in the console and "
                + "in DNS as shown above.");

        // The script reads no DNS: with step 1 done, step 3 keeps the result from "every step of this guide is done".
        String senders = String.join(",", overrideRule("r", true, "l"), addressList("l", "Netigate", "ntgt.de", true));
        RealProgram.Result stepOneDone = check(out.resolve("verify-allowlist.sh"), standInCurl(policies(senders)), token());
        assertThat(stepOneDone.exitCode()).as(stepOneDone.toString()).isEqualTo(2);
        assertThat(stepOneDone.out()).contains("Step 1, approved senders: done.",
                "Result: step 3 could not be checked by script; check it in DNS as shown above. The other steps are done.")
                .doesNotContain("every step of this guide is done");
        assertThat(Files.readString(out.resolve("google-workspace-guide.md"))).contains(
                "its SPF record must include Netigate (`include:_spf.ntgt.de`). If this guide came in a package from Netigate with your domains, its file "
                + "`bind/spf-records.zone` holds the merged record");
    }

    @Test
    void theTokenGoesToCurlOnStandardInputWithTheQuotaProject() throws IOException {
        Path script = generate(dir.resolve("out"), "--server", "azure", "--ip-allow-list").resolve("verify-allowlist.sh");
        Path bin = standInCurl(policies(allowlist("89.45.227.0/24", "46.254.11.92", "86.107.243.139")));
        RealProgram.Result result = check(script, bin, Map.of("GOOGLE_ACCESS_TOKEN", "secret-token", "GOOGLE_QUOTA_PROJECT", "my-project"));
        assertThat(result.out()).contains("Step 2, Email allowlist: done.");
        assertThat(Files.readString(bin.resolve("curl.args"))).doesNotContain("secret-token").doesNotContain("--fail").contains("@-\n",
                "filter=setting.type.matches('settings/gmail.*')\n", "https://cloudidentity.googleapis.com/v1/policies\n");
        assertThat(Files.readString(bin.resolve("curl.stdin")))
                .isEqualTo("Authorization: Bearer secret-token\nX-Goog-User-Project: my-project\n");
    }

    /** Each form that once passed a prefix pattern, or that curl reads as another host: refused, and curl never runs. */
    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1:80@evil.example", "http://127.0.0.1:80@evil.example/", "http://[::1]:80@evil.example",
        "http://127.0.0.1:@evil.example", "http://127.0.0.1:80#@evil.example", "http://127.0.0.1:80?@evil.example",
        "http://127.0.0.1:80/@evil.example", "http://127.0.0.1:80/x@evil.example", "http://127.0.0.1:80\\@evil.example",
        "http://127.0.0.1:80.evil.example", "http://127.0.0.1.evil.example:80", "http://127.0.0.1:80 http://evil.example",
        "http://user@127.0.0.1:80", "http://127.0.0.1:", "http://127.0.0.1", "http://[::1]:", "http://policies.example",
        "https://evil.example", "https://cloudidentity.googleapis.com.evil.example", "https://cloudidentity.googleapis.com@evil.example",
        "https://cloudidentity.googleapis.com:443@evil.example", "https://cloudidentity.googleapis.com/../x", "HTTP://127.0.0.1:80",
        "file:///etc/passwd", ""})
    void theEndpointGuardRefusesEveryBypassForm(String endpoint) throws IOException {
        Path script = generate(dir.resolve("out"), "--server", "azure", "--ip-allow-list").resolve("verify-allowlist.sh");
        Path bin = standInCurl(policies());
        Map<String, String> env = new java.util.HashMap<>(token());
        env.put("CLOUD_IDENTITY_API", endpoint);
        RealProgram.Result refused = check(script, bin, env);
        if (endpoint.isEmpty()) {
            // empty means unset: the default endpoint
            assertThat(refused.exitCode()).as(refused.toString()).isNotEqualTo(2);
            return;
        }
        assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(2);
        assertThat(refused.err()).contains("CLOUD_IDENTITY_API must be https://cloudidentity.googleapis.com");
        assertThat(refused.out() + refused.err()).doesNotContain("secret-token");
        assertThat(bin.resolve("curl.args")).as("curl never ran").doesNotExist();
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://cloudidentity.googleapis.com", "http://127.0.0.1:8080", "http://127.0.0.1:8080/base/v_1.x",
        "http://[::1]:9"})
    void theEndpointGuardAcceptsGoogleAndLoopbackWithAPort(String endpoint) throws IOException {
        Path script = generate(dir.resolve("out"), "--server", "azure", "--ip-allow-list").resolve("verify-allowlist.sh");
        Path bin = standInCurl(policies());
        Map<String, String> env = new java.util.HashMap<>(token());
        env.put("CLOUD_IDENTITY_API", endpoint);
        RealProgram.Result result = check(script, bin, env);
        assertThat(Files.readString(bin.resolve("curl.args"))).as(result.toString()).contains(endpoint + "/v1/policies\n");
    }

    @Test
    void anInternalErrorIsExit2WithAMessageNotANotDone() throws IOException {
        Path script = generate(dir.resolve("out"), "--server", "azure", "--ip-allow-list").resolve("verify-allowlist.sh");
        Path bin = standInCurl(policies(allowlist("89.45.227.0/24")));
        // an awk that fails as BusyBox's does on "^" without its maths library
        executable(bin.resolve("awk"), "#!/bin/sh\necho 'awk: cmd. line:1: Math support is not compiled in' >&2\nexit 1\n");
        RealProgram.Result broken = check(script, bin, token());
        assertThat(broken.exitCode()).as(broken.toString()).isEqualTo(2);
        assertThat(broken.err()).contains("verify-allowlist.sh: internal error: the report could not be made");
        assertThat(broken.out()).doesNotContain("Result: not done");
    }

    /** BusyBox awk without its maths library stops at the "^" operator; the script's awk programs use none. */
    @Test
    void theScriptsAwkProgramsUseNoExponentOperator() throws IOException {
        String script = Files.readString(generate(dir.resolve("out"), "--server", "azure", "--ip-allow-list").resolve("verify-allowlist.sh"));
        // a "^" right after "/" or "[" anchors or negates a regular expression; anywhere else in code it raises to a power
        List<String> powers = script.lines().filter(line -> !line.strip().startsWith("#"))
                .filter(line -> java.util.regex.Pattern.compile("(?<![/\\[])\\^").matcher(line).find()).toList();
        assertThat(powers).isEmpty();
    }

    /**
     * Debian builds BusyBox's awk without its maths library, so it stops at "^" ("Math support is not compiled in"):
     * the whole check runs under BusyBox's sh and awk, through the containment arithmetic and the warning's count.
     */
    @Test
    void theCheckRunsUnderBusyBoxShAndAwk() throws IOException {
        Path busybox = RealProgram.require("busybox");
        Path script = generate(dir.resolve("out"), "--server", "azure", "--ip-allow-list").resolve("verify-allowlist.sh");
        String senders = String.join(",", overrideRule("r", true, "l"), addressList("l", "Netigate", "netigate.se", true));
        Path bin = standInCurl(policies(senders, allowlist("89.45.0.0/16", "46.254.11.92", "86.107.243.128/25", "2001:db8::/32")));
        for (String applet : List.of("awk", "cat", "dirname", "printf")) {
            Files.createSymbolicLink(bin.resolve(applet), busybox);
        }
        Map<String, String> env = Map.of("PATH", bin.toString(), "GOOGLE_ACCESS_TOKEN", "secret-token");

        RealProgram.Result done = RealProgram.run(Duration.ofSeconds(30), env, dir, busybox.toString(), "sh", script.toString());
        assertThat(done.exitCode()).as(done.toString()).isZero();
        assertThat(done.out()).contains("Step 1, approved senders: done.", "Step 2, Email allowlist: done. Covered: 46.254.11.92 (by "
                + "46.254.11.92), 86.107.243.139 (by 86.107.243.128/25), 89.45.227.195 (by 89.45.0.0/16)",
                "Warning: the entry 89.45.0.0/16 admits far more than Netigate (65536 addresses)", "Result: every step of this guide is done.");

        Map<String, String> noReader = Map.of("PATH", bin.toString());
        Files.delete(bin.resolve("curl"));
        RealProgram.Result nothing = RealProgram.run(Duration.ofSeconds(30), noReader, dir, busybox.toString(), "sh", script.toString());
        assertThat(nothing.exitCode()).as(nothing.toString()).isEqualTo(2);
        assertThat(nothing.out()).contains("Result: nothing could be checked by script; check step 1, step 2, earlier versions in the console");
    }

    @Test
    void theRealCurlSendsTheHeadersShowsGooglesErrorMessageAndFollowsPages() throws IOException {
        RealProgram.require("curl");
        Path script = generate(dir.resolve("out"), "--server", "azure", "--ip-allow-list").resolve("verify-allowlist.sh");
        List<String> bodies = new java.util.concurrent.CopyOnWriteArrayList<>();
        List<String> requests = new java.util.concurrent.CopyOnWriteArrayList<>();
        AtomicReference<Integer> status = new AtomicReference<>(200);
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            requests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI() + " " + exchange.getRequestHeaders().getFirst("Authorization")
                    + " " + exchange.getRequestHeaders().getFirst("X-Goog-User-Project"));
            byte[] bytes = bodies.remove(0).getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status.get(), bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        server.start();
        try {
            Map<String, String> env = Map.of("GOOGLE_ACCESS_TOKEN", "test-token", "GOOGLE_QUOTA_PROJECT", "quota-1",
                    "CLOUD_IDENTITY_API", "http://127.0.0.1:" + server.getAddress().getPort(), "PATH", "/usr/bin:/bin");
            bodies.add(policies(allowlist("89.45.227.221", "46.254.11.92")).replace("]}", "], \"nextPageToken\": \"page-2\"}"));
            bodies.add(policies(overrideRule("r", true, "l"), addressList("l", "Netigate", "netigate.se", true),
                    allowlist("86.107.243.139", "89.45.227.195", "203.0.113.0/24")));
            RealProgram.Result all = RealProgram.run(Duration.ofSeconds(30), env, dir, "sh", script.toString());
            assertThat(all.exitCode()).as(all.toString()).isZero();
            assertThat(all.out()).contains("Step 1, approved senders: done.",
                    "Entries in force: 89.45.227.221 46.254.11.92 86.107.243.139 89.45.227.195 203.0.113.0/24");
            assertThat(requests).hasSize(2);
            assertThat(requests.get(0)).startsWith("GET /v1/policies?filter=setting.type.matches").endsWith(" Bearer test-token quota-1");
            assertThat(requests.get(1)).contains("pageToken=page-2");

            requests.clear();
            status.set(403);
            bodies.add("{\"error\":{\"code\":403,\"message\":\"Cloud Identity API has not been used in project 42 before or it is disabled.\","
                    + "\"status\":\"PERMISSION_DENIED\"}}");
            RealProgram.Result denied = RealProgram.run(Duration.ofSeconds(30), env, dir, "sh", script.toString());
            assertThat(denied.exitCode()).as(denied.toString()).isEqualTo(2);
            assertThat(denied.out()).contains("Step 2, Email allowlist: not checkable: the Policy API answered HTTP 403: "
                    + "Cloud Identity API has not been used in project 42 before or it is disabled (check the token",
                    "Result: nothing could be checked by script");
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
        int from = script.indexOf("function pow2(");
        int to = script.indexOf("\nNF >= 2 {", from);
        assertThat(from).as("the coverage functions in the script").isPositive();
        assertThat(to).isGreaterThan(from);
        Path program = Files.writeString(dir.resolve("coverage.awk"), script.substring(from, to + 1) + """
                NF { parse($0); if (kind != "") { entries++; entry[entries] = $0; ek[entries] = kind; ev[entries] = value; ep[entries] = prefix } }
                END {
                    count = split(expected, want, " ")
                    for (j = 1; j <= count; j++) { by = coveredBy(want[j]); print want[j], (by == "" ? "-" : by) }
                }
                """);
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

    private static Map<String, String> token() {
        return Map.of("GOOGLE_ACCESS_TOKEN", "secret-token");
    }

    /** A `curl` that records its arguments and standard input and answers 200 with the body, as --write-out adds the status. */
    private Path standInCurl(String body) throws IOException {
        Path bin = Files.createTempDirectory(dir, "curl-bin");
        Files.writeString(bin.resolve("response.json"), body);
        executable(bin.resolve("curl"), "#!/bin/sh\nprintf '%s\\n' \"$@\" > \"$(dirname \"$0\")/curl.args\"\n"
                + "cat > \"$(dirname \"$0\")/curl.stdin\"\ncat \"$(dirname \"$0\")/response.json\"\nprintf '\\n200'\n");
        return bin;
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

    /** A policies.list answer (the shapes CISA ScubaGoggles' test data shows), one policy per argument. */
    private static String policies(String... policies) {
        return "{\"policies\":[" + String.join(",", policies) + "]}";
    }

    private static String policy(String type, String value) {
        return "{\"name\":\"policies/" + Math.abs(value.hashCode()) + "\",\"customer\":\"customers/C0abc\",\"policyQuery\":"
                + "{\"orgUnit\":\"orgUnits/03ph\",\"sortOrder\":1},\"setting\":{\"type\":\"settings/gmail." + type + "\",\"value\":"
                + value + "},\"type\":\"ADMIN\"}";
    }

    private static String allowlist(String... entries) {
        return policy("email_spam_filter_ip_allowlist", "{\"allowedIpAddresses\":[" + String.join(",",
                java.util.Arrays.stream(entries).map(e -> "\"" + e + "\"").toList()) + "]}");
    }

    private static String overrideRule(String ruleId, boolean bypassSelected, String listId) {
        return policy("spam_override_lists", "{\"spamOverride\":[{\"description\":\"Netigate survey mail (whitelist-gen, azure)\","
                + "\"bypassInternalSenders\":false,\"bypassSelectedSenders\":" + bypassSelected + ",\"bypassSenderAllowlist\":[\"" + listId
                + "\"],\"hideWarningBannerForAll\":false,\"ruleId\":\"" + ruleId + "\"}]}");
    }

    private static String ruleStates(String ruleId, boolean ruleOn, String listId, boolean listOn) {
        return policy("rule_states", "{\"ruleStates\":[{\"ruleId\":\"" + ruleId + "\",\"enabled\":" + ruleOn + "},{\"ruleId\":\""
                + listId + "\",\"enabled\":" + listOn + "}]}");
    }

    private static String addressList(String id, String name, String address, boolean authenticationRequired) {
        return policy("email_address_lists", "{\"emailAddressList\":[{\"id\":\"" + id + "\",\"name\":\"" + name + "\",\"addressList\":"
                + "{\"address\":[{\"address\":\"other.example\",\"requireAddressVerification\":true},{\"address\":\"" + address
                + "\",\"requireAddressVerification\":" + authenticationRequired + "}]}}]}");
    }
}
