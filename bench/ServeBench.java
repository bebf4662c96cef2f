import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Measures a running `whitelist-gen serve` (bench/serve.sh starts it): java bench/ServeBench.java URL [REQUESTS] [CLIENTS].
 * (d) median time of one generate request (postfix, dach) after warm-up, as HTML and as JSON, one request at a time;
 * (e) requests per second for mixed targets and servers, CLIENTS requests in flight at once; with SERVE_PID set (as
 * bench/serve.sh does), also the CPU time per request of the server and of this client, which share the machine's cores.
 */
public class ServeBench {

    static final String[][] MIXED = {{"postfix", "dach"}, {"m365", "azure"}, {"exim", "azure"}, {"rspamd", "dach"},
        {"spamassassin", "azure"}, {"google", "dach"}, {"json", "azure"}, {"exchange", "dach"}, {"bind", "dach"}};

    public static void main(String[] args) throws Exception {
        URI base = URI.create(args[0]);
        int requests = args.length > 1 ? Integer.parseInt(args[1]) : 5000;
        int clients = args.length > 2 ? Integer.parseInt(args[2]) : 4;
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        if (args.length > 3 && args[3].equals("memory")) {
            load(client, base, requests, clients);
            return;
        }

        // warm-up: every target, 5,000 requests, so that the full JIT has compiled the renderer's hot paths (after
        // 1,000 the server still spent twice the CPU per request it spends once warm); with the cheap client
        PlainClient warm = new PlainClient(base);
        for (int i = 0; i < 5000; i++) {
            warm.get(mixed(base, i), "application/json");
        }
        double html = median(client, base.resolve("/generate?target=postfix&server=dach"), "text/html", 301);
        double json = median(client, base.resolve("/generate?target=postfix&server=dach"), "application/json", 301);
        System.out.printf("(d) one target (postfix, dach), HTML page, median ms    %8.2f%n", html);
        System.out.printf("(d) one target (postfix, dach), JSON API, median ms     %8.2f%n", json);

        // (e) twice: with the JDK's HttpClient, as the figure was first taken, and with a plain keep-alive socket per
        // client, which costs a fraction of the CPU: client and server share the machine's cores, and the HttpClient
        // spent more CPU per request than the server did
        mixedRun(requests, clients, "JDK HttpClient", () -> (url, accept) -> get(client, url, accept), base);
        mixedRun(requests, clients, "plain socket", () -> new PlainClient(base)::get, base);
    }

    interface Fetch {
        void get(URI url, String accept) throws Exception;
    }

    static void mixedRun(int requests, int clients, String how, java.util.function.Supplier<Fetch> perClient, URI base) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        AtomicInteger next = new AtomicInteger();
        long[] took = new long[requests]; // each request's time, for the 99th percentile
        String serverPid = System.getenv("SERVE_PID");
        long serverCpuBefore = serverPid == null ? 0 : processCpuNanos(serverPid);
        long clientCpuBefore = ownCpuNanos();
        long start = System.nanoTime();
        List<Future<?>> done = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            Fetch fetch = perClient.get();
            done.add(pool.submit(() -> {
                for (int i; (i = next.getAndIncrement()) < requests; ) {
                    long sent = System.nanoTime();
                    fetch.get(mixed(base, i), "application/json");
                    took[i] = System.nanoTime() - sent;
                }
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        long clientCpu = ownCpuNanos() - clientCpuBefore;
        long serverCpu = serverPid == null ? 0 : processCpuNanos(serverPid) - serverCpuBefore;
        pool.shutdown();
        long[] sorted = took.clone();
        Arrays.sort(sorted);
        System.out.printf("(e) mixed targets, %d requests, %d clients, %s%n", requests, clients, how);
        System.out.printf("      requests/s                                         %8.0f%n", requests / seconds);
        System.out.printf("      99th percentile of a request, ms                   %8.2f%n", sorted[(int) Math.ceil(requests * 0.99) - 1] / 1e6);
        if (serverPid != null) {
            System.out.printf("      CPU time per request: the server, ms               %8.2f%n", serverCpu / 1e6 / requests);
        }
        System.out.printf("      CPU time per request: this client, ms              %8.2f%n", clientCpu / 1e6 / requests);
        double p99 = sorted[(int) Math.ceil(requests * 0.99) - 1] / 1e6;
        boolean holds = requests / seconds >= 2000 && p99 < 10;
        System.out.printf("      issue 30's goal, >= 2,000 requests/s with p99 < 10 ms: %s%n", holds ? "holds" : "does not hold");
    }

    /**
     * HTTP/1.1 GET over one kept-alive connection, reading exactly Content-Length bytes (serve always sends it):
     * the least a client can do per request, so that (e) measures the server more than its client.
     */
    static final class PlainClient {
        private final URI base;
        private java.net.Socket socket;
        private java.io.BufferedInputStream in;
        private java.io.OutputStream out;

        PlainClient(URI base) {
            this.base = base;
        }

        void get(URI url, String accept) throws Exception {
            if (socket == null) {
                socket = new java.net.Socket(base.getHost(), base.getPort());
                socket.setTcpNoDelay(true);
                in = new java.io.BufferedInputStream(socket.getInputStream(), 65536);
                out = socket.getOutputStream();
            }
            out.write(("GET " + url.getRawPath() + "?" + url.getRawQuery() + " HTTP/1.1\r\nHost: " + base.getHost() + ":"
                    + base.getPort() + "\r\nAccept: " + accept + "\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            out.flush();
            String status = line();
            long length = -1;
            for (String header; !(header = line()).isEmpty(); ) {
                if (header.regionMatches(true, 0, "Content-Length:", 0, 15)) {
                    length = Long.parseLong(header.substring(15).trim());
                }
            }
            if (!status.startsWith("HTTP/1.1 200") || length < 0) {
                throw new IllegalStateException(url + ": " + status + (length < 0 ? " (no Content-Length)" : ""));
            }
            in.skipNBytes(length);
        }

        private String line() throws java.io.IOException {
            StringBuilder line = new StringBuilder();
            for (int c; (c = in.read()) != '\n'; ) {
                if (c < 0) {
                    throw new java.io.EOFException("connection closed by the server");
                }
                if (c != '\r') {
                    line.append((char) c);
                }
            }
            return line.toString();
        }
    }

    /** user + system time of a process, from /proc (Linux): the server runs in another JVM. */
    static long processCpuNanos(String pid) throws java.io.IOException {
        String stat = java.nio.file.Files.readString(java.nio.file.Path.of("/proc", pid, "stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime and stime, fields 14 and 15
        return ticks * 1_000_000_000L / 100; // USER_HZ, 100 on Linux
    }

    static long ownCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /**
     * The memory run: REQUESTS requests, CLIENTS in flight, of the largest answers as well as the usual ones: every
     * 9th the HTML page for all targets, every 9th a bundle of every target, the rest as (e).
     */
    static void load(HttpClient client, URI base, int requests, int clients) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        AtomicInteger next = new AtomicInteger();
        long start = System.nanoTime();
        List<Future<?>> done = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            done.add(pool.submit(() -> {
                for (int i; (i = next.getAndIncrement()) < requests; ) {
                    switch (i % 9) {
                        case 3 -> get(client, base.resolve("/generate?target=all&server=azure&domains=customer.example"), "text/html");
                        case 6 -> get(client, base.resolve("/bundle?server=dach&domains=customer.example&lang=de"), "*/*");
                        default -> get(client, mixed(base, i), "application/json");
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        pool.shutdown();
        System.out.printf("memory run: %d requests (HTML for all targets, bundles, JSON), %d clients, %.1f s%n", requests, clients,
                (System.nanoTime() - start) / 1e9);
    }

    static URI mixed(URI base, int i) {
        String[] c = MIXED[i % MIXED.length];
        return base.resolve("/generate?target=" + c[0] + "&server=" + c[1] + "&domains=customer.example");
    }

    static double median(HttpClient client, URI url, String accept, int runs) throws Exception {
        double[] ms = new double[runs];
        for (int i = 0; i < runs; i++) {
            long start = System.nanoTime();
            get(client, url, accept);
            ms[i] = (System.nanoTime() - start) / 1e6;
        }
        Arrays.sort(ms);
        return ms[runs / 2];
    }

    static void get(HttpClient client, URI url, String accept) throws Exception {
        HttpResponse<byte[]> response = client.send(HttpRequest.newBuilder(url).header("Accept", accept).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(url + ": HTTP " + response.statusCode() + "\n" + new String(response.body()));
        }
    }
}
