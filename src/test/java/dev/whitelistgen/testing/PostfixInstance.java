package dev.whitelistgen.testing;

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
import java.util.stream.Stream;
import org.apache.commons.net.smtp.SMTPClient;
import org.apache.commons.net.smtp.SMTPReply;

/**
 * A real Postfix, with its own configuration folder and queue, listening on a free loopback port. The
 * client authorises itself for XCLIENT, so a test can speak as any client address without a network.
 */
public final class PostfixInstance implements AutoCloseable {

    private final Path root;
    private final Path config;
    private final int port;
    private boolean running;

    /**
     * A fresh folder for an instance that the postfix user can traverse (JUnit's @TempDir is private to
     * root, and Postfix's daemons drop privileges). Removed again by {@link #close()}.
     */
    public static Path newRoot() throws IOException {
        return Files.createTempDirectory("whitelist-gen-postfix",
                java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                        java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x")));
    }

    /** Creates the folders (under a {@link #newRoot()}) and a main.cf of the base settings plus {@code extraMainCf}. */
    public PostfixInstance(Path root, List<String> extraMainCf) throws IOException {
        RealProgram.require("postfix");
        this.root = root.toAbsolutePath();
        this.config = this.root.resolve("conf");
        this.port = freePort();
        Files.createDirectories(config);
        Files.createDirectories(this.root.resolve("queue"));
        Path data = Files.createDirectories(this.root.resolve("data"));
        RealProgram.run("chown", "postfix", data.toString());
        List<String> master = new ArrayList<>();
        for (String line : Files.readAllLines(RealProgram.packageFile("/usr/share/postfix/master.cf.dist", "postfix"))) {
            // the public smtp listener becomes a loopback one on a free port; nothing else listens
            master.add(line.startsWith("smtp      inet") ? "127.0.0.1:" + port + " inet n - n - - smtpd" : line);
        }
        Files.write(config.resolve("master.cf"), master);
        List<String> main = new ArrayList<>(List.of(
                "compatibility_level = 3.6",
                "queue_directory = " + this.root.resolve("queue"),
                "data_directory = " + data,
                "mail_owner = postfix",
                "setgid_group = postdrop",
                "inet_interfaces = 127.0.0.1",
                "inet_protocols = ipv4",
                "myhostname = mx.example.com",
                "mydomain = example.com",
                "mydestination = example.com",
                "mynetworks = 127.0.0.1/32",
                "alias_maps =",
                "alias_database =",
                "local_recipient_maps =",
                "smtpd_authorized_xclient_hosts = 127.0.0.1",
                "smtpd_peername_lookup = no",
                "maillog_file_prefixes = " + this.root,
                "maillog_file = " + this.root.resolve("maillog")));
        main.addAll(extraMainCf);
        Files.write(config.resolve("main.cf"), main);
    }

    public Path config() {
        return config;
    }

    public int port() {
        return port;
    }

    public String configValue(String parameter) {
        RealProgram.Result result = postconf("-h", parameter);
        if (result.exitCode() != 0) {
            throw new AssertionError(result.toString());
        }
        return result.out().strip();
    }

    public RealProgram.Result postconf(String... args) {
        List<String> command = new ArrayList<>(List.of("postconf", "-c", config.toString()));
        command.addAll(List.of(args));
        return RealProgram.run(command.toArray(String[]::new));
    }

    public String log() throws IOException {
        Path log = root.resolve("maillog");
        return Files.exists(log) ? Files.readString(log) : "";
    }

    public void start() throws IOException, InterruptedException {
        RealProgram.Result started = RealProgram.run("postfix", "-c", config.toString(), "start");
        if (started.exitCode() != 0) {
            throw new AssertionError("postfix start failed: " + started + log());
        }
        running = true;
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
                return;
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        throw new AssertionError("postfix did not listen on 127.0.0.1:" + port + " within 20 s\n" + log());
    }

    /**
     * Runs a script that reloads this running Postfix ({@code postfix reload}) and returns once the reload has
     * taken effect. The reload only signals the master and returns; until the master has handled it, an smtpd
     * started before it (start()'s own probe leaves one idle) still accepts sessions with the old tables. So this
     * waits for the master's "reload" log line and for every smtpd that was alive before the script to exit,
     * which they do when the master closes their status pipe.
     */
    public RealProgram.Result runReloading(Path workDir, String... command) throws IOException, InterruptedException {
        long master = Long.parseLong(Files.readString(root.resolve("queue/pid/master.pid")).strip());
        List<Long> before = smtpdChildren(master);
        long reloadsBefore = reloadsLogged();
        RealProgram.Result result = RealProgram.run(Duration.ofSeconds(60), Map.of("POSTFIX_CONFIG_DIR", config.toString()), workDir, command);
        if (result.exitCode() != 0) {
            return result;
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (reloadsLogged() <= reloadsBefore || smtpdChildren(master).stream().anyMatch(before::contains)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the reload did not take effect within 20 s (smtpd before: " + before
                        + ", now: " + smtpdChildren(master) + ")\n" + log());
            }
            Thread.sleep(50);
        }
        return result;
    }

    private long reloadsLogged() throws IOException {
        return log().lines().filter(line -> line.contains("postfix/master[") && line.contains(": reload -- version")).count();
    }

    /** Live smtpd processes whose parent is the master (zombies count as gone). */
    private static List<Long> smtpdChildren(long master) throws IOException {
        List<Long> children = new ArrayList<>();
        try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
            for (Path process : processes.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit)).toList()) {
                String stat;
                try {
                    stat = Files.readString(process.resolve("stat"));
                } catch (IOException gone) {
                    continue;
                }
                // pid (comm) state ppid ...; comm may hold spaces, so read after its closing parenthesis
                int close = stat.lastIndexOf(')');
                String[] rest = stat.substring(close + 2).split(" ");
                String comm = stat.substring(stat.indexOf('(') + 1, close);
                if (comm.equals("smtpd") && !rest[0].equals("Z") && Long.parseLong(rest[1]) == master) {
                    children.add(Long.parseLong(process.getFileName().toString()));
                }
            }
        }
        return children;
    }

    /** What Postfix answers to RCPT TO when {@code client} sends mail from {@code sender}. */
    public SmtpAnswer rcpt(String client, String sender, String recipient) throws IOException {
        SMTPClient smtp = new SMTPClient();
        smtp.setDefaultTimeout(10_000);
        smtp.connect("127.0.0.1", port);
        try {
            smtp.setSoTimeout(10_000);
            smtp.login("test.example");
            int xclient = smtp.sendCommand("XCLIENT ADDR=" + client + " NAME=[UNAVAILABLE]");
            if (xclient != 220) {
                throw new AssertionError("XCLIENT refused: " + smtp.getReplyString());
            }
            smtp.login("test.example");
            if (!smtp.setSender(sender)) {
                return new SmtpAnswer(smtp.getReplyCode(), smtp.getReplyString().strip());
            }
            smtp.addRecipient(recipient);
            return new SmtpAnswer(smtp.getReplyCode(), smtp.getReplyString().strip());
        } finally {
            if (SMTPReply.isPositiveCompletion(smtp.getReplyCode()) || smtp.isConnected()) {
                try {
                    smtp.logout();
                } catch (IOException ignored) {
                    // the answer is what matters
                }
                smtp.disconnect();
            }
        }
    }

    public record SmtpAnswer(int code, String text) { }

    @Override
    public void close() throws IOException {
        if (running) {
            RealProgram.run("postfix", "-c", config.toString(), "stop");
            running = false;
        }
        deleteTree(root);
    }

    public Map<String, String> environment() {
        return Map.of("POSTFIX_CONFIG_DIR", config.toString(), "WHITELIST_GEN_NO_RELOAD", "1");
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    public static void deleteTree(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(folder)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
