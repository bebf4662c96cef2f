package dev.whitelistgen.web;

import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The host names serve answers to. A page of another site that makes its own name resolve to this machine (DNS
 * rebinding) sends its own name as Host, and a cross-site form sends its own Origin: both are refused, so no other
 * site can read an answer or start a download in a user's browser. Ports are not compared: a reverse proxy may
 * forward its own.
 */
final class ServedHosts {

    private static final Pattern NAME = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*");

    private final Set<String> names;

    private ServedHosts(Set<String> names) {
        this.names = Collections.unmodifiableSet(names);
    }

    /**
     * Loopback names, the address serve listens on (every address of this machine when that is the wildcard) and the
     * names given with --public-host. An IP literal cannot be rebound, but only this machine's own are its names.
     */
    static ServedHosts of(InetAddress bind, List<String> publicHosts) {
        Set<String> names = new TreeSet<>(List.of("localhost", "127.0.0.1", "[::1]"));
        if (bind.isAnyLocalAddress()) {
            try {
                for (NetworkInterface network : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                    Collections.list(network.getInetAddresses()).forEach(address -> names.add(literal(address)));
                }
            } catch (SocketException e) {
                // no list of interfaces: the loopback names and --public-host still work
            }
        } else {
            names.add(literal(bind));
        }
        for (String host : publicHosts) {
            names.add(checkedPublicHost(host));
        }
        return new ServedHosts(names);
    }

    /** A --public-host value as the Host header carries it: a name or an IP literal, lower case, no port or scheme. */
    static String checkedPublicHost(String host) {
        String name = host.toLowerCase(Locale.ROOT);
        name = name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
        if (NAME.matcher(name).matches() && name.length() <= 253) {
            return name;
        }
        if (name.startsWith("[") && name.endsWith("]") && name.substring(1, name.length() - 1).matches("[0-9a-f:.]+")) {
            return name;
        }
        throw new IllegalArgumentException("'" + host + "' is not a host name; give the name alone, as the browser's"
                + " address bar shows it, without scheme, port or path (example: whitelist.intra.example)");
    }

    private static String literal(InetAddress address) {
        String text = address.getHostAddress();
        int scope = text.indexOf('%');
        text = scope < 0 ? text : text.substring(0, scope);
        return text.contains(":") ? "[" + text.toLowerCase(Locale.ROOT) + "]" : text;
    }

    /** A Host header value ({@code name[:port]}, {@code [v6][:port]}). */
    boolean servesHost(String hostHeader) {
        String host = hostHeader.strip().toLowerCase(Locale.ROOT);
        int colon = host.lastIndexOf(':');
        if (colon >= 0 && colon > host.lastIndexOf(']')) {
            if (!host.substring(colon + 1).matches("\\d{0,5}")) {
                return false;
            }
            host = host.substring(0, colon);
        }
        host = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
        return names.contains(host);
    }

    /** An Origin header value ({@code scheme://host[:port]}); "null" (a sandboxed page or a local file) is no site of ours. */
    boolean servesOrigin(String origin) {
        try {
            URI uri = new URI(origin.strip());
            String host = uri.getRawAuthority();
            return uri.getScheme() != null && uri.getScheme().matches("(?i)https?") && host != null && uri.getRawPath().isEmpty()
                    && !host.contains("@") && servesHost(host);
        } catch (URISyntaxException e) {
            return false;
        }
    }

    Set<String> names() {
        return names;
    }
}
