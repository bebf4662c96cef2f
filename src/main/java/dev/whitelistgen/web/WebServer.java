package dev.whitelistgen.web;

import com.sun.net.httpserver.HttpServer;
import dev.whitelistgen.app.AllowlistService;
import dev.whitelistgen.app.Sources;
import dev.whitelistgen.bundle.BundleTexts;
import dev.whitelistgen.profile.ProfileCatalog;
import dev.whitelistgen.render.TargetCatalog;
import dev.whitelistgen.render.TemplateRenderer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * `whitelist-gen serve`: the JDK's own HTTP server (com.sun.net.httpserver, part of every JDK since 6, so no
 * dependency) with a fixed pool of request threads. A page of four routes that renders in milliseconds needs no
 * more; README ("serve") says why no framework.
 */
public final class WebServer implements AutoCloseable {

    static {
        // Bound the time a client may take to send its request or read the answer (seconds), so slow clients cannot
        // hold the threads; read once by the JDK's server when the first one is created.
        System.setProperty("sun.net.httpserver.maxReqTime", System.getProperty("sun.net.httpserver.maxReqTime", "30"));
        System.setProperty("sun.net.httpserver.maxRspTime", System.getProperty("sun.net.httpserver.maxRspTime", "60"));
        System.setProperty("sun.net.httpserver.maxReqHeaders", System.getProperty("sun.net.httpserver.maxReqHeaders", "64"));
        // The server writes headers and body separately; with Nagle's algorithm on, the body waits for the client's
        // delayed ACK of the headers, about 40 ms on Linux, which was most of a request's time (bench/serve.sh).
        System.setProperty("sun.net.httpserver.nodelay", System.getProperty("sun.net.httpserver.nodelay", "true"));
    }

    private final HttpServer server;
    private final ExecutorService threads;

    private WebServer(HttpServer server, ExecutorService threads) {
        this.server = server;
        this.threads = threads;
    }

    /** Starts serving on {@code address} (port 0: a free one); the engine is read completely before the port opens. */
    public static WebServer start(InetSocketAddress address, ProfileCatalog profiles, TargetCatalog targets,
                                  TemplateRenderer renderer, BundleTexts texts) {
        WebApp app = new WebApp(new AllowlistService(new Sources(profiles, targets, renderer, texts, false)));
        // rendering is CPU work: a few threads per core keep both busy without a queue of half-done requests
        ExecutorService threads = Executors.newFixedThreadPool(Math.max(4, 2 * Runtime.getRuntime().availableProcessors()), r -> {
            Thread thread = new Thread(r, "whitelist-gen-serve");
            thread.setDaemon(true);
            return thread;
        });
        try {
            HttpServer server = HttpServer.create(address, 128);
            server.createContext("/", app);
            server.setExecutor(threads);
            server.start();
            return new WebServer(server, threads);
        } catch (IOException e) {
            threads.shutdownNow();
            throw new UncheckedIOException("cannot listen on " + address + ": " + e.getMessage(), e);
        }
    }

    public URI url() {
        InetSocketAddress bound = server.getAddress();
        InetAddress address = bound.getAddress();
        String host = address.isAnyLocalAddress() ? "127.0.0.1"
                : address.getHostAddress().contains(":") ? "[" + address.getHostAddress() + "]" : address.getHostAddress();
        return URI.create("http://" + host + ":" + bound.getPort() + "/");
    }

    /** The page has no login: anything but a loopback address lets whoever reaches it use it. */
    public static boolean needsWarning(InetAddress bind) {
        return !bind.isLoopbackAddress();
    }

    @Override
    public void close() {
        server.stop(1);
        threads.shutdown();
        try {
            threads.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
