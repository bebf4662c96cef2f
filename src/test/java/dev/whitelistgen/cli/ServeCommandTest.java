package dev.whitelistgen.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.whitelistgen.testing.Cli;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `whitelist-gen serve` as a user starts it: in its own JVM, stopped by a signal as Ctrl-C stops it. */
class ServeCommandTest {

    @TempDir
    Path dir;

    /** Standard error goes to a file: destroy() closes the process's pipes. */
    private Process serve(String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), WhitelistGen.class.getName(), "serve"));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectError(dir.resolve("err.txt").toFile()).start();
    }

    @Test
    void printsItsLoopbackUrlServesThePageAndStopsCleanlyOnASignal() throws Exception {
        Process process = serve("--port", "0");
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            String line = out.readLine();
            Matcher url = Pattern.compile("whitelist-gen serve: (http://127\\.0\\.0\\.1:\\d+/) \\(Ctrl-C stops it\\)").matcher(line);
            assertThat(url.matches()).as(line).isTrue();

            HttpResponse<String> page = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url.group(1))).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.body()).contains("<form id=\"generate\" action=\"/generate\" method=\"get\"");

            process.destroy(); // SIGTERM: the same shutdown hook as Ctrl-C's SIGINT
            assertThat(process.waitFor(20, TimeUnit.SECONDS)).isTrue();
            assertThat(process.exitValue()).isEqualTo(143);
            String err = Files.readString(dir.resolve("err.txt"));
            assertThat(err).isEqualTo("whitelist-gen: serve stopped\n");
        } finally {
            process.destroyForcibly();
        }
    }

    /** The URL serve prints on its first line. */
    private static URI url(Process process) throws IOException {
        String line = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)).readLine();
        Matcher url = Pattern.compile("whitelist-gen serve: (http://127\\.0\\.0\\.1:\\d+/) \\(Ctrl-C stops it\\)").matcher(String.valueOf(line));
        assertThat(url.matches()).as(line).isTrue();
        return URI.create(url.group(1));
    }

    /**
     * 200 slow clients, ten loopback addresses with 20 each (under the bound per address): half trickle header lines,
     * half POST a body one byte at a time. Each keeps its connection open; a normal request still answers well within
     * their 10 s header deadline (under 5 s), every round. (The JDK server read requests on its four workers, so four such clients stopped it.)
     */
    @Test
    void twoHundredSlowClientsDoNotHoldUpANormalRequest() throws Exception {
        Process process = serve("--port", "0");
        List<Socket> slow = new ArrayList<>();
        try {
            URI base = url(process);
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            HttpRequest normal = HttpRequest.newBuilder(base.resolve("/generate?server=dach&target=postfix"))
                    .header("Accept", "application/json").timeout(Duration.ofSeconds(30)).build();
            String expected = client.send(normal, HttpResponse.BodyHandlers.ofString()).body(); // warms the server up
            assertThat(expected).contains("\"path\": \"main.cf.snippet\"");

            long firstBytesFrom = System.nanoTime();
            for (int i = 0; i < 200; i++) {
                Socket socket = new Socket();
                socket.bind(new InetSocketAddress("127.0.0." + (2 + i / 20), 0));
                socket.connect(new InetSocketAddress("127.0.0.1", base.getPort()), 5_000);
                String start = i % 2 == 0
                        ? "GET /generate?server=dach&target=postfix HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                        : "POST /generate HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                                + "Content-Length: 1000\r\n\r\nx";
                socket.getOutputStream().write(start.getBytes(StandardCharsets.US_ASCII));
                slow.add(socket);
            }
            for (int round = 0; round < 3; round++) {
                for (int i = 0; i < slow.size(); i++) {
                    slow.get(i).getOutputStream().write((i % 2 == 0 ? "X-Slow-" + round + ": 1\r\n" : "x").getBytes(StandardCharsets.US_ASCII));
                }
                long start = System.nanoTime();
                HttpResponse<String> answer = client.send(normal, HttpResponse.BodyHandlers.ofString());
                Duration took = Duration.ofNanos(System.nanoTime() - start);

                assertThat(answer.statusCode()).isEqualTo(200);
                assertThat(answer.body()).isEqualTo(expected);
                // held up, it would wait for a slow client's 10 s header deadline; 5 s leaves a loaded CI machine room
                assertThat(took).as("round " + round).isLessThan(Duration.ofSeconds(5));
                assertStillHeld(slow, firstBytesFrom);
                Thread.sleep(300);
            }
        } finally {
            for (Socket socket : slow) {
                socket.close();
            }
            process.destroyForcibly();
        }
    }

    /**
     * No slow client was answered or turned away. Rounds slowed by a loaded machine can together pass the clients' own
     * 10 s deadline (each round may take up to 5 s): from then on a 408 is right, and it is the only answer allowed.
     */
    private static void assertStillHeld(List<Socket> slow, long firstBytesFrom) throws IOException {
        Duration sinceFirstBytes = Duration.ofNanos(System.nanoTime() - firstBytesFrom);
        for (Socket socket : slow) {
            int waiting = socket.getInputStream().available();
            if (waiting > 0) {
                String answer = new String(socket.getInputStream().readNBytes(waiting), StandardCharsets.ISO_8859_1);
                assertThat(answer).as("a slow client was answered or turned away").startsWith("HTTP/1.1 408 ");
                assertThat(sinceFirstBytes).as("a 408 before the 10 s deadline: " + answer).isGreaterThanOrEqualTo(Duration.ofSeconds(10));
            }
        }
    }

    @Test
    void aPortInUseIsSaidSoWithItsOwnExitCode() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Cli.Result result = Cli.run("serve", "--port", Integer.toString(taken.getLocalPort()));

            assertThat(result.exitCode()).isEqualTo(8);
            assertThat(result.err()).isEqualTo("whitelist-gen: --port: port " + taken.getLocalPort() + " on 127.0.0.1 is in use"
                    + " (another serve, or another program); stop it or pick another port\n");
        }
    }

    @Test
    void aPublicHostIsANameWithoutSchemeOrPort() {
        Cli.Result url = Cli.run("serve", "--public-host", "https://whitelist.example.com/");
        Cli.Result port = Cli.run("serve", "--public-host", "whitelist.example.com:443");

        assertThat(url.exitCode()).isEqualTo(2);
        assertThat(url.err()).startsWith("whitelist-gen: --public-host: 'https://whitelist.example.com/' is not a host name;");
        assertThat(port.exitCode()).isEqualTo(2);
    }

    @Test
    void anAddressOtherThanLoopbackIsWarnedAbout() throws Exception {
        // 192.0.2.1 (documentation range) is no address of this machine: the warning comes first, then binding fails,
        // so no test listens anywhere but on loopback
        Process process = serve("--port", "0", "--bind", "192.0.2.1");
        try {
            assertThat(process.waitFor(20, TimeUnit.SECONDS)).isTrue();
            String err = Files.readString(dir.resolve("err.txt"));
            assertThat(err.lines().toList()).hasSize(2);
            assertThat(err.lines().findFirst().orElseThrow()).isEqualTo("whitelist-gen: warning: serving on 192.0.2.1, not loopback:"
                    + " the page has no login, so everyone who can reach this address can use it");
            assertThat(err.lines().skip(1).findFirst().orElseThrow()).startsWith("whitelist-gen: --port: cannot listen on /192.0.2.1:0");
            assertThat(process.exitValue()).isEqualTo(5);
        } finally {
            process.destroyForcibly();
        }
    }

    @Test
    void aBadPortOrAddressIsAUsageError() {
        Cli.Result port = Cli.run("serve", "--port", "70000");
        Cli.Result bind = Cli.run("serve", "--bind", "no such host.invalid");

        assertThat(port.exitCode()).isEqualTo(2);
        assertThat(port.err()).isEqualTo("whitelist-gen: --port: expected 0 to 65535, got 70000\n");
        assertThat(bind.exitCode()).isEqualTo(2);
        assertThat(bind.err()).isEqualTo("whitelist-gen: --bind: 'no such host.invalid' is not an address of this machine\n");
    }

    @Test
    void aMalformedDnsServerIsRefusedAtStartNotOnThePage() {
        Cli.Result dns = Cli.run("serve", "--port", "0", "--dns-server", "127.0.0.1:99999");

        assertThat(dns.exitCode()).isEqualTo(2);
        assertThat(dns.err()).isEqualTo("whitelist-gen: --dns-server: '127.0.0.1:99999': port must be 1 to 65535\n");
        assertThat(dns.out()).isEmpty();
    }
}
