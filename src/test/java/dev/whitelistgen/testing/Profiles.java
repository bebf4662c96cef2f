package dev.whitelistgen.testing;

import dev.whitelistgen.model.NetworkPolicy;
import dev.whitelistgen.model.Profile;
import dev.whitelistgen.model.Server;
import dev.whitelistgen.profile.ProfileCatalog;
import dev.whitelistgen.profile.ProfileLoader;
import java.util.List;

/** The repository's own profiles, loaded as the tool loads them, for tests that build fixtures from their data. */
public final class Profiles {

    private Profiles() {
    }

    public static ProfileCatalog catalog() {
        return new ProfileCatalog(List.of(Repo.path("profiles")), new ProfileLoader(NetworkPolicy.DEFAULT));
    }

    public static Profile current() {
        return catalog().current();
    }

    public static Profile version(String version) {
        return catalog().resolve(version);
    }

    public static Server server(String id) {
        return current().server(id).orElseThrow();
    }

    /** "ip4:a ip4:b …" for every network of a server. */
    public static String spfTerms(Server server) {
        StringBuilder terms = new StringBuilder();
        server.networks().forEach(n -> terms.append(terms.length() == 0 ? "" : " ").append(n.isIpv4() ? "ip4:" : "ip6:").append(n));
        return terms.toString();
    }
}
