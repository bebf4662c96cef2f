package dev.whitelistgen.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.whitelistgen.testing.RealProgram;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Certificates made by openssl for the case, read back by the JDK. */
class HostnameMatcherTest {

    @TempDir
    Path dir;

    private X509Certificate certificate(String subject, String altNames) throws IOException, CertificateException {
        Path pem = dir.resolve("cert.pem");
        String[] base = {"openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
            "-keyout", dir.resolve("key.pem").toString(), "-out", pem.toString(), "-days", "2", "-subj", subject};
        String[] command = altNames == null ? base : concat(base, "-addext", "subjectAltName=" + altNames);
        RealProgram.Result made = RealProgram.run(Duration.ofSeconds(60), Map.of(), dir, command);
        assertThat(made.exitCode()).as(made.toString()).isZero();
        try (InputStream in = Files.newInputStream(pem)) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
    }

    private static String[] concat(String[] base, String... more) {
        String[] all = java.util.Arrays.copyOf(base, base.length + more.length);
        System.arraycopy(more, 0, all, base.length, more.length);
        return all;
    }

    @Test
    void wildcardCoversOneLabelOnly() throws Exception {
        X509Certificate cert = certificate("/CN=ignored.example", "DNS:*.mail.example,DNS:mx.other.example,IP:192.0.2.25");

        assertThat(HostnameMatcher.names(cert)).containsExactly("*.mail.example", "mx.other.example", "192.0.2.25");
        assertThat(HostnameMatcher.matches(cert, "mx1.mail.example")).isTrue();
        assertThat(HostnameMatcher.matches(cert, "MX1.Mail.Example.")).isTrue();
        assertThat(HostnameMatcher.matches(cert, "mail.example")).isFalse();
        assertThat(HostnameMatcher.matches(cert, "a.b.mail.example")).isFalse();
        assertThat(HostnameMatcher.matches(cert, "mx.other.example")).isTrue();
        assertThat(HostnameMatcher.matches(cert, "192.0.2.25")).isTrue();
        assertThat(HostnameMatcher.matches(cert, "ignored.example")).as("CN is not used when there are DNS names").isFalse();
    }

    @Test
    void commonNameOnlyWithoutAltNames() throws Exception {
        X509Certificate cert = certificate("/O=Test/CN=mx.legacy.example", null);

        assertThat(HostnameMatcher.names(cert)).containsExactly("mx.legacy.example");
        assertThat(HostnameMatcher.matches(cert, "mx.legacy.example")).isTrue();
    }
}
