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
 * (e) requests per second for mixed targets and servers, CLIENTS requests in flight at once.
 */
public class ServeBench {

    static final String[][] MIXED = {{"postfix", "dach"}, {"m365", "azure"}, {"exim", "azure"}, {"rspamd", "dach"},
        {"spamassassin", "azure"}, {"google", "dach"}, {"json", "azure"}, {"exchange", "dach"}, {"bind", "dach"}};

    public static void main(String[] args) throws Exception {
        URI base = URI.create(args[0]);
        int requests = args.length > 1 ? Integer.parseInt(args[1]) : 2000;
        int clients = args.length > 2 ? Integer.parseInt(args[2]) : 4;
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        if (args.length > 3 && args[3].equals("memory")) {
            load(client, base, requests, clients);
            return;
        }

        // warm-up: every target, so the JIT has compiled the renderer's hot paths
        for (int i = 0; i < 1000; i++) {
            get(client, mixed(base, i), "application/json");
        }
        double html = median(client, base.resolve("/generate?target=postfix&server=dach"), "text/html", 301);
        double json = median(client, base.resolve("/generate?target=postfix&server=dach"), "application/json", 301);
        System.out.printf("(d) one target (postfix, dach), HTML page, median ms    %8.2f%n", html);
        System.out.printf("(d) one target (postfix, dach), JSON API, median ms     %8.2f%n", json);

        ExecutorService pool = Executors.newFixedThreadPool(clients);
        AtomicInteger next = new AtomicInteger();
        long[] took = new long[requests]; // each request's time, for the 99th percentile
        long start = System.nanoTime();
        List<Future<?>> done = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            done.add(pool.submit(() -> {
                for (int i; (i = next.getAndIncrement()) < requests; ) {
                    long sent = System.nanoTime();
                    get(client, mixed(base, i), "application/json");
                    took[i] = System.nanoTime() - sent;
                }
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        long[] sorted = took.clone();
        java.util.Arrays.sort(sorted);
        System.out.printf("(e) mixed targets, %d requests, %d clients: requests/s %8.0f%n", requests, clients, requests / seconds);
        System.out.printf("(e) the same, 99th percentile of a request, ms          %8.2f%n", sorted[(int) Math.ceil(requests * 0.99) - 1] / 1e6);
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
