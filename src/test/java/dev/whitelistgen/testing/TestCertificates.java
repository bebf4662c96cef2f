package dev.whitelistgen.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Certificates made by the real openssl for TLS tests (a test Postfix serves them). */
public final class TestCertificates {

    private TestCertificates() {
    }

    /**
     * A self-signed certificate and key made by openssl for a host name, written into a new folder in {@code parent}.
     * @return the certificate file; the key is "key.pem" beside it
     */
    public static Path selfSigned(Path parent, String hostName) throws IOException {
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
    public static Path caSigned(Path parent, String hostName) throws IOException {
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
}
