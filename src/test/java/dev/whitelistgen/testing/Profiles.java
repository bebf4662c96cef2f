package dev.whitelistgen.testing;

import dev.whitelistgen.model.NetworkPolicy;
import dev.whitelistgen.model.Profile;
import dev.whitelistgen.profile.ProfileCatalog;
import dev.whitelistgen.profile.ProfileLoader;
import java.util.List;

/** The repository's own profiles, loaded as the tool loads them. */
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
}
