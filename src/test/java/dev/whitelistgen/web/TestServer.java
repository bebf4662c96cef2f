package dev.whitelistgen.web;

import dev.whitelistgen.BuiltInResources;
import dev.whitelistgen.app.AllowlistService;
import dev.whitelistgen.app.Sources;
import dev.whitelistgen.bundle.BundleTexts;
import dev.whitelistgen.model.NetworkPolicy;
import dev.whitelistgen.profile.ProfileCatalog;
import dev.whitelistgen.profile.ProfileLoader;
import dev.whitelistgen.render.TargetCatalog;
import dev.whitelistgen.render.TemplateRenderer;
import dev.whitelistgen.testing.Cli;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** `serve` on a free loopback port with the built-in profiles and templates (as the CLI without source flags), and the CLI to compare with. */
final class TestServer {

    private TestServer() {
    }

    static WebServer start() {
        return start(List.of(), HttpFront.Limits.SERVE, null);
    }

    /** With serve's --dns-server (null: the system's resolvers). */
    static WebServer start(String dnsServer) {
        return start(List.of(), HttpFront.Limits.SERVE, dnsServer);
    }

    /** With names given as --public-host, and the front's limits (tests shorten them to wait less). */
    static WebServer start(List<String> publicHosts, HttpFront.Limits limits) {
        return start(publicHosts, limits, null);
    }

    private static WebServer start(List<String> publicHosts, HttpFront.Limits limits, String dnsServer) {
        List<Path> templates = List.of(BuiltInResources.folder("templates"));
        WebApp app = new WebApp(new AllowlistService(new Sources(
                new ProfileCatalog(List.of(BuiltInResources.folder("profiles")), new ProfileLoader(new NetworkPolicy(24, 48))),
                new TargetCatalog(templates), new TemplateRenderer(templates), new BundleTexts(templates), false)), dnsServer);
        return WebServer.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), publicHosts, app, limits);
    }

    static HttpResponse<byte[]> get(HttpClient client, URI url, String accept) {
        try {
            return client.send(HttpRequest.newBuilder(url).header("Accept", accept).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static String text(HttpResponse<byte[]> response) {
        return new String(response.body(), StandardCharsets.UTF_8);
    }

    /** What the CLI writes with `-o DIR` for these arguments: relative path to content. */
    static Map<String, String> cliFiles(Path dir, String... args) throws IOException {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--output", dir.toString()));
        Cli.Result result = Cli.run(all.toArray(String[]::new));
        if (result.exitCode() != 0) {
            throw new AssertionError("the CLI failed: " + result);
        }
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path file : walk.filter(Files::isRegularFile).toList()) {
                files.put(dir.relativize(file).toString(), Files.readString(file, StandardCharsets.UTF_8));
            }
        }
        return files;
    }

    /** The one line the CLI prints on standard error for a bad argument, without its "whitelist-gen: " prefix. */
    static String cliError(String... args) {
        Cli.Result result = Cli.run(args);
        if (result.exitCode() == 0) {
            throw new AssertionError("expected the CLI to refuse: " + result);
        }
        String line = result.err().lines().findFirst().orElseThrow();
        return line.substring("whitelist-gen: ".length());
    }
}
