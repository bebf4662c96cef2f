package dev.whitelistgen.model;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Finds the server a customer is on from the address their browser shows when logged in to Netigate: the
 * articles' rule (netigate.se means Azure, ntgt.de means DACH), read from each server's host aliases in the
 * profile, so a new profile version with other hosts needs no code change.
 */
public final class LoginUrl {

    private LoginUrl() {
    }

    /** @throws IllegalArgumentException naming the known hosts when the URL is not one of a server's hosts */
    public static Server server(Profile profile, String url) {
        String host = host(url);
        List<Server> matching = new ArrayList<>();
        for (Server server : profile.servers()) {
            // A host matches its alias exactly or as a subdomain ("www.ntgt.de"); never by a bare suffix ("evil-ntgt.de").
            if (server.hostAliases().stream().anyMatch(alias -> host.equals(alias) || host.endsWith("." + alias))) {
                matching.add(server);
            }
        }
        if (matching.size() == 1) {
            return matching.get(0);
        }
        String known = String.join(", ", profile.servers().stream()
                .flatMap(s -> s.hostAliases().stream().map(alias -> alias + " → " + s.id())).toList());
        if (matching.isEmpty()) {
            throw new IllegalArgumentException("'" + host + "' is not a Netigate login host; known hosts (and subdomains): " + known);
        }
        throw new IllegalArgumentException("'" + host + "' matches several servers (" + String.join(", ",
                matching.stream().map(Server::id).toList()) + "); give --server");
    }

    /** The host of an http(s) URL; "ntgt.de/login" as pasted without a scheme is read as https. */
    static String host(String url) {
        String text = url.strip();
        String withScheme = text.contains("://") ? text : "https://" + text;
        URI uri;
        try {
            uri = new URI(withScheme);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("'" + url + "' is not a URL: " + e.getReason());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http")) {
            throw new IllegalArgumentException("'" + url + "' is not an http(s) URL");
        }
        String host = uri.getHost();
        if (host == null || host.isEmpty()) {
            throw new IllegalArgumentException("'" + url + "' has no host name");
        }
        host = host.toLowerCase(Locale.ROOT);
        return host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
    }
}
