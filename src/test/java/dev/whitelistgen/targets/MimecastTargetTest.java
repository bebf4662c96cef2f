package dev.whitelistgen.targets;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.whitelistgen.testing.Cli;
import dev.whitelistgen.testing.RealProgram;
import dev.whitelistgen.testing.TargetFiles;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The mimecast target: one Permitted Senders policy per sender domain, limited to Netigate's IPs as Source IP Ranges
 * (the domain and the IPs tied in one policy), in scenario 2 an Anti-Spoofing Take No Action policy for the customer's
 * domain limited to the same IPs, never a policy from everyone; for that policy also a script for the API's SPF-based bypass. No
 * Mimecast console runs here; the guide's claims rest on the pages it cites, and these tests hold what can be held
 * offline.
 */
class MimecastTargetTest {

    private static final List<String> V2_RANGES = List.of("46.254.11.92/32", "86.107.243.139/32", "89.45.227.195/32", "89.45.227.221/32");

    @TempDir
    Path dir;

    private final TargetFiles output = new TargetFiles("mimecast", () -> dir);




    @Test
    void eachSenderDomainGetsAPermittedSendersPolicyLimitedToNetigatesIps() throws IOException {
        output.generate("--server", "azure");
        String guide = output.read("mimecast-guide.md");
        String csv = output.read("mimecast-values.csv");

        String step1 = TargetFiles.section(guide, "## Step 1", "## What stays on");
        assertThat(step1).contains("   - **Select Option**: **Permit Sender**\n")
                .contains("   - **Applies From**: **Email Domain**, **Specifically**: `DOMAIN`\n")
                .contains("   - **Applies To**: **Internal Addresses**\n")
                .contains("- `netigate.se`: `Netigate surveys (whitelist-gen) netigate.se`\n")
                .doesNotContain("ntgt.de").doesNotContain("Everyone");
        // Exactly Netigate's four addresses, each as CIDR /32 (Mimecast's Source IP Ranges take CIDR), nothing wider.
        assertThat(step1.lines().filter(l -> l.startsWith("     - `"))).containsExactlyElementsOf(
                V2_RANGES.stream().map(r -> "     - `" + r + "`").toList());
        for (String range : V2_RANGES) {
            assertThat(csv).contains("source_ip_range,Validity > Source IP Ranges of every policy named Netigate surveys (whitelist-gen) ...," + range + "\r\n");
        }
        assertThat(csv).contains(",netigate.se\r\n").doesNotContain("anti_spoofing");
    }

    @Test
    void virusScanningAndTheDnsAuthenticationChecksStayOnAndNothingElseIsBypassed() throws IOException {
        output.generate("--server", "azure");
        String guide = output.read("mimecast-guide.md");

        assertThat(TargetFiles.section(guide, "## What stays on", "## Scenario 2"))
                .contains("spam scanning, greylisting and IP reputation. Virus scanning still applies to permitted senders")
                .contains("run regardless of Permitted Sender entries")
                .contains("This guide makes no bypass policy of any other kind")
                .contains("DOC-1645").contains("DOC-2546");
        // No bypass policy type other than Permitted Senders (and, in scenario 2, Anti-Spoofing) is ever made.
        assertThat(guide).doesNotContainPattern("\\*\\*(Attachment Protection Bypass|URL Protection Bypass|Impersonation Protection Bypass|Content Examination Bypass)\\*\\*")
                .contains("This guide was made without `--domain`");
    }

    @Test
    void dachNamesItsOwnDomainAndTheBehindCommand() throws IOException {
        output.generate("--server", "dach");
        String guide = output.read("mimecast-guide.md");

        assertThat(guide).contains("- `ntgt.de`: `Netigate surveys (whitelist-gen) ntgt.de`\n").doesNotContain("netigate.se`")
                .contains("`whitelist-gen --target m365 --server dach --behind mimecast`");
        assertThat(output.read("mimecast-values.csv")).contains("permitted_senders_from_domain,policy Netigate surveys (whitelist-gen) ntgt.de: Applies From Email Domain,ntgt.de\r\n");
    }

    @Test
    void scenarioTwoAddsATakeNoActionAntiSpoofingPolicyLimitedToNetigatesIps() throws IOException {
        output.generate("--server", "azure", "--domain", "customer.example", "--domain", "other.example");
        String guide = output.read("mimecast-guide.md");
        String csv = output.read("mimecast-values.csv");

        String scenario2 = TargetFiles.section(guide, "## Scenario 2: surveys sent as customer.example, other.example", "## Link scanning");
        assertThat(scenario2).contains("   - **Select Option**: **Take No Action**\n")
                .contains("- `customer.example`: `Netigate surveys (whitelist-gen) customer.example`\n")
                .contains("- `other.example`: `Netigate surveys (whitelist-gen) other.example`\n")
                .contains("(the record to publish: `whitelist-gen --target bind --server azure --domain customer.example`)")
                // The script's alternative names what it makes, that it is one or the other, and what stays open.
                .contains("`mimecast-antispoofing-bypass.sh` makes, through Mimecast's API 2.0, one **Anti-Spoofing SPF-Based Bypass** policy")
                .contains("passes the SPF record of `_spf.netigate.se`, Netigate's SPF include")
                .contains("Use it or the console steps above, not both")
                .contains("only one such policy can apply to a mail flow")
                .contains("its API 2.0 reference could not be read")
                .contains("xsoar.pan.dev/docs/reference/integrations/mimecast-v2")
                // What the script does beyond the request list: read-back, regional gateways, exit codes.
                .contains("whose narrative is `Netigate surveys (whitelist-gen)` followed by a space and a domain")
                .contains("It reads each new policy back and deletes it again at once")
                .contains("`MIMECAST_API=https://uk-api.services.mimecast.com` or `MIMECAST_API=https://us-api.services.mimecast.com`")
                .contains("Exit status 0: done (or dry run); 1: Mimecast refused a request (also with HTTP 200 and a failure in its answer)")
                .contains("articles/41019270938643").contains("api-overview/response-code/")
                .doesNotContain("writes no script");
        assertThat(scenario2.lines().filter(l -> l.startsWith("     - `"))).containsExactlyElementsOf(
                V2_RANGES.stream().map(r -> "     - `" + r + "`").toList());
        // The customer's domains also get a Permitted Senders policy, with the same IPs.
        assertThat(TargetFiles.section(guide, "## Step 1", "## What stays on")).contains("- `customer.example`: `Netigate surveys (whitelist-gen) customer.example`\n");
        assertThat(csv).contains("anti_spoofing_from_domain,policy Netigate surveys (whitelist-gen) customer.example (Anti-Spoofing): Applies From Email Domain,customer.example\r\n")
                .contains("spf_must_authorise_netigate,DNS TXT record of the domain (whitelist-gen --target bind),other.example\r\n");
        assertThat(guide).doesNotContain("This guide was made without `--domain`");
    }

    @Test
    void versionOneListsItsWebDomainsForTheManagedUrlWithItsCost() throws IOException {
        output.generate("--server", "azure", "--profile", "1");
        String guide = output.read("mimecast-guide.md");

        assertThat(guide).contains("     - `193.44.77.163/32`\n").contains("- `www.netigate.se`\n")
                .contains("not rewritten, and so not checked when clicked, in any message from anyone");
        assertThat(output.read("mimecast-values.csv")).contains("managed_url_permitted_no_rewrite_optional,");
    }

    @Test
    void theUpgradeRemovesFirstAndVersionOnesIpIsNotInVersionTwo() throws IOException {
        Path old = Files.createDirectories(dir.resolve("v1"));
        Cli.Result v1 = Cli.run("--target", "mimecast", "--server", "azure", "--profile", "1", "--output", old.toString());
        assertThat(v1.exitCode()).as(v1.toString()).isZero();
        output.generate("--server", "azure");

        assertThat(Files.readString(old.resolve("mimecast-guide.md"))).contains("     - `193.44.77.163/32`\n");
        String guide = output.read("mimecast-guide.md");
        assertThat(TargetFiles.section(guide, "## Step 1", "## Upgrade")).doesNotContain("193.44.77.163");
        assertThat(guide).contains("first, in every policy whose narrative starts with `Netigate surveys (whitelist-gen)` (Permitted Senders and"
                + " Anti-Spoofing), remove each Source IP Range this guide no longer lists");
        // The generator itself names version 1's range (the policies hold bare ranges: the admin cannot tell
        // Netigate's old one from the guide's text alone).
        assertThat(TargetFiles.section(guide, "## Upgrade", "## Undo"))
                .contains("- Source IP Range `193.44.77.163/32` (version 1), in every policy of this guide\n");
        assertThat(output.read("mimecast-values.csv")).contains("delete_source_ip_range,").contains(",193.44.77.163/32\r\n");
    }

    @Test
    void givenWhatEarlierVersionsAllowedTheUpgradeNamesEachRangeToRemove() {
        // The render model's `earlier` (what the versions the rendered one supersedes allowed and it no longer does)
        // is filled by the generator where it knows the profile history; here the template is given it directly, as
        // version 1 -> 2 for azure would fill it.
        Map<String, String> files = TargetFiles.renderedAfterVersion1("mimecast");
        String guide = files.get("mimecast-guide.md");
        String csv = files.get("mimecast-values.csv");

        assertThat(guide).contains("this version (2) no longer does. Remove them:\n\n- Source IP Range `193.44.77.163/32` (version 1), in every policy of this guide\n");
        assertThat(csv).contains("delete_source_ip_range,\"Validity > Source IP Ranges of every policy named Netigate surveys (whitelist-gen) ..."
                + " (listed by profile version 1, not by this one)\",193.44.77.163/32\r\n");
    }

    @Test
    void theApiScriptIsADryRunThatPrintsEachRequestAndSendsNothing() throws IOException {
        output.generate("--server", "azure", "--domain", "customer.example");
        Path script = dir.resolve("mimecast-antispoofing-bypass.sh");
        assertThat(Files.readString(script)).doesNotContainPattern("[^\\x00-\\x7F]").startsWith("#!/bin/sh\n");

        // A port nothing listens on: a request would fail, so exit 0 shows that the dry run sent none.
        RealProgram.Result dry = RealProgram.run(Duration.ofSeconds(30), Map.of("MIMECAST_API", "http://127.0.0.1:9",
                "PATH", "/usr/bin:/bin"), dir, "sh", script.toString());
        assertThat(dry.exitCode()).as(dry.toString()).isZero();
        assertThat(dry.out()).startsWith("Dry run: nothing is sent.")
                .contains("POST http://127.0.0.1:9/api/policy/antispoofing-bypass/delete-policy  {\"data\":[{\"id\":\"ID\"}]}  for each policy"
                        + " listed whose description starts with 'Netigate surveys (whitelist-gen) '\n")
                .contains("POST http://127.0.0.1:9/api/policy/antispoofing-bypass/create-policy  " + createBody("customer.example") + "\n")
                .contains("POST http://127.0.0.1:9/api/policy/antispoofing-bypass/get-policy  {\"data\":[{\"id\":\"ID\"}]}  with the new policy's id")
                .contains("again: it must list each new policy");

        // Mimecast's regional API gateways are Mimecast's too (data residency); a look-alike host is not.
        for (String gateway : List.of("https://uk-api.services.mimecast.com", "https://us-api.services.mimecast.com")) {
            RealProgram.Result regional = RealProgram.run(Duration.ofSeconds(30), Map.of("MIMECAST_API", gateway, "PATH", "/usr/bin:/bin"),
                    dir, "sh", script.toString());
            assertThat(regional.exitCode()).as(regional.toString()).isZero();
            assertThat(regional.out()).contains("POST " + gateway + "/oauth/token");
        }
        for (String elsewhere : List.of("https://api.services.mimecast.com.example.net", "https://eu-api.services.mimecast.com",
                "http://api.services.mimecast.com", "http://127.0.0.1:80x", "http://127.0.0.1:")) {
            RealProgram.Result refused = RealProgram.run(Duration.ofSeconds(30), Map.of("MIMECAST_API", elsewhere,
                    "PATH", "/usr/bin:/bin"), dir, "sh", script.toString(), "--apply");
            assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(2);
            assertThat(refused.err()).contains("nothing sent");
        }
        RealProgram.Result noSecret = RealProgram.run(Duration.ofSeconds(30), Map.of("PATH", "/usr/bin:/bin"), dir, "sh", script.toString(), "--apply");
        assertThat(noSecret.exitCode()).as(noSecret.toString()).isEqualTo(2);
        assertThat(RealProgram.run(Duration.ofSeconds(30), Map.of("PATH", "/usr/bin:/bin"), dir, "sh", script.toString(), "--force").exitCode()).isEqualTo(2);
    }

    /** The request body the script sends for one of the customer's domains (Mimecast's create-policy fields). */
    private static String createBody(String domain) {
        return "{\"data\":[{\"option\":\"enable_bypass\",\"policy\":" + policyJson(domain) + "}]}";
    }

    private static String policyJson(String domain) {
        return "{\"description\":\"Netigate surveys (whitelist-gen) " + domain + "\","
                + "\"fromPart\":\"both\",\"from\":{\"type\":\"email_domain\",\"emailDomain\":\"" + domain + "\"},\"to\":{\"type\":\"internal_addresses\"},"
                + "\"fromEternal\":true,\"toEternal\":true,\"enabled\":true,\"enforced\":false,\"override\":false,\"bidirectional\":false,"
                + "\"conditions\":{\"spfDomains\":[\"_spf.netigate.se\"],\"sourceIPs\":[\"46.254.11.92/32\",\"86.107.243.139/32\",\"89.45.227.195/32\",\"89.45.227.221/32\"]}}";
    }

    /**
     * A loopback stand-in for Mimecast's API: it keeps the bypass policies (id to the policy's JSON), lists them (two
     * per page), deletes and creates as the reference describes, and records every request as "path authorization
     * body". {@code answer} may replace any answer (null: the faithful one); {@code stored} turns a created policy's
     * JSON into what the stand-in keeps.
     */
    private static final class FakeMimecast implements AutoCloseable {
        final Map<String, String> policies = new LinkedHashMap<>();
        final List<String> requests = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.function.BiFunction<String, String, String> answer = (path, body) -> null;
        java.util.function.UnaryOperator<String> stored = policy -> policy;
        private final HttpServer server;
        private int created;

        FakeMimecast() throws IOException {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/", exchange -> {
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                String path = exchange.getRequestURI().getPath();
                requests.add(path + " " + exchange.getRequestHeaders().getFirst("Authorization") + " " + body);
                String replaced = answer.apply(path, body);
                byte[] bytes = (replaced != null ? replaced : faithful(path, body)).getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(200, bytes.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(bytes);
                }
            });
            server.start();
        }

        String api() {
            return "http://127.0.0.1:" + server.getAddress().getPort();
        }

        private synchronized String faithful(String path, String body) {
            java.util.regex.Matcher id = java.util.regex.Pattern.compile("\"id\":\"([^\"]*)\"").matcher(body);
            String ok = "{\"fail\":[],\"meta\":{\"status\":200},\"data\":[";
            if (path.equals("/oauth/token")) {
                return "{\"access_token\":\"token-1\",\"expires_in\":1800}";
            }
            if (path.endsWith("/delete-policy") && id.find()) {
                String deleted = id.group(1);
                policies.keySet().removeIf(key -> key.replace("\\u003d", "=").equals(deleted));
                return ok + "{\"id\":\"" + id.group(1) + "\"}]}";
            }
            if (path.endsWith("/create-policy")) {
                String policy = stored.apply(body.substring(body.indexOf("\"policy\":") + 9, body.length() - 3));
                String newId = "created-" + ++created;
                policies.put(newId, policy);
                return ok + "{\"id\":\"" + newId + "\",\"option\":\"enable_bypass\",\"policy\":" + policy + "}]}";
            }
            if (path.endsWith("/get-policy") && id.find()) {
                return ok + "{\"id\":\"" + id.group(1) + "\",\"option\":\"enable_bypass\",\"policy\":[" + policies.get(id.group(1)) + "]}]}";
            }
            List<String> ids = new ArrayList<>(policies.keySet());
            int from = body.contains("pageToken") ? Integer.parseInt(body.replaceAll(".*\"pageToken\":\"page-(\\d+)\".*", "$1")) : 0;
            List<String> page = ids.subList(Math.min(from, ids.size()), Math.min(from + 2, ids.size()));
            String next = from + 2 < ids.size() ? ",\"pagination\":{\"next\":\"page-" + (from + 2) + "\"}" : "";
            return "{\"fail\":[],\"meta\":{\"status\":200" + next + "},\"data\":["
                    + String.join(",", page.stream().map(i -> "{\"id\":\"" + i + "\",\"option\":\"enable_bypass\",\"policy\":" + policies.get(i) + "}").toList())
                    + "]}";
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }

    private Map<String, String> apiEnvironment(FakeMimecast mimecast, String secret) throws IOException {
        // A ~/.curlrc asking for a trace and verbose output: the script must not read it (it would write the token out).
        Path home = Files.createDirectories(dir.resolve("home"));
        Files.writeString(home.resolve(".curlrc"), "verbose\ntrace-ascii = \"" + home.resolve("trace.txt") + "\"\n");
        return Map.of("MIMECAST_API", mimecast.api(), "MIMECAST_CLIENT_ID", "client-1", "MIMECAST_CLIENT_SECRET", secret,
                "PATH", "/usr/bin:/bin", "HOME", home.toString());
    }

    /**
     * Converge, with the real curl against the stand-in: the policies an earlier run made (by their narrative, on any
     * page, the policy as an object or as a list of one, an id written with a JSON escape) are deleted before the
     * current one is created and read back; the customer's policies are left alone, also one whose narrative merely
     * begins like ours; the secret never reaches curl's arguments, and curl's ~/.curlrc is not read. In dash (sh) and
     * bash.
     */
    @Test
    void appliedTheScriptDeletesWhatAnEarlierRunMadeThenCreatesTheCurrentPolicy() throws IOException {
        RealProgram.require("curl");
        output.generate("--server", "azure", "--domain", "customer.example");
        Path script = dir.resolve("mimecast-antispoofing-bypass.sh");
        try (FakeMimecast mimecast = new FakeMimecast()) {
            mimecast.policies.put("earlier", "{\"description\":\"Netigate surveys (whitelist-gen) customer.example\",\"from\":{\"attribute\":{\"id\":\"a\"}}}");
            mimecast.policies.put("payroll", "{\"description\":\"Payroll system\"}");
            mimecast.policies.put("look-alike", "{\"description\":\"Netigate surveys (whitelist-gen)-by hand\"}");
            mimecast.policies.put("v1\\u003d", "[{\"description\":\"Netigate surveys (whitelist-gen) old.example\",\"from\":{\"group\":{\"id\":\"g\"}}}]");
            Map<String, String> env = apiEnvironment(mimecast, "se\"cr\\et");

            RealProgram.Result applied = RealProgram.run(Duration.ofSeconds(60), env, dir, "sh", script.toString(), "--apply");
            assertThat(applied.exitCode()).as(applied.toString()).isZero();
            assertThat(mimecast.requests).containsExactly(
                    "/oauth/token null client_id=client-1&client_secret=se%22cr%5Cet&grant_type=client_credentials",
                    "/api/policy/antispoofing-bypass/get-policy Bearer token-1 {\"data\":[]}",
                    "/api/policy/antispoofing-bypass/get-policy Bearer token-1 {\"meta\":{\"pagination\":{\"pageToken\":\"page-2\"}},\"data\":[]}",
                    "/api/policy/antispoofing-bypass/delete-policy Bearer token-1 {\"data\":[{\"id\":\"earlier\"}]}",
                    "/api/policy/antispoofing-bypass/delete-policy Bearer token-1 {\"data\":[{\"id\":\"v1=\"}]}",
                    "/api/policy/antispoofing-bypass/create-policy Bearer token-1 " + createBody("customer.example"),
                    "/api/policy/antispoofing-bypass/get-policy Bearer token-1 {\"data\":[{\"id\":\"created-1\"}]}",
                    // Listed again: the new policy must be on the list a later run reads to delete it.
                    "/api/policy/antispoofing-bypass/get-policy Bearer token-1 {\"data\":[]}",
                    "/api/policy/antispoofing-bypass/get-policy Bearer token-1 {\"meta\":{\"pagination\":{\"pageToken\":\"page-2\"}},\"data\":[]}");
            assertThat(applied.out()).contains("Created the bypass policy 'Netigate surveys (whitelist-gen) customer.example' (id created-1), stored as sent.");
            assertThat(applied.err()).doesNotContain("Bearer").doesNotContain("token-1").doesNotContain("cr\\et");
            assertThat(dir.resolve("home/trace.txt")).doesNotExist();

            // Undo, in bash: the policy of the run before is deleted, nothing created, the customer's two untouched.
            mimecast.requests.clear();
            RealProgram.Result removed = RealProgram.run(Duration.ofSeconds(60), env, dir, "bash", script.toString(), "--apply", "--remove");
            assertThat(removed.exitCode()).as(removed.toString()).isZero();
            assertThat(mimecast.requests).noneMatch(r -> r.contains("create-policy"));
            assertThat(mimecast.policies).containsOnlyKeys("payroll", "look-alike");
        }
    }

    /** A policy Mimecast keeps wider than sent (here without its Source IP Ranges) is deleted again and the run fails. */
    @Test
    void aPolicyMimecastStoresOtherwiseThanSentIsDeletedAgain() throws IOException {
        RealProgram.require("curl");
        output.generate("--server", "azure", "--domain", "customer.example");
        try (FakeMimecast mimecast = new FakeMimecast()) {
            mimecast.stored = policy -> policy.replaceAll(",\"sourceIPs\":\\[[^\\]]*\\]", "");
            RealProgram.Result applied = RealProgram.run(Duration.ofSeconds(60), apiEnvironment(mimecast, "secret"), dir, "sh",
                    dir.resolve("mimecast-antispoofing-bypass.sh").toString(), "--apply");
            assertThat(applied.exitCode()).as(applied.toString()).isEqualTo(1);
            assertThat(applied.err()).contains("Mimecast stored the policy for customer.example otherwise than sent (sourceIPs), so it was deleted again");
            assertThat(mimecast.policies).isEmpty();
            assertThat(mimecast.requests.get(mimecast.requests.size() - 1)).endsWith("delete-policy Bearer token-1 {\"data\":[{\"id\":\"created-1\"}]}");
        }
    }

    /**
     * Answers the script does not understand, or failures Mimecast reports with HTTP 200, stop it before anything
     * more is sent: nothing is created after an unconfirmed deletion, a list without narratives or with an id that
     * could not be sent back deletes and creates nothing, a policy the list does not show afterwards (a later run could
     * not delete it) is deleted again, and a secret of two lines is refused before any request.
     */
    @Test
    void whatTheScriptCannotReadOrMimecastRefusesStopsIt() throws IOException {
        RealProgram.require("curl");
        output.generate("--server", "azure", "--domain", "customer.example");
        String script = dir.resolve("mimecast-antispoofing-bypass.sh").toString();
        record Case(String what, java.util.function.BiFunction<String, String, String> answer, int exit, String lastPath) { }
        List<Case> cases = List.of(
                new Case("list in another shape", (path, body) -> path.endsWith("/get-policy")
                        ? "{\"fail\":[],\"data\":[{\"id\":\"x\",\"item\":{\"narrative\":\"Netigate surveys (whitelist-gen) old.example\"}}]}" : null,
                        2, "/get-policy"),
                new Case("id that would be globbed", (path, body) -> path.endsWith("/get-policy")
                        ? "{\"fail\":[],\"data\":[{\"id\":\"* x\",\"policy\":{\"description\":\"Netigate surveys (whitelist-gen) old.example\"}}]}" : null,
                        2, "/get-policy"),
                new Case("deletion not confirmed", (path, body) -> path.endsWith("/get-policy")
                        ? "{\"fail\":[],\"data\":[{\"id\":\"old\",\"policy\":{\"description\":\"Netigate surveys (whitelist-gen) old.example\"}}]}"
                        : path.endsWith("/delete-policy") ? "{\"fail\":[],\"data\":[]}" : null,
                        1, "/delete-policy"),
                new Case("HTTP 200 with a fail entry", (path, body) -> path.endsWith("/create-policy")
                        ? "{\"meta\":{\"status\":200},\"data\":[],\"fail\":[{\"errors\":[{\"code\":\"err_validation\",\"message\":\"x\"}]}]}" : null,
                        1, "/create-policy"),
                new Case("list that does not show what was created", (path, body) -> path.endsWith("/get-policy") && !body.contains("\"id\"")
                        ? "{\"fail\":[],\"meta\":{\"status\":200},\"data\":[]}" : null,
                        1, "/delete-policy"),
                new Case("answer with trailing text", (path, body) -> path.endsWith("/get-policy") ? "{\"fail\":[],\"data\":[]} <html>" : null,
                        2, "/get-policy"));
        for (Case c : cases) {
            try (FakeMimecast mimecast = new FakeMimecast()) {
                mimecast.answer = c.answer();
                RealProgram.Result run = RealProgram.run(Duration.ofSeconds(60), apiEnvironment(mimecast, "secret"), dir, "sh", script, "--apply");
                assertThat(run.exitCode()).as(c.what() + ": " + run).isEqualTo(c.exit());
                assertThat(mimecast.requests.get(mimecast.requests.size() - 1)).as(c.what()).contains(c.lastPath() + " ");
                assertThat(mimecast.policies).as(c.what()).isEmpty();
            }
        }
        try (FakeMimecast mimecast = new FakeMimecast()) {
            RealProgram.Result twoLines = RealProgram.run(Duration.ofSeconds(60), apiEnvironment(mimecast, "secret\noutput = \"" + dir.resolve("out") + "\""),
                    dir, "sh", script, "--apply");
            assertThat(twoLines.exitCode()).as(twoLines.toString()).isEqualTo(2);
            assertThat(mimecast.requests).isEmpty();
        }
    }

    @Test
    void versionOneHasNoSpfIncludeSoTheScriptCreatesNothingAndTheGuideSaysSo() throws IOException {
        output.generate("--server", "azure", "--profile", "1", "--domain", "customer.example");
        assertThat(output.read("mimecast-guide.md")).contains("this profile version gives no SPF include for Netigate's server, so"
                + " `mimecast-antispoofing-bypass.sh` creates no policy").doesNotContain("Netigate's SPF include. Use it");
        RealProgram.Result dry = RealProgram.run(Duration.ofSeconds(30), Map.of("PATH", "/usr/bin:/bin"), dir, "sh",
                dir.resolve("mimecast-antispoofing-bypass.sh").toString());
        assertThat(dry.exitCode()).as(dry.toString()).isZero();
        assertThat(dry.out()).doesNotContain("create-policy").contains("no policy is created");
    }

    @Test
    void aBundleCarriesTheGuideInSwedishAndGerman() throws IOException {
        for (String lang : List.of("sv", "de")) {
            Path zip = dir.resolve("bundle-" + lang + ".zip");
            Cli.Result result = Cli.run("bundle", "--target", "mimecast", "--server", "dach", "--domain", "customer.example",
                    "--lang", lang, "--output", zip.toString());
            assertThat(result.exitCode()).as(result.toString()).isZero();
            String text = TargetFiles.fromBundle(zip, "mimecast-guide.md");
            assertThat(text).contains(lang.equals("sv") ? "enkät" : "Umfrage")
                    .contains(lang.equals("sv") ? "Steg 1: en policy under Permitted Senders" : "Schritt 1: eine Richtlinie unter Permitted Senders")
                    .contains("`89.45.227.221/32`").contains("**Take No Action**").doesNotContain("## Step 1")
                    .contains(lang.equals("sv") ? "Slutstatus 0: klart (eller torrkörning); 1: Mimecast avvisade ett anrop"
                            : "Exit-Status 0: erledigt (oder Probelauf); 1: Mimecast hat eine Anfrage abgelehnt");
        }
    }
}
