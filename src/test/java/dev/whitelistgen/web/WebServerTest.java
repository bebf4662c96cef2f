package dev.whitelistgen.web;

import static dev.whitelistgen.web.TestServer.cliError;
import static dev.whitelistgen.web.TestServer.cliFiles;
import static dev.whitelistgen.web.TestServer.get;
import static dev.whitelistgen.web.TestServer.text;
import static org.assertj.core.api.Assertions.assertThat;

import dev.whitelistgen.testing.Cli;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** `serve` over HTTP: the CLI's bytes and messages, the JSON API, headers, limits, and many requests at once. */
class WebServerTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static WebServer server;
    private static HttpClient client;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static URI url(String pathAndQuery) {
        return server.url().resolve(pathAndQuery);
    }

    private static String q(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static Map<String, String> files(JsonNode generated) {
        Map<String, String> files = new LinkedHashMap<>();
        generated.get("files").forEach(f -> files.put(f.get("path").asString(), f.get("content").asString()));
        return files;
    }

    @Test
    void generateGivesExactlyTheFilesTheCliWrites() throws IOException {
        HttpResponse<byte[]> response = get(client, url("/generate?server=dach&target=postfix&domains=example.com"), "application/json");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json; charset=utf-8");
        JsonNode body = JSON.readTree(response.body());
        assertThat(files(body)).isEqualTo(cliFiles(dir, "--target", "postfix", "--server", "dach", "--domain", "example.com"));
        assertThat(body.get("command").asString()).isEqualTo("whitelist-gen --target postfix --server dach --profile 2 --domain example.com");
    }

    @Test
    void everyOptionReachesTheEngineAsTheCliFlagWould() throws IOException {
        String spf = "v=spf1 include:spf.protection.outlook.com -all";
        HttpResponse<byte[]> bind = get(client, url("/generate?server=azure&target=bind&domains=customer.example&existing_spf=" + q(spf)
                + "&spf_mode=ip&profile=2"), "application/json");
        HttpResponse<byte[]> m365 = get(client, url("/generate?server=dach&target=m365&ip_allow_list=on&profile=1"), "application/json");

        assertThat(files(JSON.readTree(bind.body()))).isEqualTo(cliFiles(dir.resolve("bind"), "--target", "bind", "--server", "azure",
                "--domain", "customer.example", "--existing-spf", spf, "--spf-mode", "ip", "--profile", "2"));
        assertThat(files(JSON.readTree(m365.body()))).isEqualTo(cliFiles(dir.resolve("m365"), "--target", "m365", "--server", "dach",
                "--ip-allow-list", "--profile", "1"));
    }

    @Test
    void dkimSignedOnThePageIsTheCliFlag() throws IOException {
        HttpResponse<byte[]> signed = get(client, url("/generate?server=dach&target=spamassassin&domains=customer.example&dkim_signed=on"),
                "application/json");
        HttpResponse<byte[]> unsigned = get(client, url("/generate?server=dach&target=spamassassin&domains=customer.example"),
                "application/json");

        JsonNode body = JSON.readTree(signed.body());
        assertThat(files(body)).isEqualTo(cliFiles(dir.resolve("signed"), "--target", "spamassassin", "--server", "dach",
                "--domain", "customer.example", "--dkim-signed"));
        assertThat(files(body)).isNotEqualTo(files(JSON.readTree(unsigned.body())));
        assertThat(body.get("command").asString())
                .isEqualTo("whitelist-gen --target spamassassin --server dach --profile 2 --domain customer.example --dkim-signed");
    }

    @Test
    void dkimSignedWithoutADomainIsRefusedOnItsField() throws IOException {
        Cli.Result cli = Cli.run("--target", "spamassassin", "--server", "dach", "--dkim-signed");
        HttpResponse<byte[]> response = get(client, url("/generate?server=dach&target=spamassassin&dkim_signed=on"), "application/json");

        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode error = JSON.readTree(response.body()).get("errors").get(0);
        assertThat(error.get("field").asString()).isEqualTo("dkim_signed");
        assertThat("whitelist-gen: " + error.get("message").asString() + "\n").isEqualTo(cli.err());
    }

    @Test
    void allWithoutADomainLeavesOutWhatNeedsOneAsTheCliDoes() throws IOException {
        HttpResponse<byte[]> response = get(client, url("/generate?server=dach&target=all"), "application/json");

        JsonNode body = JSON.readTree(response.body());
        assertThat(body.get("left_out").get(0).asString()).isEqualTo("bind");
        assertThat(body.get("left_out").size()).isEqualTo(1);
        assertThat(files(body)).isEqualTo(cliFiles(dir, "--target", "all", "--server", "dach"));
    }

    @Test
    void aLoginUrlPicksTheServerAsServerFromUrlDoes() throws IOException {
        HttpResponse<byte[]> response = get(client, url("/generate?server_url=" + q("https://www.netigate.se/Survey/Dashboard") + "&target=json"),
                "application/json");

        JsonNode body = JSON.readTree(response.body());
        assertThat(body.get("servers").get(0).asString()).isEqualTo("azure");
        assertThat(files(body)).isEqualTo(cliFiles(dir, "--target", "json", "--server-from-url", "https://www.netigate.se/Survey/Dashboard"));
    }

    @Test
    void badInputIs400WithTheCliMessageOnItsField() throws IOException {
        HttpResponse<byte[]> response = get(client, url("/generate?server=dach&target=postfix&domains=bad_domain&server_url=evil-ntgt.de"),
                "application/json");

        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode errors = JSON.readTree(response.body()).get("errors");
        assertThat(errors.size()).isEqualTo(2);
        assertThat(errors.get(0).get("field").asString()).isEqualTo("server");
        assertThat(errors.get(0).get("message").asString())
                .isEqualTo(cliError("--target", "postfix", "--server", "dach", "--server-from-url", "evil-ntgt.de"));
        assertThat(errors.get(1).get("field").asString()).isEqualTo("domains");
        assertThat(errors.get(1).get("message").asString())
                .isEqualTo(cliError("--target", "postfix", "--server", "dach", "--domain", "bad_domain"));
    }

    @Test
    void theHtmlPageShowsTheMessageNextToTheFieldEscaped() {
        HttpResponse<byte[]> response = get(client, url("/generate?server=dach&target=postfix&domains=" + q("<b>x</b>.example")), "text/html");

        assertThat(response.statusCode()).isEqualTo(400);
        String message = cliError("--target", "postfix", "--server", "dach", "--domain", "<b>x</b>.example");
        assertThat(message).startsWith("--domain: ");
        String onThePage = "Customer domains: " + message.substring("--domain: ".length());
        String escaped = onThePage.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("'", "&#39;");
        assertThat(text(response))
                .contains("<div class=\"errors\" id=\"err-domains\"><p class=\"error\">" + escaped + "</p></div>")
                .contains("<li><a href=\"#domains\">" + escaped + "</a></li>")
                .contains("id=\"domains\" name=\"domains\" rows=\"2\" spellcheck=\"false\" aria-invalid=\"true\"")
                .doesNotContain("<b>x</b>")
                .doesNotContain("id=\"results\" aria-live=\"polite\" aria-label=\"Generated files\">\n<h2>");
    }

    @Test
    void thePageNamesTheFieldWhereTheApiKeepsTheCliMessage() throws IOException {
        String query = "/generate?target=json&server_url=" + q("https://evil-ntgt.de/");
        String cli = cliError("--target", "json", "--server-from-url", "https://evil-ntgt.de/");
        HttpResponse<byte[]> page = get(client, url(query), "text/html");
        HttpResponse<byte[]> api = get(client, url(query), "application/json");

        assertThat(cli).startsWith("--server-from-url: ");
        String onThePage = ("Login URL: " + cli.substring("--server-from-url: ".length())).replace("'", "&#39;");
        assertThat(text(page)).contains("<p class=\"error\">" + onThePage + "</p>")
                .contains("<li><a href=\"#server_url\">" + onThePage + "</a></li>")
                .contains("<title>Error: Generate")
                .doesNotContain("--server-from-url: ");
        JsonNode error = JSON.readTree(api.body()).get("errors").get(0);
        assertThat(error.get("field").asString()).isEqualTo("server_url");
        assertThat(error.get("message").asString()).isEqualTo(cli);
    }

    @Test
    void everyBadDomainOfAFieldIsItsOwnMessage() throws IOException {
        HttpResponse<byte[]> response = get(client, url("/generate?server=dach&target=postfix&domains=" + q("kunde..example, bücher.de")),
                "application/json");

        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode errors = JSON.readTree(response.body()).get("errors");
        assertThat(errors.size()).isEqualTo(2);
        assertThat(errors.get(0).get("field").asString()).isEqualTo("domains");
        assertThat(errors.get(0).get("message").asString()).isEqualTo(cliError("--target", "postfix", "--server", "dach", "--domain", "kunde..example"));
        assertThat(errors.get(1).get("field").asString()).isEqualTo("domains");
        assertThat(errors.get(1).get("message").asString()).isEqualTo(cliError("--target", "postfix", "--server", "dach", "--domain", "bücher.de"));
    }

    @Test
    void severalTargetsAreOneRequestAsTheCliTakesThem() throws IOException {
        HttpResponse<byte[]> response = get(client, url("/generate?server=dach&target=postfix&target=bind&domains=customer.example"),
                "application/json");

        JsonNode body = JSON.readTree(response.body());
        assertThat(files(body)).isEqualTo(cliFiles(dir, "--target", "postfix", "--target", "bind", "--server", "dach",
                "--domain", "customer.example"));
        assertThat(body.get("command").asString()).isEqualTo(
                "whitelist-gen --target bind --target postfix --server dach --profile 2 --domain customer.example");
    }

    @Test
    void theCatalogSaysWhatEachTargetIsForInPlainWords() throws IOException {
        JsonNode targets = JSON.readTree(get(client, url("/"), "application/json").body()).get("targets");

        assertThat(targets.size()).isGreaterThanOrEqualTo(10);
        targets.forEach(t -> assertThat(t.get("purpose").asString()).as(t.get("name").asString())
                .startsWith("For a customer").doesNotContain("--").doesNotContain("acl_").doesNotContain("stanza")
                .isNotEqualTo(t.get("description").asString()));
    }

    @Test
    void theLanguageMenuNamesEachLanguageInItsOwnWords() {
        String page = text(get(client, url("/"), "text/html"));

        assertThat(page).contains("<option value=\"de\" lang=\"de\">Deutsch</option>")
                .contains("<option value=\"en\" lang=\"en\" selected>English</option>")
                .contains("<option value=\"sv\" lang=\"sv\">Svenska</option>");
    }

    @Test
    void theMxLookupRefusesABadDomainOnItsFieldAsCheckMxDoes() throws IOException {
        Cli.Result cli = Cli.run("check", "mx", "--domain", "x..y");
        HttpResponse<byte[]> api = get(client, url("/mx?domain=x..y"), "application/json");
        HttpResponse<byte[]> page = get(client, url("/mx?domain=x..y"), "text/html");

        assertThat(cli.exitCode()).isEqualTo(3);
        assertThat(api.statusCode()).isEqualTo(400);
        JsonNode error = JSON.readTree(api.body()).get("errors").get(0);
        assertThat(error.get("field").asString()).isEqualTo("domain");
        assertThat("whitelist-gen: " + error.get("message").asString() + "\n").isEqualTo(cli.err());
        assertThat(text(page)).contains("<p class=\"error\">Customer&#39;s mail domain: &#39;x..y&#39; has an empty label</p>")
                .contains("<a href=\"#mx-domain\">");
    }

    /** A DNS server that never answers: the page answers within the lookup's bound, with check mx's message. */
    @Test
    void theMxLookupWaitsForASilentDnsServerOnlyAsLongAsItsTimeout() throws Exception {
        try (DatagramSocket silent = new DatagramSocket(0, InetAddress.getLoopbackAddress());
             WebServer pointed = TestServer.start("127.0.0.1:" + silent.getLocalPort())) {
            long start = System.nanoTime();
            HttpResponse<byte[]> response = get(client, pointed.url().resolve("/mx?domain=customer.example"), "application/json");
            Duration took = Duration.ofNanos(System.nanoTime() - start);

            assertThat(response.statusCode()).isEqualTo(502);
            assertThat(JSON.readTree(response.body()).get("errors").get(0).get("message").asString())
                    .startsWith("check mx: cannot look up the MX records of customer.example: no answer from DNS server 127.0.0.1:"
                            + silent.getLocalPort());
            assertThat(took).isGreaterThanOrEqualTo(WebApp.MX_TIMEOUT).isLessThan(WebApp.MX_TIMEOUT.multipliedBy(3));
        }
    }

    /** Lookups that wait on DNS hold at most MX_AT_ONCE workers; more get 503 at once, and generating still answers. */
    @Test
    void mxLookupsWaitingOnDnsNeverTakeEveryWorker() throws Exception {
        try (DatagramSocket silent = new DatagramSocket(0, InetAddress.getLoopbackAddress());
             WebServer pointed = TestServer.start("127.0.0.1:" + silent.getLocalPort())) {
            List<java.util.concurrent.CompletableFuture<HttpResponse<byte[]>>> lookups = new ArrayList<>();
            for (int i = 0; i < WebApp.MX_AT_ONCE + 4; i++) {
                lookups.add(client.sendAsync(HttpRequest.newBuilder(pointed.url().resolve("/mx?domain=customer" + i + ".example"))
                        .header("Accept", "application/json").build(), HttpResponse.BodyHandlers.ofByteArray()));
            }
            long start = System.nanoTime();
            HttpResponse<byte[]> generate = get(client, pointed.url().resolve("/generate?server=dach&target=json"), "application/json");
            Duration took = Duration.ofNanos(System.nanoTime() - start);

            assertThat(generate.statusCode()).isEqualTo(200);
            assertThat(took).isLessThan(WebApp.MX_TIMEOUT);
            List<Integer> statuses = new ArrayList<>();
            for (var lookup : lookups) {
                HttpResponse<byte[]> answer = lookup.get(30, TimeUnit.SECONDS);
                statuses.add(answer.statusCode());
                if (answer.statusCode() == 503) {
                    assertThat(text(answer)).contains("already looking up " + WebApp.MX_AT_ONCE + " domains");
                }
            }
            assertThat(statuses).containsOnly(502, 503).filteredOn(status -> status == 502).hasSizeLessThanOrEqualTo(WebApp.MX_AT_ONCE);
            assertThat(statuses).contains(503);
        }
    }

    @Test
    void anOptionTheTargetLacksIsRefusedOnItsField() throws IOException {
        Cli.Result cli = Cli.run("--target", "postfix", "--server", "dach", "--profile", "2", "--ip-allow-list");
        HttpResponse<byte[]> response = get(client, url("/generate?server=dach&target=postfix&ip_allow_list=on"), "application/json");

        assertThat(cli.exitCode()).isEqualTo(2);
        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode error = JSON.readTree(response.body()).get("errors").get(0);
        assertThat(error.get("field").asString()).isEqualTo("ip_allow_list");
        assertThat("whitelist-gen: " + error.get("message").asString() + "\n").isEqualTo(cli.err());
    }

    @Test
    void theBundleIsByteIdenticalToTheCliBundle() throws IOException {
        String spf = "v=spf1 mx -all";
        HttpResponse<byte[]> response = get(client, url("/bundle?server=dach&target=bind&target=postfix&lang=sv&domains=customer.example"
                + "&existing_spf=" + q(spf)), "text/html");
        HttpResponse<byte[]> every = get(client, url("/bundle?server_url=" + q("ntgt.de") + "&target=all"), "text/html");
        Path zip = dir.resolve("ticket.zip");
        Path everyZip = dir.resolve("every.zip");
        assertThat(Cli.run("bundle", "--server", "dach", "--target", "bind,postfix", "--lang", "sv", "--domain", "customer.example",
                "--existing-spf", spf, "--output", zip.toString()).exitCode()).isZero();
        assertThat(Cli.run("bundle", "--server-from-url", "ntgt.de", "--output", everyZip.toString()).exitCode()).isZero();

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/zip");
        assertThat(response.headers().firstValue("Content-Disposition")).hasValue("attachment; filename=\"netigate-dach-sv.zip\"");
        assertThat(response.body()).isEqualTo(Files.readAllBytes(zip));
        assertThat(every.body()).isEqualTo(Files.readAllBytes(everyZip));
    }

    /** Issue 29: "Behind a gateway" on the page is --behind, for the bundle as for the files. */
    @Test
    void aGatewayCustomersBundleAndFilesAreTheCliOnes() throws IOException {
        HttpResponse<byte[]> bundle = get(client, url("/bundle?server=dach&behind=mimecast&domains=customer.example&lang=de"), "text/html");
        HttpResponse<byte[]> generated = get(client, url("/generate?server=dach&target=m365&target=mimecast&behind=mimecast"), "application/json");
        Path zip = dir.resolve("ticket.zip");
        assertThat(Cli.run("bundle", "--server", "dach", "--behind", "mimecast", "--domain", "customer.example", "--lang", "de",
                "--output", zip.toString()).exitCode()).isZero();

        assertThat(bundle.statusCode()).isEqualTo(200);
        assertThat(bundle.body()).isEqualTo(Files.readAllBytes(zip));
        JsonNode body = JSON.readTree(generated.body());
        assertThat(files(body)).isEqualTo(cliFiles(dir.resolve("files"), "--target", "m365,mimecast", "--server", "dach", "--behind", "mimecast"));
        assertThat(body.get("command").asString()).isEqualTo("whitelist-gen --target m365 --target mimecast --server dach --profile 2 --behind mimecast");
        assertThat(JSON.readTree(get(client, url("/"), "application/json").body()).get("gateways").toString())
                .isEqualTo("[\"hornetsecurity\",\"mimecast\",\"proofpoint\",\"barracuda\",\"cisco\",\"other\"]");
    }

    @Test
    void aGatewayTheCliRefusesIsRefusedOnItsFieldWithTheCliMessage() throws IOException {
        Cli.Result unknown = Cli.run("bundle", "--server", "dach", "--behind", "sophos", "--output", dir.resolve("x.zip").toString());
        Cli.Result twoGateways = Cli.run("bundle", "--server", "dach", "--behind", "cisco", "--target", "mimecast", "--output",
                dir.resolve("y.zip").toString());
        HttpResponse<byte[]> first = get(client, url("/bundle?server=dach&behind=sophos"), "application/json");
        HttpResponse<byte[]> second = get(client, url("/bundle?server=dach&behind=cisco&target=mimecast"), "application/json");
        String page = text(get(client, url("/bundle?server=dach&behind=cisco&target=mimecast"), "text/html"));

        for (var pair : List.of(Map.entry(unknown, first), Map.entry(twoGateways, second))) {
            assertThat(pair.getKey().exitCode()).isEqualTo(2);
            assertThat(pair.getValue().statusCode()).isEqualTo(400);
            assertThat(pair.getValue().headers().firstValue("Content-Disposition")).isEmpty();
            JsonNode error = JSON.readTree(pair.getValue().body()).get("errors").get(0);
            assertThat(error.get("field").asString()).isEqualTo("behind");
            assertThat("whitelist-gen: " + error.get("message").asString() + "\n").isEqualTo(pair.getKey().err());
        }
        assertThat(page).contains("Behind a gateway: the mail passes cisco first, but “Mail system” names mimecast",
                "name mimecast with “Behind a gateway”, or leave it out");
    }

    @Test
    void theBundleRefusesAnOptionTheCliBundleLacks() throws IOException {
        HttpResponse<byte[]> response = get(client, url("/bundle?server=dach&target=m365&ip_allow_list=on"), "application/json");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Disposition")).isEmpty();
        assertThat(JSON.readTree(response.body()).get("errors").get(0).get("field").asString()).isEqualTo("ip_allow_list");
    }

    @Test
    void aSingleFileDownloadsAsAnAttachmentOfItsType() throws IOException {
        Map<String, String> cli = cliFiles(dir, "--target", "google", "--server", "azure");
        HttpResponse<byte[]> csv = get(client, url("/download?server=azure&target=google&file=google-workspace-values.csv"), "*/*");
        HttpResponse<byte[]> script = get(client, url("/download?server=azure&target=google&file=verify-allowlist.sh"), "*/*");
        HttpResponse<byte[]> missing = get(client, url("/download?server=azure&target=google&file=" + q("../../etc/passwd")), "*/*");

        assertThat(csv.headers().firstValue("Content-Type")).hasValue("text/csv; charset=utf-8");
        assertThat(csv.headers().firstValue("Content-Disposition")).hasValue("attachment; filename=\"google-workspace-values.csv\"");
        assertThat(text(csv)).isEqualTo(cli.get("google-workspace-values.csv"));
        assertThat(script.headers().firstValue("Content-Type")).hasValue("text/plain; charset=utf-8");
        assertThat(text(script)).isEqualTo(cli.get("verify-allowlist.sh"));
        assertThat(missing.statusCode()).isEqualTo(404);
    }

    @Test
    void versionsGiveTheProfilesAndTheCliDiff() throws IOException {
        HttpResponse<byte[]> json = get(client, url("/versions?from=1&to=2&target=postfix&server=dach"), "application/json");
        HttpResponse<byte[]> html = get(client, url("/versions?from=1&to=2&target=postfix&server=dach"), "text/html");
        HttpResponse<byte[]> list = get(client, url("/versions"), "application/json");
        Cli.Result cliJson = Cli.run("diff", "--from", "1", "--to", "2", "--target", "postfix", "--server", "dach", "--json");
        Cli.Result cliText = Cli.run("diff", "--from", "1", "--to", "2", "--target", "postfix", "--server", "dach");

        assertThat(cliJson.exitCode()).isEqualTo(1);
        assertThat(text(json)).isEqualTo(cliJson.out());
        String page = text(html).replaceAll("<span[^>]*>", "").replace("</span>", "");
        String unescaped = page.replace("&gt;", ">").replace("&lt;", "<").replace("&quot;", "\"").replace("&#39;", "'").replace("&amp;", "&");
        assertThat(unescaped).contains(cliText.out());
        JsonNode profiles = JSON.readTree(list.body()).get("profiles");
        assertThat(profiles.size()).isEqualTo(2);
        assertThat(profiles.get(1).get("status").asString()).isEqualTo("current");
    }

    @Test
    void aProfileIsAVersionNeverAFilePath() throws IOException {
        HttpResponse<byte[]> generate = get(client, url("/generate?server=dach&target=json&profile=" + q("/etc/hostname")), "application/json");
        HttpResponse<byte[]> diff = get(client, url("/versions?from=" + q("profiles/netigate/v1.yaml")), "application/json");

        assertThat(generate.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(generate.body()).get("errors").get(0).get("message").asString())
                .isEqualTo("--profile: unknown version '/etc/hostname'; known versions: 1, 2");
        assertThat(diff.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(diff.body()).get("errors").get(0).get("field").asString()).isEqualTo("from");
    }

    @Test
    void everyAnswerCarriesTheStrictHeaders() {
        for (String path : List.of("/", "/generate?server=dach&target=postfix", "/generate?target=postfix", "/versions", "/static/app.js",
                "/nowhere", "/bundle?server=dach&target=json", "/mx?domain=x..y")) {
            HttpResponse<byte[]> response = get(client, url(path), "text/html");
            assertThat(response.headers().firstValue("Content-Security-Policy")).as(path)
                    .hasValue("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self';"
                            + " form-action 'self'; base-uri 'none'; frame-ancestors 'none'");
            assertThat(response.headers().firstValue("X-Content-Type-Options")).as(path).hasValue("nosniff");
            assertThat(response.headers().firstValue("Cache-Control")).as(path).hasValue("no-store");
        }
    }

    @Test
    void noPageHasInlineScriptOrStyle() {
        for (String path : List.of("/", "/generate?server=dach&target=postfix", "/versions?from=1", "/mx?domain=x..y")) {
            String page = text(get(client, url(path), "text/html"));
            assertThat(page).as(path).containsOnlyOnce("<script").contains("<script src=\"/static/app.js\" defer></script>")
                    .doesNotContain("<style").doesNotContain(" style=").doesNotContainPattern(" on[a-z]+=");
        }
    }

    @Test
    void requestsOverTheLimitsAreRefused() throws Exception {
        String tooMany = "domains=a.example&".repeat(Form.MAX_FIELDS + 1);
        HttpResponse<byte[]> fields = get(client, url("/generate?" + tooMany), "text/html");
        HttpResponse<byte[]> unknown = get(client, url("/generate?domian=a.example"), "text/html");
        HttpResponse<byte[]> query = get(client, url("/generate?domains=" + "a".repeat(WebApp.MAX_QUERY_BYTES)), "text/html");
        HttpResponse<byte[]> body = client.send(HttpRequest.newBuilder(url("/generate"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("domains=" + "a".repeat(WebApp.MAX_BODY_BYTES))).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        HttpResponse<byte[]> method = client.send(HttpRequest.newBuilder(url("/versions")).DELETE().build(), HttpResponse.BodyHandlers.ofByteArray());

        assertThat(fields.statusCode()).isEqualTo(400);
        assertThat(text(fields)).startsWith("too many fields");
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(text(unknown)).startsWith("unknown field 'domian'");
        assertThat(query.statusCode()).isEqualTo(414);
        assertThat(body.statusCode()).isEqualTo(413);
        assertThat(method.statusCode()).isEqualTo(405);
    }

    @Test
    void aPostedFormWorksLikeTheQueryString() throws Exception {
        HttpResponse<byte[]> posted = client.send(HttpRequest.newBuilder(url("/generate"))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("server=dach&target=exim&domains=a.example%0Ab.example")).build(),
                HttpResponse.BodyHandlers.ofByteArray());

        assertThat(files(JSON.readTree(posted.body())))
                .isEqualTo(cliFiles(dir, "--target", "exim", "--server", "dach", "--domain", "a.example", "--domain", "b.example"));
    }

    /** 200 requests for mixed targets and servers on a bounded pool: every answer is exactly the CLI's bytes. */
    @Test
    void twoHundredConcurrentRequestsGiveExactlyTheCliBytes() throws Exception {
        List<String[]> cases = List.of(new String[] {"postfix", "dach"}, new String[] {"m365", "azure"}, new String[] {"exim", "azure"},
                new String[] {"rspamd", "dach"}, new String[] {"spamassassin", "azure"}, new String[] {"google", "dach"},
                new String[] {"json", "azure"}, new String[] {"exchange", "dach"}, new String[] {"bind", "dach"});
        Map<String, Map<String, String>> expected = new LinkedHashMap<>();
        for (String[] c : cases) {
            expected.put(c[0] + "/" + c[1], cliFiles(dir.resolve(c[0] + "-" + c[1]), "--target", c[0], "--server", c[1],
                    "--domain", "customer.example"));
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<String>> answers = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                String[] c = cases.get(i % cases.size());
                answers.add(pool.submit(() -> {
                    HttpResponse<byte[]> response = get(client, url("/generate?target=" + c[0] + "&server=" + c[1]
                            + "&domains=customer.example"), "application/json");
                    assertThat(response.statusCode()).isEqualTo(200);
                    assertThat(files(JSON.readTree(response.body()))).as(c[0] + "/" + c[1]).isEqualTo(expected.get(c[0] + "/" + c[1]));
                    return c[0];
                }));
            }
            for (Future<String> answer : answers) {
                answer.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
