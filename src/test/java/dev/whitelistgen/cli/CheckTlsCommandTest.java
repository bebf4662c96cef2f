package dev.whitelistgen.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.whitelistgen.testing.Cli;
import dev.whitelistgen.testing.NamedServer;
import dev.whitelistgen.testing.PostfixInstance;
import dev.whitelistgen.testing.RealProgram;
import dev.whitelistgen.testing.TestCertificates;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `check tls` against two real Postfix instances on loopback: one with STARTTLS and a self-signed certificate
 * made here by openssl, one without TLS. A named serves the MX record for the --domain form.
 */
class CheckTlsCommandTest {

    private static final String MX = "mx.tls.example";
    private static PostfixInstance withTls;
    private static PostfixInstance withoutTls;
    private static PostfixInstance withTrustedCertificate;
    private static Path trustStore;

    @TempDir
    static Path certificates;
    private static NamedServer named;

    @BeforeAll
    static void startServers() throws IOException {
        // Checked here, on the test's own thread: a skip thrown inside a future arrives wrapped and counts as an error.
        RealProgram.require("postfix");
        RealProgram.require("openssl");
        Path certificate = TestCertificates.selfSigned(certificates, MX);
        // Postfix takes a few seconds to start (postfix-script checks its folders): start both at once.
        CompletableFuture<PostfixInstance> tls = CompletableFuture.supplyAsync(() -> start(certificate));
        CompletableFuture<PostfixInstance> plain = CompletableFuture.supplyAsync(() -> start(null));
        Path signed = TestCertificates.caSigned(certificates, MX);
        trustStore = signed.resolveSibling("trust.p12");
        CompletableFuture<PostfixInstance> trusted = CompletableFuture.supplyAsync(() -> start(signed));
        withTls = tls.join();
        withoutTls = plain.join();
        withTrustedCertificate = trusted.join();
        named = NamedServer.start(Map.of("tls.example", NamedServer.zone("tls.example", """
                @\tIN\tMX\t10 mx.tls.example.
                mx\tIN\tA\t127.0.0.1
                """)));
    }

    private static PostfixInstance start(Path certificate) {
        List<String> tls = certificate == null ? List.of("smtpd_tls_security_level = none") : List.of(
                "smtpd_tls_security_level = may",
                "smtpd_tls_cert_file = " + certificate,
                "smtpd_tls_key_file = " + certificate.resolveSibling("key.pem"));
        try {
            PostfixInstance postfix = new PostfixInstance(PostfixInstance.newRoot(), tls);
            postfix.start();
            return postfix;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @AfterAll
    static void stopServers() throws IOException {
        for (AutoCloseable server : new AutoCloseable[] {withTls, withoutTls, withTrustedCertificate, named}) {
            try {
                if (server != null) {
                    server.close();
                }
            } catch (Exception e) {
                throw new IOException("cannot stop a test server", e);
            }
        }
    }

    @Test
    void starttlsWithASelfSignedCertificatePassesAndSaysTheCertificateDoesNotValidate() {
        Cli.Result result = Cli.run("check", "tls", "--mx", "127.0.0.1", "--port", Integer.toString(withTls.port()), "--timeout", "5");

        String where = "127.0.0.1:" + withTls.port();
        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.out()).contains("ok   " + where + ": STARTTLS offered")
                .containsPattern("ok   " + where + ": TLSv1\\.[23], TLS_")
                .contains("info " + where + ": certificate subject CN=" + MX)
                .contains("info " + where + ": certificate issuer CN=" + MX)
                .containsPattern("info " + where + ": certificate expires \\d{4}-\\d\\d-\\d\\dT")
                .contains("warn " + where + ": certificate does not validate for 127.0.0.1: the chain does not validate"
                        + " against the JDK's trusted CAs (self-signed; ")
                .contains("it is not for 127.0.0.1 (it names " + MX + ")")
                .endsWith("PASS: 127.0.0.1 offers STARTTLS\n");
    }

    @Test
    void theMxOfADomainIsFoundAndItsNameMatchesTheCertificate() throws IOException {
        Cli.Result result = Cli.run("check", "tls", "--domain", "tls.example", "--dns-server", named.address(),
                "--port", Integer.toString(withTls.port()));

        String where = MX + ":" + withTls.port();
        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.out()).contains("ok   " + where + ": STARTTLS offered")
                .contains("warn " + where + ": certificate does not validate for " + MX + ": the chain does not validate")
                .doesNotContain("it is not for")
                // Issue 15, point 9: the MX names the host a gateway would be.
                .startsWith("info MX of tls.example: " + MX + " (not Exchange Online's *.mail.protection.outlook.com): if that is a"
                        + " filtering gateway");
        assertThat(withTls.log()).contains("ehlo=2 starttls=1 quit=1");
    }

    @Test
    void aCertificateFromATrustedCaValidatesForItsName() {
        // The JDK's PKIX validation reads its trust store from these properties; the test CA stands in for a public CA.
        String oldStore = System.getProperty("javax.net.ssl.trustStore");
        String oldPassword = System.getProperty("javax.net.ssl.trustStorePassword");
        System.setProperty("javax.net.ssl.trustStore", trustStore.toString());
        System.setProperty("javax.net.ssl.trustStorePassword", "changeit");
        try {
            String port = Integer.toString(withTrustedCertificate.port());
            Cli.Result byName = Cli.run("check", "tls", "--domain", "tls.example", "--dns-server", named.address(), "--port", port, "--strict");
            Cli.Result byAddress = Cli.run("check", "tls", "--mx", "127.0.0.1", "--port", port, "--strict");

            assertThat(byName.exitCode()).as(byName.toString()).isZero();
            assertThat(byName.out()).contains("info " + MX + ":" + port + ": certificate issuer CN=whitelist-gen test CA")
                    .contains("ok   " + MX + ":" + port + ": certificate validates for " + MX)
                    .endsWith("PASS: " + MX + " offers STARTTLS with a valid certificate\n");
            assertThat(byAddress.exitCode()).as(byAddress.toString()).isEqualTo(ExitCodes.DIFFERENT);
            assertThat(byAddress.out()).contains("fail 127.0.0.1:" + port + ": certificate does not validate for 127.0.0.1: it is not for"
                    + " 127.0.0.1 (it names " + MX + ")");
        } finally {
            restore("javax.net.ssl.trustStore", oldStore);
            restore("javax.net.ssl.trustStorePassword", oldPassword);
        }
    }

    private static void restore(String property, String value) {
        if (value == null) {
            System.clearProperty(property);
        } else {
            System.setProperty(property, value);
        }
    }

    @Test
    void strictFailsOnACertificateThatDoesNotValidate() {
        Cli.Result result = Cli.run("check", "tls", "--mx", "127.0.0.1", "--port", Integer.toString(withTls.port()), "--strict");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.DIFFERENT);
        assertThat(result.out()).contains("fail 127.0.0.1:" + withTls.port() + ": certificate does not validate")
                .endsWith("FAIL: STARTTLS with a valid certificate is missing on 1 of 1 host(s)\n");
    }

    @Test
    void aServerWithoutTlsFails() {
        Cli.Result result = Cli.run("check", "tls", "--mx", "127.0.0.1", "--port", Integer.toString(withoutTls.port()));

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.DIFFERENT);
        assertThat(result.out()).contains("fail 127.0.0.1:" + withoutTls.port() + ": STARTTLS is not offered")
                .endsWith("FAIL: STARTTLS is missing on 1 of 1 host(s)\n");
    }

    @Test
    void jsonForMachines() {
        Cli.Result result = Cli.run("check", "tls", "--mx", "127.0.0.1", "--port", Integer.toString(withoutTls.port()), "--json");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.DIFFERENT);
        assertThat(result.out()).contains("\"passed\": false").contains("\"starttls\": false");
    }

    @Test
    void aClosedPortIsANetworkErrorWithinTheTimeout() throws IOException {
        int closed;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }
        long start = System.nanoTime();
        Cli.Result result = Cli.run("check", "tls", "--mx", "127.0.0.1", "--port", Integer.toString(closed), "--timeout", "2");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.NETWORK);
        assertThat(result.err()).startsWith("whitelist-gen: check tls: cannot connect to 127.0.0.1:" + closed + ": ")
                .hasLineCount(1).doesNotContain("\tat ");
        assertThat((System.nanoTime() - start) / 1_000_000_000L).isLessThan(10);
    }

    @Test
    void aServerThatNeverGreetsTimesOut() throws IOException {
        try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            long start = System.nanoTime();
            Cli.Result result = Cli.run("check", "tls", "--mx", "127.0.0.1", "--port", Integer.toString(silent.getLocalPort()),
                    "--timeout", "1");

            assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.DIFFERENT);
            assertThat(result.out()).contains(": no answer to the greeting within 1 s");
            assertThat((System.nanoTime() - start) / 1_000_000_000L).isLessThan(5);
        }
    }

    @Test
    void aDomainThatDoesNotExistIsNotOneWithoutMx() {
        Cli.Result result = Cli.run("check", "tls", "--domain", "nowhere.tls.example", "--dns-server", named.address());

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.NETWORK);
        assertThat(result.err()).isEqualTo("whitelist-gen: check tls: nowhere.tls.example does not exist (NXDOMAIN);"
                + " check the spelling of --domain\n");
    }

    @Test
    void eitherMxOrDomain() {
        Cli.Result result = Cli.run("check", "tls");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err()).isEqualTo("whitelist-gen: check tls: give either --mx HOST or --domain DOMAIN\n");
    }
}
