package dev.whitelistgen.cli;

import dev.whitelistgen.UserError;
import dev.whitelistgen.bundle.BundleTexts;
import dev.whitelistgen.web.WebServer;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "serve", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class, sortOptions = false,
        description = {
            "Serves a web page (and a JSON API on the same routes) that generates what the CLI generates: pick the server"
                    + " or paste the login URL, the mail system and the customer's domains, copy or download each file or"
                    + " the ticket bundle; look up which mail system a customer's domain has (as check mx); and the profile"
                    + " versions with the diff between two. Ctrl-C stops it.",
            "Example: whitelist-gen serve --port 8080"})
final class ServeCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "8080",
            description = "Port to listen on (0: any free port). Default: ${DEFAULT-VALUE}.")
    int port;

    @Option(names = "--bind", paramLabel = "ADDRESS", defaultValue = "127.0.0.1",
            description = "Address to listen on. Default: ${DEFAULT-VALUE} (this machine only). The page has no login:"
                    + " another address lets everyone who reaches it use it.")
    String bind;

    @Option(names = "--dns-server", paramLabel = "HOST[:PORT]",
            description = "DNS server the page's \"Which mail system does the customer have?\" lookup asks, as for"
                    + " `check mx` (default: this machine's resolvers from /etc/resolv.conf).")
    String dnsServer;

    @Option(names = "--public-host", paramLabel = "NAME",
            description = "A host name the page is reached by besides this machine's loopback names and address (behind a"
                    + " reverse proxy: the name users type); repeatable. Requests naming any other host are refused"
                    + " (DNS rebinding).")
    List<String> publicHosts = new ArrayList<>();

    @Mixin
    SourceOptions sources;

    @Override
    public Integer call() throws InterruptedException {
        if (port < 0 || port > 65535) {
            throw new UserError(UserError.Kind.USAGE, "--port: expected 0 to 65535, got " + port);
        }
        InetAddress address;
        try {
            address = InetAddress.getByName(bind);
        } catch (UnknownHostException e) {
            throw new UserError(UserError.Kind.USAGE, "--bind: '" + bind + "' is not an address of this machine");
        }
        for (String host : publicHosts) {
            try {
                WebServer.checkedPublicHost(host);
            } catch (IllegalArgumentException e) {
                throw new UserError(UserError.Kind.USAGE, "--public-host: " + e.getMessage());
            }
        }
        if (dnsServer != null) {
            CheckOptions.resolver(dnsServer, Duration.ofSeconds(1)); // refuses a malformed one now, not on the page
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (WebServer.needsWarning(address)) {
            err.println("whitelist-gen: warning: serving on " + address.getHostAddress() + ", not loopback: the page has no login,"
                    + " so everyone who can reach this address can use it");
            err.flush();
        }
        WebServer server;
        try {
            server = WebServer.start(new InetSocketAddress(address, port), publicHosts, sources.profiles(), sources.targets(),
                    sources.renderer(), new BundleTexts(sources.templateRoots()), dnsServer);
        } catch (WebServer.PortInUse e) {
            err.println("whitelist-gen: --port: " + e.getMessage() + " (another serve, or another program); stop it or pick"
                    + " another port");
            err.flush();
            return ExitCodes.PORT_IN_USE;
        } catch (UncheckedIOException e) {
            throw new UserError(UserError.Kind.IO, "--port: " + e.getMessage());
        }
        WhitelistGen.stopsQuietly();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            err.println("whitelist-gen: serve stopped");
            err.flush();
            stopped.countDown();
        }, "whitelist-gen-serve-stop"));
        out.println("whitelist-gen serve: " + server.url() + " (Ctrl-C stops it)");
        out.flush();
        stopped.await();
        return ExitCodes.OK;
    }
}
