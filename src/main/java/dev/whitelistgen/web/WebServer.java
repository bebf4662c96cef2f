package dev.whitelistgen.web;

import com.sun.net.httpserver.HttpHandler;
import dev.whitelistgen.app.AllowlistService;
import dev.whitelistgen.app.Sources;
import dev.whitelistgen.bundle.BundleTexts;
import dev.whitelistgen.profile.ProfileCatalog;
import dev.whitelistgen.render.TargetCatalog;
import dev.whitelistgen.render.TemplateRenderer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * `whitelist-gen serve`: {@link HttpFront} reads the requests and a fixed pool of worker threads runs the routes
 * ({@link WebApp}, on the JDK's HttpHandler API). A page of a few routes that renders in milliseconds needs no more;
 * docs/serve.md says why no framework.
 */
public final class WebServer implements AutoCloseable {

    /** The port is taken: serve says so in its own words and exit code. */
    public static final class PortInUse extends RuntimeException {
        private static final long serialVersionUID = 1L;

        PortInUse(InetSocketAddress address, BindException cause) {
            super("port " + address.getPort() + " on " + address.getAddress().getHostAddress() + " is in use", cause);
        }
    }

    private final HttpFront front;
    private final ExecutorService workers;

    private WebServer(HttpFront front, ExecutorService workers) {
        this.front = front;
        this.workers = workers;
    }

    /**
     * Starts serving on {@code address} (port 0: a free one); the engine is read completely before the port opens.
     * {@code dnsServer}: where the MX lookup asks (serve's --dns-server), null for the system's resolvers.
     */
    public static WebServer start(InetSocketAddress address, List<String> publicHosts, ProfileCatalog profiles, TargetCatalog targets,
                                  TemplateRenderer renderer, BundleTexts texts, String dnsServer) {
        return start(address, publicHosts, new WebApp(new AllowlistService(new Sources(profiles, targets, renderer, texts, false)),
                dnsServer), HttpFront.Limits.SERVE);
    }

    static WebServer start(InetSocketAddress address, List<String> publicHosts, HttpHandler app, HttpFront.Limits limits) {
        ServedHosts hosts = ServedHosts.of(address.getAddress(), publicHosts);
        // rendering is CPU work: a few threads per core keep both busy; requests wait for one only once they are whole
        ExecutorService workers = Executors.newFixedThreadPool(Math.max(4, 2 * Runtime.getRuntime().availableProcessors()), r -> {
            Thread thread = new Thread(r, "whitelist-gen-serve");
            thread.setDaemon(true);
            return thread;
        });
        try {
            return new WebServer(HttpFront.start(address, withHealth(app), workers, hosts, limits), workers);
        } catch (BindException e) {
            workers.shutdownNow();
            if (e.getMessage() != null && e.getMessage().contains("in use")) {
                throw new PortInUse(address, e);
            }
            throw new UncheckedIOException("cannot listen on " + address + ": " + e.getMessage(), e);
        } catch (IOException e) {
            workers.shutdownNow();
            throw new UncheckedIOException("cannot listen on " + address + ": " + e.getMessage(), e);
        }
    }

    /** GET /healthz: "ok" once a worker answers, so a monitor sees a jammed pool as well as a dead process. */
    private static HttpHandler withHealth(HttpHandler app) {
        return exchange -> {
            if (!exchange.getRequestURI().getRawPath().equals("/healthz")) {
                app.handle(exchange);
                return;
            }
            boolean get = exchange.getRequestMethod().equals("GET");
            byte[] body = (get ? "ok\n" : "method " + exchange.getRequestMethod() + " not allowed here; use GET or HEAD\n")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
            if (!get) {
                exchange.getResponseHeaders().set("Allow", "GET, HEAD");
            }
            exchange.sendResponseHeaders(get ? 200 : 405, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        };
    }

    public URI url() {
        InetSocketAddress bound = front.address();
        InetAddress address = bound.getAddress();
        String host = address.isAnyLocalAddress() ? "127.0.0.1"
                : address.getHostAddress().contains(":") ? "[" + address.getHostAddress() + "]" : address.getHostAddress();
        return URI.create("http://" + host + ":" + bound.getPort() + "/");
    }

    int openConnections() {
        return front.openConnections();
    }

    /** The page has no login: anything but a loopback address lets whoever reaches it use it. */
    public static boolean needsWarning(InetAddress bind) {
        return !bind.isLoopbackAddress();
    }

    /** A --public-host value, or IllegalArgumentException saying what is wrong with it. */
    public static String checkedPublicHost(String host) {
        return ServedHosts.checkedPublicHost(host);
    }

    @Override
    public void close() {
        front.close();
        workers.shutdown();
        try {
            workers.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
