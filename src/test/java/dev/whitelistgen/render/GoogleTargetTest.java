package dev.whitelistgen.render;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.whitelistgen.testing.Cli;
import dev.whitelistgen.testing.RealProgram;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The google target: guide, CSV and the read-only check, which runs for real (sh, curl) against a loopback stand-in for the Policy API. */
class GoogleTargetTest {

    static final String V2_IPS = "46.254.11.92,86.107.243.139,89.45.227.195,89.45.227.221";

    private static Path generate(Path dir, String... extra) {
        List<String> args = new ArrayList<>(List.of("--target", "google", "--output", dir.toString()));
        args.addAll(List.of(extra));
        Cli.Result result = Cli.run(args.toArray(String[]::new));
        assertThat(result.exitCode()).as(result.toString()).isZero();
        return dir;
    }

    @Test
    void theGuideGivesPasteReadyValuesForBothProfileVersions(@TempDir Path dir) throws IOException {
        String v2 = Files.readString(generate(dir.resolve("v2"), "--server", "azure").resolve("google-workspace-guide.md"));
        assertThat(v2).contains("   " + V2_IPS + "\n", "   - `netigate.se`", "**Require sender authentication**",
                "top-level", "24 hours", "https://support.google.com/a/answer/60751").doesNotContain("Scenario 2");
        String v1 = Files.readString(generate(dir.resolve("v1"), "--server", "dach", "--profile", "1", "--domain", "example.com")
                .resolve("google-workspace-guide.md"));
        assertThat(v1).contains("   178.77.90.228\n", "   - `ntgt.de`", "## 3. Scenario 2: surveys sent with your own domain (example.com)",
                "whitelist-gen --target bind --server dach --domain example.com");
    }

    @Test
    void theCsvHoldsTheSameValuesWithCrlf(@TempDir Path dir) throws IOException {
        String csv = Files.readString(generate(dir, "--server", "azure").resolve("google-workspace-values.csv"));
        assertThat(csv).isEqualTo("setting,admin_console_path,organisational_unit,value,option\r\n"
                + "approved_senders,\"Apps > Google Workspace > Gmail > Spam, Phishing and Malware > Spam > Approved senders list:"
                + " Netigate survey mail (whitelist-gen, azure)\",top-level,netigate.se,require sender authentication\r\n"
                + "email_allowlist,\"Apps > Google Workspace > Gmail > Spam, Phishing and Malware > Email allowlist\",top-level,\""
                + V2_IPS + "\",add to existing entries\r\n");
    }

    @Test
    void theCheckReadsTheAllowlistAndNamesMissingIps(@TempDir Path dir) throws IOException {
        RealProgram.require("curl");
        Path script = generate(dir, "--server", "azure").resolve("verify-allowlist.sh");
        AtomicReference<String> body = new AtomicReference<>();
        AtomicReference<String> request = new AtomicReference<>();
        AtomicReference<Integer> status = new AtomicReference<>(200);
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            request.set(exchange.getRequestMethod() + " " + exchange.getRequestURI() + " " + exchange.getRequestHeaders().getFirst("Authorization"));
            byte[] bytes = body.get().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status.get(), bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        server.start();
        try {
            Map<String, String> env = Map.of("GOOGLE_ACCESS_TOKEN", "test-token",
                    "CLOUD_IDENTITY_API", "http://127.0.0.1:" + server.getAddress().getPort(), "PATH", "/usr/bin:/bin");
            body.set(policy("\"89.45.227.221\", \"46.254.11.92\",\"86.107.243.139\",\"89.45.227.195\",\"203.0.113.0/24\""));
            RealProgram.Result all = RealProgram.run(Duration.ofSeconds(30), env, dir, "sh", script.toString());
            assertThat(all.exitCode()).as(all.toString()).isZero();
            assertThat(all.out()).contains("  203.0.113.0/24\n", "  89.45.227.221\n", "All Netigate IPs are listed");
            assertThat(request.get()).startsWith("GET /v1/policies?filter=setting.type.matches")
                    .contains("email_spam_filter_ip_allowlist").endsWith(" Bearer test-token");

            body.set(policy("\"89.45.227.221\""));
            RealProgram.Result missing = RealProgram.run(Duration.ofSeconds(30), env, dir, "sh", script.toString());
            assertThat(missing.exitCode()).as(missing.toString()).isEqualTo(1);
            assertThat(missing.out()).contains("Missing Netigate IPs: 46.254.11.92 86.107.243.139 89.45.227.195");

            status.set(403);
            body.set("{\"error\":{\"code\":403}}");
            RealProgram.Result denied = RealProgram.run(Duration.ofSeconds(30), env, dir, "sh", script.toString());
            assertThat(denied.exitCode()).as(denied.toString()).isEqualTo(2);
            assertThat(denied.err()).contains("the Policy API call failed");
        } finally {
            server.stop(0);
        }
    }

    private static String policy(String addresses) {
        return "{\"policies\":[{\"name\":\"policies/akj1\",\"customer\":\"customers/C0abc\",\"policyQuery\":{\"orgUnit\":\"orgUnits/03ph\","
                + "\"sortOrder\":1},\"setting\":{\"type\":\"settings/gmail.email_spam_filter_ip_allowlist\",\"value\":{\"allowedIpAddresses\":["
                + addresses + "]}},\"type\":\"ADMIN\"}]}";
    }
}
