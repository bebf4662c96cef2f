package dev.whitelistgen.check;

import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;

/**
 * Whether a server certificate is for a host name (RFC 6125 §6.4): DNS names of the subjectAltName, a "*"
 * only as the whole left-most label and matching one label; IP addresses against IP entries; the subject's
 * CN only when the certificate has no DNS names.
 */
final class HostnameMatcher {

    private HostnameMatcher() {
    }

    /** The names the certificate is for: DNS and IP subjectAltNames, else its CN. */
    static List<String> names(X509Certificate certificate) {
        List<String> names = new ArrayList<>();
        try {
            Collection<List<?>> alternatives = certificate.getSubjectAlternativeNames();
            if (alternatives != null) {
                for (List<?> entry : alternatives) {
                    int type = (Integer) entry.get(0);
                    if (type == 2 || type == 7) {
                        names.add(entry.get(1).toString());
                    }
                }
            }
        } catch (CertificateParsingException e) {
            // an unreadable extension names nothing
        }
        if (names.isEmpty()) {
            commonName(certificate).ifPresent(names::add);
        }
        return names;
    }

    static boolean matches(X509Certificate certificate, String host) {
        String wanted = strip(host).toLowerCase(Locale.ROOT);
        for (String name : names(certificate)) {
            if (matchesName(strip(name).toLowerCase(Locale.ROOT), wanted)) {
                return true;
            }
        }
        return false;
    }

    private static boolean matchesName(String pattern, String host) {
        if (!pattern.startsWith("*.")) {
            return pattern.equals(host);
        }
        int dot = host.indexOf('.');
        return dot > 0 && host.substring(dot).equals(pattern.substring(1)) && pattern.indexOf('.', 2) > 0;
    }

    private static java.util.Optional<String> commonName(X509Certificate certificate) {
        try {
            for (Rdn rdn : new LdapName(certificate.getSubjectX500Principal().getName()).getRdns()) {
                if (rdn.getType().equalsIgnoreCase("CN")) {
                    return java.util.Optional.of(rdn.getValue().toString());
                }
            }
        } catch (InvalidNameException e) {
            // no usable subject
        }
        return java.util.Optional.empty();
    }

    private static String strip(String name) {
        return name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
    }
}
