package dev.whitelistgen.testing;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real Postfix smtpd on 127.0.0.1 and a port picked at run time, with its own configuration, queue and data
 * folders in a temporary folder (its master daemon, run with -c DIR -d). It accepts no mail for anyone (no local domains,
 * no relaying): tests only talk EHLO and STARTTLS to it.
 */
public final class PostfixServer implements AutoCloseable {

    private final Process process;
    private final Path dir;
    private final int port;

    private PostfixServer(Process process, Path dir, int port) {
        this.process = process;
        this.dir = dir;
        this.port = port;
    }

    /**
     * @param certificate PEM certificate and key files for STARTTLS, or null for a server without TLS
     */
    public static PostfixServer start(Path certificate, Path key) throws IOException {
        RealProgram.require("postfix");
        Path dir = Files.createTempDirectory("postfix-test");
        // The postfix user must reach data_directory inside it.
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path data = Files.createDirectory(dir.resolve("data"));
        RealProgram.Result chown = RealProgram.run("chown", "postfix", data.toString());
        if (chown.exitCode() != 0) {
            throw new AssertionError("cannot give " + data + " to the postfix user:\n" + chown.all());
        }
        // The folders master needs; postfix-script would make them too, but its checks take seconds.
        Path queue = Files.createDirectory(dir.resolve("queue"));
        Files.createDirectory(queue.resolve("pid"));
        for (String owned : List.of("public", "private")) {
            Path folder = Files.createDirectory(queue.resolve(owned));
            RealProgram.Result own = RealProgram.run("chown", "postfix", folder.toString());
            if (own.exitCode() != 0) {
                throw new AssertionError("cannot give " + folder + " to the postfix user:\n" + own.all());
            }
        }
        Files.setPosixFilePermissions(queue.resolve("private"), PosixFilePermissions.fromString("rwx------"));
        int port = freePort();
        StringBuilder main = new StringBuilder()
                .append("compatibility_level = 3.6\n")
                .append("queue_directory = ").append(dir.resolve("queue")).append('\n')
                .append("data_directory = ").append(data).append('\n')
                .append("mail_owner = postfix\n")
                .append("inet_interfaces = 127.0.0.1\n")
                .append("inet_protocols = ipv4\n")
                .append("myhostname = mx.test.example\n")
                .append("mydestination =\n")
                .append("alias_maps =\n")
                .append("alias_database =\n")
                .append("maillog_file = /dev/stdout\n");
        if (certificate != null) {
            main.append("smtpd_tls_security_level = may\n")
                    .append("smtpd_tls_cert_file = ").append(certificate).append('\n')
                    .append("smtpd_tls_key_file = ").append(key).append('\n');
        } else {
            main.append("smtpd_tls_security_level = none\n");
        }
        Files.writeString(dir.resolve("main.cf"), main.toString(), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("master.cf"), String.join("\n",
                "127.0.0.1:" + port + " inet n - n - - smtpd",
                "postlog unix-dgram n - n - 1 postlogd",
                "anvil unix - - n - 1 anvil",
                "proxymap unix - - n - - proxymap",
                "tlsmgr unix - - n 1000? 1 tlsmgr",
                ""), StandardCharsets.UTF_8);
        Path log = dir.resolve("postfix.log");
        // Postfix's own master daemon in the foreground (what "postfix start-fg" runs after its checks).
        Path master = Path.of(RealProgram.run("postconf", "-c", dir.toString(), "-h", "daemon_directory").out().strip(), "master");
        Process process = new ProcessBuilder(master.toString(), "-c", dir.toString(), "-d")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        PostfixServer server = new PostfixServer(process, dir, port);
        server.awaitGreeting(Duration.ofSeconds(30), log);
        return server;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private void awaitGreeting(Duration limit, Path log) throws IOException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError("postfix exited with " + process.exitValue() + ":\n" + Files.readString(log));
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 500);
                socket.setSoTimeout(2000);
                InputStream in = socket.getInputStream();
                byte[] greeting = new byte[3];
                if (in.readNBytes(greeting, 0, 3) == 3 && new String(greeting, StandardCharsets.US_ASCII).equals("220")) {
                    socket.getOutputStream().write("QUIT\r\n".getBytes(StandardCharsets.US_ASCII));
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
        throw new AssertionError("postfix did not greet on port " + port + " within " + limit + ":\n" + Files.readString(log));
    }

    public int port() {
        return port;
    }

    /** What Postfix logged so far. */
    public String log() throws IOException {
        return Files.readString(dir.resolve("postfix.log"));
    }

    /**
     * A self-signed certificate and key made by openssl for a host name, written into a new folder in {@code parent}.
     * @return the certificate file; the key is "key.pem" beside it
     */
    public static Path selfSignedCertificate(Path parent, String hostName) throws IOException {
        Path dir = readableFolder(parent, "self-signed");
        Path certificate = dir.resolve("cert.pem");
        RealProgram.Result made = RealProgram.run(Duration.ofSeconds(60), Map.of(), dir, "openssl", "req", "-x509",
                "-newkey", "rsa:2048", "-nodes", "-keyout", dir.resolve("key.pem").toString(), "-out", certificate.toString(),
                "-days", "30", "-subj", "/CN=" + hostName, "-addext", "subjectAltName=DNS:" + hostName);
        if (made.exitCode() != 0) {
            throw new AssertionError("openssl could not make a test certificate:\n" + made.all());
        }
        return certificate;
    }

    /**
     * A test CA and a certificate it signed for a host name, made by openssl, plus a PKCS#12 trust store
     * (password "changeit") holding the CA, for -Djavax.net.ssl.trustStore; in a new folder in {@code parent}.
     * @return the certificate file; "key.pem" and "trust.p12" are beside it
     */
    public static Path caSignedCertificate(Path parent, String hostName) throws IOException {
        Path dir = readableFolder(parent, "ca-signed");
        Files.writeString(dir.resolve("server.ext"), "subjectAltName=DNS:" + hostName + "\nextendedKeyUsage=serverAuth\n");
        List<List<String>> steps = List.of(
                List.of("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key", "-out", "ca.pem",
                        "-days", "30", "-subj", "/CN=whitelist-gen test CA", "-addext", "basicConstraints=critical,CA:TRUE",
                        "-addext", "keyUsage=critical,keyCertSign,cRLSign"),
                List.of("openssl", "req", "-newkey", "rsa:2048", "-nodes", "-keyout", "key.pem", "-out", "server.csr",
                        "-subj", "/CN=" + hostName),
                List.of("openssl", "x509", "-req", "-in", "server.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial",
                        "-out", "cert.pem", "-days", "30", "-extfile", "server.ext"),
                List.of("keytool", "-importcert", "-noprompt", "-alias", "test-ca", "-file", "ca.pem", "-keystore", "trust.p12",
                        "-storetype", "PKCS12", "-storepass", "changeit"));
        for (List<String> step : steps) {
            RealProgram.Result result = RealProgram.run(Duration.ofSeconds(60), Map.of(), dir, step.toArray(String[]::new));
            if (result.exitCode() != 0) {
                throw new AssertionError(String.join(" ", step) + " failed:\n" + result.all());
            }
        }
        return dir.resolve("cert.pem");
    }

    /** Postfix reads the key as root before dropping privileges, but the folders on the way must be searchable. */
    private static Path readableFolder(Path parent, String name) throws IOException {
        Files.setPosixFilePermissions(parent, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path dir = Files.createDirectory(parent.resolve(name));
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        return dir;
    }

    @Override
    public void close() throws IOException {
        process.destroy(); // SIGTERM: master stops its services and exits
        try {
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            List<Path> paths = walk.sorted(Comparator.reverseOrder()).toList();
            for (Path p : paths) {
                Files.deleteIfExists(p);
            }
        }
    }
}
