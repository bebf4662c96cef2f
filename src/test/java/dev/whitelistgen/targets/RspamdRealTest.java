package dev.whitelistgen.targets;

import static org.assertj.core.api.Assertions.assertThat;

import dev.whitelistgen.model.IpNetwork;
import dev.whitelistgen.model.Profile;
import dev.whitelistgen.model.Server;
import dev.whitelistgen.testing.RealProgram;
import dev.whitelistgen.testing.Rendered;
import dev.whitelistgen.testing.Repo;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The rspamd target, proven by Debian's rspamd: Debian's /etc/rspamd as it is, with the outputs applied in a
 * LOCAL_CONFDIR of the test's own as the comments say. rspamadm configtest accepts every rendering; an rspamd
 * on a loopback port scores NETIGATE_ALLOWLIST only for a listed IP with an accepted sender domain. A test
 * rule scoring every address 12 stands in for an RBL hit, so without the allowlist each scan gets an action.
 */
class RspamdRealTest {

    private static final String COMPOSITE = "NETIGATE_ALLOWLIST";
    private static final List<String> OUTPUTS = List.of("netigate-multimap.conf", "netigate-composites.conf", "netigate_ips.map",
            "netigate_sender_domains.map");
    /** The customer's own allowlist rule, kept through an upgrade. */
    private static final String CUSTOMERS_OWN_IP = "198.51.100.7";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(180);

    @TempDir
    static Path work;

    private static Process rspamd;
    private static int port;
    private static Rendered live;
    private static Rendered earlier;

    static Stream<Rendered> rendered() {
        return Rendered.everyServerAndVersion("rspamd", work);
    }

    @BeforeAll
    static void startRspamd() throws Exception {
        if (RealProgram.find("rspamd").isEmpty() || RealProgram.find("rspamadm").isEmpty() || RealProgram.find("rspamc").isEmpty()) {
            return; // each test skips (or fails under requireAll) in requireRspamd
        }
        Profile current = Rendered.profiles().stream().filter(p -> p.status() == Profile.Status.CURRENT).findFirst().orElseThrow();
        Server server = current.servers().get(current.servers().size() - 1);
        live = Rendered.render("rspamd", current, server, List.of(Rendered.CUSTOMER_DOMAIN), work);
        // the live instance runs version 2's files copied over version 1's, as an upgrade applies them (issue 23.4)
        Profile v1 = Rendered.profiles().stream().filter(p -> p.version().equals("1")).findFirst().orElseThrow();
        earlier = Rendered.render("rspamd", v1, v1.server(server.id()).orElseThrow(), List.of(Rendered.CUSTOMER_DOMAIN), work.resolve("v1"));
        Path confDir = localConfDir(earlier);
        for (String file : OUTPUTS) {
            Files.copy(live.file(file), confDir.resolve("local.d/" + file), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        port = freePort();
        Files.writeString(confDir.resolve("override.d/worker-normal.inc"), "bind_socket = \"127.0.0.1:" + port + "\";\n");
        Files.writeString(confDir.resolve("override.d/worker-controller.inc"), "bind_socket = \"127.0.0.1:" + freePort() + "\";\n");
        Path log = work.resolve("rspamd.out");
        List<String> command = new ArrayList<>(List.of(RealProgram.require("rspamd").toString(), "-f", "-i", "-c", "/etc/rspamd/rspamd.conf"));
        command.addAll(vars(confDir));
        rspamd = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (!listening(port)) {
            if (!rspamd.isAlive() || System.nanoTime() > deadline) {
                throw new AssertionError("rspamd did not start on 127.0.0.1:" + port + "\n" + Files.readString(log)
                        + "\n" + tail(confDir.resolve("log/rspamd.log")));
            }
            Thread.sleep(100);
        }
    }

    @BeforeEach
    void requireRspamd() {
        RealProgram.require("rspamd");
        RealProgram.require("rspamadm");
        RealProgram.require("rspamc"); // here, not in the scans' futures, where a skip would arrive wrapped as an error
    }

    @AfterAll
    static void stopRspamd() throws InterruptedException {
        if (rspamd == null) {
            return;
        }
        List<ProcessHandle> workers = rspamd.descendants().toList();
        rspamd.destroy();
        if (!rspamd.waitFor(10, TimeUnit.SECONDS)) {
            rspamd.destroyForcibly();
        }
        workers.forEach(ProcessHandle::destroyForcibly);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rendered")
    void configtestAcceptsTheOutputs(Rendered rendered) throws IOException {
        RealProgram.Result test = rspamadm(localConfDir(rendered), "configtest", "-s", "-c", "/etc/rspamd/rspamd.conf");

        assertThat(test.exitCode()).as(test.toString()).isZero();
        assertThat(test.out()).contains("syntax OK");
    }

    @Test
    void configtestReadsTheIncludedFiles() throws IOException {
        Path confDir = localConfDir(Rendered.render("rspamd", live.profile(), live.server(), List.of(), work.resolve("broken")));
        Files.writeString(confDir.resolve("local.d/netigate-composites.conf"), "NETIGATE_ALLOWLIST {\n", java.nio.file.StandardOpenOption.APPEND);

        RealProgram.Result test = rspamadm(confDir, "configtest", "-s", "-c", "/etc/rspamd/rspamd.conf");

        assertThat(test.exitCode()).as(test.toString()).isNotZero();
    }

    /** rspamd runs a Jinja pass over its configuration files, comments included: the profile's free text must not reach it. */
    @Test
    void freeTextInTheProfileStaysInert() throws IOException {
        Profile hostile = Rendered.hostileProfile(work.resolve("hostile"));
        Rendered rendered = Rendered.render("rspamd", hostile, hostile.servers().get(0), List.of(Rendered.CUSTOMER_DOMAIN),
                work.resolve("hostile"));
        RealProgram.Result test = rspamadm(localConfDir(rendered), "configtest", "-s", "-c", "/etc/rspamd/rspamd.conf");

        assertThat(test.exitCode()).as(test.toString()).isZero();
        assertThat(test.out()).contains("syntax OK");
        assertThat(Files.readString(rendered.file("netigate-multimap.conf"))).contains("{ % if false %}");
    }

    @Test
    void onlyListedIpsWithAcceptedSendersGetTheAllowlist() throws Exception {
        Path message = work.resolve("survey.eml");
        Files.writeString(message, "From: Survey <survey@" + live.server().senderDomains().get(0) + ">\r\n"
                + "To: user@" + Rendered.CUSTOMER_DOMAIN + "\r\nSubject: Your opinion\r\n"
                + "Date: Mon, 24 Nov 2026 10:00:00 +0000\r\nMessage-ID: <survey.1@mail.sender.example>\r\n"
                + "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nPlease answer our short survey.\r\n");
        List<CompletableFuture<String>> checks = new ArrayList<>();
        for (IpNetwork network : live.server().networks()) {
            for (String domain : live.acceptedSenderDomains()) {
                checks.add(expect(message, network.address(), "survey@" + domain, true));
            }
            checks.add(expect(message, network.address(), "offers@unrelated-sender.example", false));
        }
        for (String domain : live.acceptedSenderDomains()) {
            checks.add(expect(message, live.unlistedNeighbour(), "survey@" + domain, false));
        }
        // exact domains only, as in every target (issue 19.9)
        checks.add(expect(message, live.server().networks().get(0).address(), "bounce@mail." + live.server().senderDomains().get(0), false));
        // domains are case-insensitive (RFC 5321 §2.4), as Postfix's regexp table, Exim and SpamAssassin treat them
        checks.add(expect(message, live.server().networks().get(0).address(),
                "SURVEY@" + live.server().senderDomains().get(0).name().toUpperCase(java.util.Locale.ROOT), true));
        List<String> failures = checks.stream().map(CompletableFuture::join).filter(f -> !f.isEmpty()).toList();

        assertThat(checks).hasSizeGreaterThanOrEqualTo(5);
        assertThat(failures).as("scans of " + live).isEmpty();
    }

    /**
     * Issue 26.7: the sender-domain rule reads the envelope sender only. Before (type "from", extract_from "smtp"),
     * rspamd 3.4 fell back to the header From: when there was no envelope sender, so a message without one and
     * with From: at the customer's listed domain got the allowlist from a Netigate IP. A Netigate envelope sender
     * with a foreign From: still fires (the envelope is what the rule ties to the IP).
     * Issue 23.4: the instance runs version 2's files copied over version 1's; version 1's IP gets nothing, the
     * customer's own allowlist rule still works.
     */
    @Test
    void theSenderRuleReadsTheEnvelopeOnlyAndNothingOfVersionOneStays() throws Exception {
        Path foreignFrom = work.resolve("foreign-from.eml");
        Files.writeString(foreignFrom, "From: Info <info@" + Rendered.CUSTOMER_DOMAIN + ">\r\n"
                + "To: user@" + Rendered.CUSTOMER_DOMAIN + "\r\nSubject: Your opinion\r\n"
                + "Date: Mon, 24 Nov 2026 10:00:00 +0000\r\nMessage-ID: <survey.2@mail.sender.example>\r\n"
                + "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nPlease answer our short survey.\r\n");
        String netigateIp = live.server().networks().get(0).address();
        String netigateSender = "SURVEY@" + live.server().senderDomains().get(0).name().toUpperCase(java.util.Locale.ROOT);
        List<String> failures = java.util.stream.Stream.of(
                expect(foreignFrom, netigateIp, null, false),
                expect(foreignFrom, netigateIp, netigateSender, true),
                expect(foreignFrom, earlier.server().networks().get(0).address(), "survey@" + earlier.server().senderDomains().get(0), false),
                expect(foreignFrom, earlier.server().networks().get(0).address(), "info@" + Rendered.CUSTOMER_DOMAIN, false))
                .map(CompletableFuture::join).filter(f -> !f.isEmpty()).toList();
        assertThat(failures).isEmpty();
        RealProgram.Result own = RealProgram.runWithInput(Duration.ofSeconds(60), Map.of(), null, foreignFrom,
                "rspamc", "-h", "127.0.0.1:" + port, "-t", "30", "--ip", CUSTOMERS_OWN_IP, "--from", "a@partner.example", "symbols");
        assertThat(own.out()).as(own.toString()).contains("Symbol: CUSTOMERS_OWN").contains("Action: no action");
    }

    /** Scans the message as sent from ip by sender (null: no envelope sender); returns "" when rspamd answered as expected, else why not. */
    private static CompletableFuture<String> expect(Path message, String ip, String sender, boolean allowed) {
        return CompletableFuture.supplyAsync(() -> {
            List<String> command = new ArrayList<>(List.of("rspamc", "-h", "127.0.0.1:" + port, "-t", "30", "--ip", ip));
            if (sender != null) {
                command.addAll(List.of("--from", sender));
            }
            command.add("symbols");
            RealProgram.Result scan = RealProgram.runWithInput(Duration.ofSeconds(60), Map.of(), null, message, command.toArray(String[]::new));
            String action = scan.out().lines().filter(l -> l.startsWith("Action: ")).findFirst().orElse("Action: (none)")
                    .substring("Action: ".length());
            boolean composite = scan.out().lines().anyMatch(l -> l.startsWith("Symbol: " + COMPOSITE + " "));
            boolean ok = scan.exitCode() == 0 && composite == allowed
                    && (allowed ? action.equals("no action") : !action.equals("no action") && !action.equals("(none)"));
            return ok ? "" : ip + " " + sender + ": expected " + (allowed ? COMPOSITE + " and no action" : "no " + COMPOSITE
                    + " and an action") + ", got\n" + scan;
        });
    }

    /** A LOCAL_CONFDIR holding the outputs applied as their comments say, plus the test's own settings. */
    private static Path localConfDir(Rendered rendered) throws IOException {
        Path dir = rendered.folder().resolveSibling(rendered.folder().getFileName() + "-confdir");
        if (Files.isDirectory(dir)) {
            return dir;
        }
        Path local = Files.createDirectories(dir.resolve("local.d"));
        Files.createDirectories(dir.resolve("override.d"));
        for (String file : OUTPUTS) {
            Files.copy(rendered.file(file), local.resolve(file));
        }
        Files.writeString(local.resolve("multimap.conf"), ".include \"$LOCAL_CONFDIR/local.d/netigate-multimap.conf\"\n"
                + "TEST_STRICT_CHECK {\n  type = \"ip\";\n  map = \"$LOCAL_CONFDIR/local.d/test_everyone.map\";\n"
                + "  score = 12.0;\n  description = \"Test stand-in for an RBL that lists every address\";\n}\n"
                + "CUSTOMERS_OWN {\n  type = \"ip\";\n  map = \"$LOCAL_CONFDIR/local.d/customers_own.map\";\n"
                + "  score = -20.0;\n  description = \"The customer's own allowlist\";\n}\n");
        Files.writeString(local.resolve("customers_own.map"), CUSTOMERS_OWN_IP + "\n");
        Files.writeString(local.resolve("test_everyone.map"), "0.0.0.0/0\n::/0\n");
        Files.writeString(local.resolve("composites.conf"), ".include \"$LOCAL_CONFDIR/local.d/netigate-composites.conf\"\n");
        // No network: DNS goes to a closed loopback port and fails fast; no fuzzy storage, no proxy worker.
        Files.writeString(local.resolve("options.inc"), "dns { nameserver = [\"127.0.0.1:" + freePort() + "\"]; timeout = 0.2s;"
                + " retransmits = 1; }\nhs_cache_dir = \"" + hyperscanCache() + "\";\n");
        Files.writeString(local.resolve("fuzzy_check.conf"), "enabled = false;\n");
        Files.writeString(dir.resolve("override.d/worker-proxy.inc"), "enabled = false;\n");
        Files.writeString(dir.resolve("override.d/logging.inc"), "type = \"file\";\nfilename = \"" + dir.resolve("log/rspamd.log")
                + "\";\nlevel = \"info\";\n");
        for (String sub : List.of("run", "db", "log")) {
            Files.createDirectories(dir.resolve(sub));
        }
        return dir;
    }

    /** Hyperscan databases take rspamd a quarter of a minute to compile; they are kept between test runs. */
    private static Path hyperscanCache() throws IOException {
        return Files.createDirectories(Repo.path("target/rspamd-hyperscan-cache"));
    }

    private static List<String> vars(Path confDir) {
        return List.of("--var=LOCAL_CONFDIR=" + confDir, "--var=RUNDIR=" + confDir.resolve("run"),
                "--var=DBDIR=" + confDir.resolve("db"), "--var=LOGDIR=" + confDir.resolve("log"));
    }

    private static RealProgram.Result rspamadm(Path confDir, String... args) {
        List<String> command = new ArrayList<>(List.of("rspamadm"));
        command.addAll(vars(confDir));
        command.addAll(List.of(args));
        return RealProgram.run(Duration.ofSeconds(60), Map.of(), null, command.toArray(String[]::new));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static boolean listening(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static String tail(Path file) {
        try {
            List<String> lines = Files.readAllLines(file);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(no " + file + ")";
        }
    }
}
