package dev.whitelistgen.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * serve's HTTP as a client meets it byte for byte (raw sockets, so nothing is tidied up by a client library):
 * HEAD, 405 with Allow, one status line for every oversized or malformed request, Host and Origin, persistent
 * connections, deadlines and connection bounds. Clients connect from several loopback addresses (127.0.0.0/8).
 */
class HttpFrontTest {

    private static final String JSON_FORM = "server=dach&target=json";
    private static WebServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start(List.of("whitelist.intra.example"), HttpFront.Limits.SERVE);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** One answer: status, headers (names lower-cased), body. */
    private record Answer(int status, Map<String, String> headers, String body) {
        static List<Answer> parseAll(byte[] bytes) {
            List<Answer> answers = new ArrayList<>();
            String text = new String(bytes, StandardCharsets.ISO_8859_1);
            int at = 0;
            while (at < text.length()) {
                int headEnd = text.indexOf("\r\n\r\n", at);
                String[] lines = text.substring(at, headEnd).split("\r\n");
                Map<String, String> headers = new LinkedHashMap<>();
                for (int i = 1; i < lines.length; i++) {
                    int colon = lines[i].indexOf(':');
                    headers.put(lines[i].substring(0, colon).toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).strip());
                }
                int status = Integer.parseInt(lines[0].substring(9, 12));
                int length = status == 100 ? 0 : Integer.parseInt(headers.getOrDefault("content-length", "0"));
                int bodyStart = headEnd + 4;
                int bodyEnd = Math.min(text.length(), bodyStart + length);
                answers.add(new Answer(status, headers, new String(text.substring(bodyStart, bodyEnd).getBytes(StandardCharsets.ISO_8859_1),
                        StandardCharsets.UTF_8)));
                at = bodyEnd;
            }
            return answers;
        }
    }

    private static Socket connect(WebServer to, String from) throws IOException {
        Socket socket = new Socket();
        socket.bind(new InetSocketAddress(from, 0));
        socket.connect(new InetSocketAddress(to.url().getHost(), to.url().getPort()), 5_000);
        socket.setSoTimeout(10_000);
        return socket;
    }

    /** Sends the bytes and reads until the server closes (or 10 s pass without a byte). */
    private static byte[] exchange(WebServer to, String from, byte[] request) throws IOException {
        try (Socket socket = connect(to, from)) {
            OutputStream out = socket.getOutputStream();
            try {
                out.write(request);
                out.flush();
            } catch (IOException refusedWhileSending) {
                // the server answered before the whole request was sent: its answer is still there to read
            }
            return readAll(socket.getInputStream());
        }
    }

    private static byte[] readAll(InputStream in) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try {
            for (int n; (n = in.read(buffer)) >= 0; ) {
                all.write(buffer, 0, n);
            }
        } catch (SocketTimeoutException silent) {
            // what came is the answer
        }
        return all.toByteArray();
    }

    private static Answer one(String request) throws IOException {
        return one(request.getBytes(StandardCharsets.ISO_8859_1));
    }

    private static Answer one(byte[] request) throws IOException {
        List<Answer> answers = Answer.parseAll(exchange(server, "127.0.0.1", request));
        assertThat(answers).hasSize(1);
        return answers.get(0);
    }

    private static String get(String target, String... headers) {
        return "GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" + String.join("", headers) + "Connection: close\r\n\r\n";
    }

    private static String post(String target, String body, String... headers) {
        return "POST " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                + "Content-Length: " + body.length() + "\r\n" + String.join("", headers) + "Connection: close\r\n\r\n" + body;
    }

    private static void assertSecurityHeaders(Answer answer) {
        assertThat(answer.headers()).containsEntry("content-security-policy", HttpFront.SECURITY_HEADERS.get("Content-Security-Policy"))
                .containsEntry("x-content-type-options", "nosniff").containsEntry("cache-control", "no-store");
    }

    @Test
    void headAnswersWhereGetDoesWithTheSameHeadersAndNoBody() throws IOException {
        for (String target : List.of("/", "/versions", "/static/app.css", "/healthz", "/generate?" + JSON_FORM)) {
            Answer get = one(get(target));
            byte[] raw = exchange(server, "127.0.0.1", get(target).replaceFirst("GET", "HEAD").getBytes(StandardCharsets.ISO_8859_1));
            String head = new String(raw, StandardCharsets.ISO_8859_1);

            assertThat(get.status()).as(target).isEqualTo(200);
            assertThat(head).as(target).startsWith("HTTP/1.1 200 OK\r\n").endsWith("\r\n\r\n")
                    .contains("Content-Length: " + get.body().getBytes(StandardCharsets.UTF_8).length + "\r\n")
                    .contains("Content-Type: " + get.headers().get("content-type") + "\r\n");
        }
    }

    @Test
    void every405SaysWhichMethodsTheRouteTakes() throws IOException {
        Answer delete = one("DELETE /versions HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
        Answer put = one("PUT /generate HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
        Answer health = one(post("/healthz", ""));

        assertThat(delete.status()).isEqualTo(405);
        assertThat(delete.headers()).containsEntry("allow", "GET, HEAD");
        assertThat(put.status()).isEqualTo(405);
        assertThat(put.headers()).containsEntry("allow", "GET, HEAD, POST");
        assertThat(health.status()).isEqualTo(405);
        assertThat(health.headers()).containsEntry("allow", "GET, HEAD");
    }

    @Test
    void healthzSaysOkForMonitors() throws IOException {
        Answer health = one(get("/healthz"));

        assertThat(health.status()).isEqualTo(200);
        assertThat(health.body()).isEqualTo("ok\n");
        assertSecurityHeaders(health);
    }

    @Test
    void oversizedRequestsGetTheirOneStatusLineNotAReset() throws IOException {
        String megabyte = "a".repeat(1024 * 1024);
        StringBuilder manyHeaders = new StringBuilder();
        for (int i = 0; i <= HttpFront.MAX_HEADERS; i++) {
            manyHeaders.append("X-Header-").append(i).append(": ").append(i).append("\r\n");
        }
        Map<String, Answer> answers = new LinkedHashMap<>();
        answers.put("65 headers", one(get("/", manyHeaders.toString())));
        answers.put("a 1 MB header", one(get("/", "X-Big: " + megabyte + "\r\n")));
        answers.put("a 1 MB path", one(get("/" + megabyte)));
        answers.put("a 1 MB body", one(post("/generate", megabyte)));
        answers.put("a chunked body", one("POST /generate HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "3\r\nx=1\r\n0\r\n\r\n"));

        assertThat(answers.get("65 headers").status()).isEqualTo(431);
        assertThat(answers.get("65 headers").body()).isEqualTo("more than 64 request headers\n");
        assertThat(answers.get("a 1 MB header").status()).isEqualTo(431);
        assertThat(answers.get("a 1 MB path").status()).isEqualTo(414);
        assertThat(answers.get("a 1 MB body").status()).isEqualTo(413);
        assertThat(answers.get("a chunked body").status()).isEqualTo(411);
        answers.forEach((what, answer) -> {
            assertThat(answer.body()).as(what).endsWith("\n").hasLineCount(1);
            assertThat(answer.headers()).as(what).containsEntry("connection", "close");
            assertSecurityHeaders(answer);
        });
    }

    @Test
    void aBadPercentEscapeIs400WithTheSecurityHeaders() throws IOException {
        Answer query = one(get("/generate?domains=%zz"));
        Answer path = one(get("/%zz"));

        assertThat(query.status()).isEqualTo(400);
        assertThat(query.body()).startsWith("bad request target: ").hasLineCount(1);
        assertSecurityHeaders(query);
        assertThat(path.status()).isEqualTo(400);
    }

    @Test
    void onlyTheHostNamesItServesAreAnswered() throws IOException {
        String page = "GET /versions HTTP/1.1\r\nHost: %s\r\nAccept: application/json\r\nConnection: close\r\n\r\n";
        Answer attacker = one(String.format(page, "attacker.example"));
        Answer absolute = one("GET http://attacker.example/versions HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
        Answer noHost = one("GET /versions HTTP/1.1\r\nConnection: close\r\n\r\n");

        assertThat(attacker.status()).isEqualTo(421);
        assertThat(attacker.body()).startsWith("Host 'attacker.example' is not a name this server answers to: ")
                .contains("localhost").contains("whitelist.intra.example").hasLineCount(1);
        assertSecurityHeaders(attacker);
        assertThat(absolute.status()).isEqualTo(421);
        assertThat(noHost.status()).isEqualTo(400);
        // 127.0.0.1:8080: what nginx's proxy_pass http://127.0.0.1:8080 sends by default (docs/install.md)
        for (String host : List.of("127.0.0.1", "127.0.0.1:8080", "localhost:8080", "LOCALHOST", "[::1]:80", "whitelist.intra.example",
                "Whitelist.Intra.Example.:443")) {
            assertThat(one(String.format(page, host)).status()).as(host).isEqualTo(200);
        }
    }

    @Test
    void aFormFromAnotherSiteIsRefused() throws IOException {
        String form = "server=dach&target=json";
        Answer foreign = one(post("/bundle", form, "Origin: https://attacker.example\r\n"));
        Answer sandboxed = one(post("/bundle", form, "Origin: null\r\n"));
        Answer own = one(post("/bundle", form, "Origin: " + server.url().toString().replaceAll("/$", "") + "\r\n"));
        Answer proxied = one(post("/bundle", form, "Origin: https://whitelist.intra.example\r\n"));
        Answer noOrigin = one(post("/bundle", form));

        assertThat(foreign.status()).isEqualTo(403);
        assertThat(foreign.body()).isEqualTo("Origin 'https://attacker.example' is another site; serve takes forms only from its own page\n");
        assertThat(foreign.headers()).doesNotContainKey("content-disposition");
        assertThat(sandboxed.status()).isEqualTo(403);
        for (Answer allowed : List.of(own, proxied, noOrigin)) {
            assertThat(allowed.status()).isEqualTo(200);
            assertThat(allowed.headers()).containsEntry("content-type", "application/zip");
        }
    }

    @Test
    void aPersistentConnectionAnswersPipelinedRequestsInOrder() throws IOException {
        String two = "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
                + post("/generate", JSON_FORM, "Accept: application/json\r\n");

        List<Answer> answers = Answer.parseAll(exchange(server, "127.0.0.1", two.getBytes(StandardCharsets.ISO_8859_1)));

        assertThat(answers).hasSize(2);
        assertThat(answers.get(0).body()).isEqualTo("ok\n");
        assertThat(answers.get(0).headers()).doesNotContainKey("connection");
        assertThat(answers.get(1).status()).isEqualTo(200);
        assertThat(answers.get(1).body()).startsWith("{\n  \"command\": ");
    }

    @Test
    void expectContinueGetsItsInterimAnswerBeforeTheBodyIsSent() throws IOException {
        try (Socket socket = connect(server, "127.0.0.1")) {
            String head = post("/generate", JSON_FORM, "Expect: 100-continue\r\n", "Accept: application/json\r\n");
            socket.getOutputStream().write(head.substring(0, head.length() - JSON_FORM.length()).getBytes(StandardCharsets.ISO_8859_1));
            byte[] interim = socket.getInputStream().readNBytes("HTTP/1.1 100 Continue\r\n\r\n".length());
            assertThat(new String(interim, StandardCharsets.ISO_8859_1)).isEqualTo("HTTP/1.1 100 Continue\r\n\r\n");

            socket.getOutputStream().write(JSON_FORM.getBytes(StandardCharsets.ISO_8859_1));
            Answer answer = Answer.parseAll(readAll(socket.getInputStream())).get(0);
            assertThat(answer.status()).isEqualTo(200);
        }
    }

    /**
     * Waits until the server holds exactly {@code count} connections. connect() returns once the kernel has completed
     * the handshake, before serve has accepted the connection; and a connection answered with Connection: close still
     * counts until serve has read the client's close after it. Without waiting, a held connection was sometimes turned
     * away because an earlier, already answered one still counted (ss showed it: the bounds test failed 3 times in 9).
     */
    private static void awaitOpenConnections(WebServer to, int count) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (to.openConnections() != count) {
            assertThat(System.nanoTime()).as("the server holds %d connections, not %d", to.openConnections(), count).isLessThan(deadline);
            Thread.sleep(5);
        }
    }

    /** A server with short limits: one second to send a request, three connections per address, six in all. */
    @Test
    void aRequestNotWholeWithinTheDeadlineGets408AndConnectionsAreBounded() throws IOException, InterruptedException {
        WebServer strict = TestServer.start(List.of(), new HttpFront.Limits(Duration.ofSeconds(1), Duration.ofSeconds(30),
                Duration.ofSeconds(30), 3, 6));
        List<Socket> held = new ArrayList<>();
        try {
            long start = System.nanoTime();
            byte[] late = exchange(strict, "127.0.0.1", "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n".getBytes(StandardCharsets.ISO_8859_1));
            long seconds = Duration.ofNanos(System.nanoTime() - start).toSeconds();
            assertThat(new String(late, StandardCharsets.ISO_8859_1)).startsWith("HTTP/1.1 408 Request Timeout\r\n")
                    .endsWith("\r\n\r\nrequest not complete within 1 s\n");
            assertThat(seconds).isBetween(1L, 5L);

            for (int i = 0; i < 3; i++) {
                held.add(connect(strict, "127.0.0.2"));
            }
            awaitOpenConnections(strict, 3);
            byte[] fourth = exchange(strict, "127.0.0.2", new byte[0]);
            assertThat(new String(fourth, StandardCharsets.ISO_8859_1)).startsWith("HTTP/1.1 503 Service Unavailable\r\n")
                    .endsWith("too many connections from 127.0.0.2 (at most 3)\n");
            assertThat(Answer.parseAll(exchange(strict, "127.0.0.3", get("/healthz").getBytes(StandardCharsets.ISO_8859_1))).get(0).status())
                    .isEqualTo(200);
            awaitOpenConnections(strict, 3);

            for (int i = 0; i < 3; i++) {
                held.add(connect(strict, "127.0.0.4"));
            }
            awaitOpenConnections(strict, 6);
            byte[] seventh = exchange(strict, "127.0.0.5", new byte[0]);
            assertThat(new String(seventh, StandardCharsets.ISO_8859_1)).endsWith("too many connections (at most 6)\n");
        } finally {
            for (Socket socket : held) {
                socket.close();
            }
            strict.close();
        }
    }
}
