package dev.whitelistgen.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

/**
 * A real BIND named serving test zones, authoritative only, on 127.0.0.1 and a port picked at run time, in its
 * own temporary folder. Started with {@link #start}, stopped with {@link #close} (in @AfterAll).
 */
public final class NamedServer implements AutoCloseable {

    private final Process process;
    private final Path dir;
    private final int port;

    private NamedServer(Process process, Path dir, int port) {
        this.process = process;
        this.dir = dir;
        this.port = port;
    }

    /** A zone file body for ORIGIN: SOA and NS are added; records use absolute names or @. */
    public static String zone(String origin, String records) {
        return "$TTL 300\n"
                + "@\tIN\tSOA\tns." + origin + ". hostmaster." + origin + ". 1 3600 600 86400 300\n"
                + "@\tIN\tNS\tns." + origin + ".\n"
                + "ns\tIN\tA\t127.0.0.1\n"
                + records;
    }

    /** @param zones zone origin → zone file text (see {@link #zone}) */
    public static NamedServer start(Map<String, String> zones) throws IOException {
        return start(zones, java.util.Set.of());
    }

    /** As above; the zones named in {@code dynamic} take dynamic updates (RFC 2136, nsupdate) from 127.0.0.1. */
    public static NamedServer start(Map<String, String> zones, java.util.Set<String> dynamic) throws IOException {
        Path named = RealProgram.require("named");
        RealProgram.require("named-checkconf");
        Path dir = Files.createTempDirectory("named-test");
        int port = freePort();
        StringBuilder conf = new StringBuilder();
        conf.append("options {\n")
                .append("  directory \"").append(dir).append("\";\n")
                .append("  pid-file \"").append(dir.resolve("named.pid")).append("\";\n")
                .append("  session-keyfile \"").append(dir.resolve("session.key")).append("\";\n")
                .append("  managed-keys-directory \"").append(dir).append("\";\n")
                .append("  listen-on port ").append(port).append(" { 127.0.0.1; };\n")
                .append("  listen-on-v6 { none; };\n")
                .append("  recursion no;\n")
                .append("  notify no;\n")
                .append("};\n")
                .append("controls { };\n");
        for (Map.Entry<String, String> zone : new LinkedHashMap<>(zones).entrySet()) {
            Path file = dir.resolve(zone.getKey() + ".zone");
            Files.writeString(file, zone.getValue(), StandardCharsets.UTF_8);
            conf.append("zone \"").append(zone.getKey()).append("\" { type primary; file \"").append(file).append("\";")
                    .append(dynamic.contains(zone.getKey()) ? " allow-update { 127.0.0.1; };" : "").append(" };\n");
        }
        Path confFile = dir.resolve("named.conf");
        Files.writeString(confFile, conf.toString(), StandardCharsets.UTF_8);
        RealProgram.Result check = RealProgram.run("named-checkconf", "-z", confFile.toString());
        if (check.exitCode() != 0) {
            deleteFolder(dir);
            throw new AssertionError("named-checkconf refused the test configuration:\n" + check.all());
        }
        Path log = dir.resolve("named.log");
        Process process = new ProcessBuilder(named.toString(), "-c", confFile.toString(), "-g")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        NamedServer server = new NamedServer(process, dir, port);
        server.awaitAnswers(zones.keySet(), Duration.ofSeconds(15), log);
        return server;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /**
     * Waits until named answers for every zone. named listens before its zones are loaded and loads them in no set
     * order: one zone answering while another still gets SERVFAIL was seen (a 900,000-record zone widened the window).
     */
    private void awaitAnswers(Iterable<String> origins, Duration limit, Path log) throws IOException {
        long deadline = System.nanoTime() + limit.toNanos();
        for (String origin : origins) {
            awaitAnswer(origin, deadline, limit, log);
        }
    }

    private void awaitAnswer(String origin, long deadline, Duration limit, Path log) throws IOException {
        SimpleResolver resolver = new SimpleResolver(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        resolver.setTimeout(Duration.ofMillis(300));
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError("named exited with " + process.exitValue() + ":\n" + Files.readString(log));
            }
            try {
                Message answer = resolver.send(Message.newQuery(Record.newRecord(Name.fromString(origin + "."), Type.SOA, DClass.IN)));
                if (answer.getRcode() == Rcode.NOERROR && !answer.getSection(org.xbill.DNS.Section.ANSWER).isEmpty()) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        close();
        throw new AssertionError("named did not answer for " + origin + " within " + limit + ":\n" + Files.readString(log));
    }

    public int port() {
        return port;
    }

    /** For --dns-server. */
    public String address() {
        return "127.0.0.1:" + port;
    }

    @Override
    public void close() throws IOException {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        deleteFolder(dir);
    }

    private static void deleteFolder(Path folder) throws IOException {
        try (Stream<Path> walk = Files.walk(folder)) {
            List<Path> paths = new ArrayList<>(walk.sorted(Comparator.reverseOrder()).toList());
            for (Path p : paths) {
                Files.deleteIfExists(p);
            }
        }
    }
}
