package dev.whitelistgen.web;

import static dev.whitelistgen.web.TestServer.get;
import static dev.whitelistgen.web.TestServer.text;
import static org.assertj.core.api.Assertions.assertThat;

import dev.whitelistgen.testing.Cli;
import dev.whitelistgen.testing.NamedServer;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * serve's "Which mail system does the customer have?" against a real BIND named given as serve's --dns-server: the
 * same answer as `whitelist-gen check mx` with the same --dns-server.
 */
class ServeMxLookupTest {

    static final String ZONE = "mxpage.example";
    /** Made-up customer parts under each vendor's real MX suffix (mx-systems.tsv), as CheckMxCommandTest has them. */
    static final String RECORDS = """
            cisco\tIN\tMX\t10 mx1.hc0000-00.iphmx.com.
            cisco\tIN\tMX\t20 mx2.hc0000-00.iphmx.com.
            m365\tIN\tMX\t0 mxpage-example.mail.protection.outlook.com.
            sophos\tIN\tMX\t10 mx-01-eu-central-1.prod.hydra.sophos.com.
            nomx\tIN\tA\t127.0.0.2
            """;

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static NamedServer named;
    private static WebServer server;
    private static HttpClient client;

    @BeforeAll
    static void start() throws IOException {
        named = NamedServer.start(Map.of(ZONE, NamedServer.zone(ZONE, RECORDS)));
        server = TestServer.start(named.address());
        client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    }

    @AfterAll
    static void stop() throws IOException {
        if (server != null) {
            server.close();
        }
        if (named != null) {
            named.close();
        }
    }

    private static Cli.Result checkMx(String name) {
        return Cli.run("check", "mx", "--domain", name, "--dns-server", named.address(), "--json");
    }

    @Test
    void theApiAnswersExactlyWhatCheckMxJsonPrints() {
        for (String name : new String[] {"cisco." + ZONE, "m365." + ZONE, "sophos." + ZONE, "nomx." + ZONE}) {
            HttpResponse<byte[]> response = get(client, server.url().resolve("/mx?domain=" + name), "application/json");

            assertThat(response.statusCode()).as(name).isEqualTo(200);
            assertThat(text(response)).as(name).isEqualTo(checkMx(name).out());
        }
    }

    @Test
    void aDomainThatDoesNotExistIsCheckMxsMessageOnTheDomainField() throws IOException {
        Cli.Result cli = checkMx("nosuch." + ZONE);
        HttpResponse<byte[]> response = get(client, server.url().resolve("/mx?domain=nosuch." + ZONE), "application/json");

        assertThat(cli.exitCode()).isEqualTo(6);
        assertThat(response.statusCode()).isEqualTo(502);
        JsonNode error = JSON.readTree(response.body()).get("errors").get(0);
        assertThat(error.get("field").asString()).isEqualTo("domain");
        assertThat("whitelist-gen: " + error.get("message").asString() + "\n").isEqualTo(cli.err());
    }

    @Test
    void thePageShowsTheFindingsWhereTheDnsCameFromAndALinkThatSelectsTheTargets() throws IOException {
        JsonNode cli = JSON.readTree(checkMx("cisco." + ZONE).out());
        String page = text(get(client, server.url().resolve("/mx?domain=cisco." + ZONE), "text/html"));

        assertThat(page).contains("<strong>" + html(cli.get("summary").asString()) + "</strong>");
        cli.get("findings").forEach(f -> assertThat(page).contains("<span class=\"level level-" + f.get("level").asString() + "\">"
                + f.get("level").asString() + "</span> " + html(f.get("text").asString())));
        // behind a gateway the link also ticks the mailbox systems (the MX cannot show which) and sets "Behind a gateway"
        assertThat(page).contains("id=\"mx-select\" href=\"/?target=cisco&amp;target=m365&amp;target=google&amp;behind=cisco\""
                        + " data-targets=\"cisco m365 google\" data-behind=\"cisco\"")
                .contains("<option value=\"cisco\" selected>")
                .contains("asks the DNS server " + named.address() + " for the domain's MX records")
                .contains("<code>whitelist-gen check mx --domain cisco." + ZONE + " --dns-server " + named.address() + "</code>")
                .contains("value=\"cisco." + ZONE + "\"");
    }

    private static String html(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;").replace("'", "&#39;");
    }

    /** Sophos: a gateway issue 29 does not plan a target for, so the row keeps "-" while other gateways get theirs. */
    @Test
    void aGatewayWithoutATargetGetsNoSelectLink() {
        String page = text(get(client, server.url().resolve("/mx?domain=sophos." + ZONE), "text/html"));

        assertThat(page).contains("Sophos Email").doesNotContain("id=\"mx-select\"");
    }
}
