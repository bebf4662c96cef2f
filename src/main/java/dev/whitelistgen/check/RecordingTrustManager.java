package dev.whitelistgen.check;

import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * Lets the handshake finish whatever the certificate, and records whether the JDK's own PKIX validation
 * (its CA store) accepts the chain: a check must report a self-signed certificate, not stop at it. Nothing is
 * ever sent over this connection but EHLO and QUIT.
 */
final class RecordingTrustManager extends X509ExtendedTrustManager {

    private final X509TrustManager system;
    private X509Certificate[] chain;
    private String problem;

    RecordingTrustManager() {
        try {
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init((KeyStore) null);
            X509TrustManager found = null;
            for (TrustManager manager : factory.getTrustManagers()) {
                if (manager instanceof X509TrustManager x509) {
                    found = x509;
                }
            }
            if (found == null) {
                throw new IllegalStateException("the JDK offers no X.509 trust manager");
            }
            system = found;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot load the JDK's trusted certificates: " + e.getMessage(), e);
        }
    }

    X509Certificate[] chain() {
        return chain;
    }

    /** Why the chain does not validate, or null when it does. */
    String problem() {
        return problem;
    }

    private void record(X509Certificate[] serverChain, String authType) {
        chain = serverChain.clone();
        try {
            system.checkServerTrusted(serverChain, authType);
            problem = null;
        } catch (CertificateException | IllegalArgumentException e) {
            problem = rootCause(e);
        }
    }

    private static String rootCause(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    }

    @Override
    public void checkServerTrusted(X509Certificate[] serverChain, String authType, Socket socket) {
        record(serverChain, authType);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] serverChain, String authType, SSLEngine engine) {
        record(serverChain, authType);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] serverChain, String authType) {
        record(serverChain, authType);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] clientChain, String authType, Socket socket) throws CertificateException {
        throw new CertificateException("not a server");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] clientChain, String authType, SSLEngine engine) throws CertificateException {
        throw new CertificateException("not a server");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] clientChain, String authType) throws CertificateException {
        throw new CertificateException("not a server");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return system.getAcceptedIssuers();
    }
}
