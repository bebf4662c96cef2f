package dev.whitelistgen.app;

import dev.whitelistgen.Input;
import dev.whitelistgen.UserError;
import dev.whitelistgen.bundle.BundleTexts;
import dev.whitelistgen.model.Profile;
import dev.whitelistgen.profile.ProfileCatalog;
import dev.whitelistgen.render.TargetCatalog;
import dev.whitelistgen.render.TemplateRenderer;

/**
 * Where profiles, targets and their texts come from. {@code profileFiles}: whether a profile may be named by a file
 * path (the CLI) or only by a version of the catalog (serve's page must not read files its caller names).
 */
public record Sources(ProfileCatalog profiles, TargetCatalog targets, TemplateRenderer renderer, BundleTexts texts,
                      boolean profileFiles) {

    /** A version (or, where allowed, a profile file); null for the current version. */
    Profile profile(String given, Input input) {
        if (profileFiles || given == null) {
            return profiles.resolve(given, input);
        }
        for (Profile profile : profiles.all()) {
            if (profile.version().equals(given)) {
                return profile;
            }
        }
        throw new UserError(UserError.Kind.USAGE, input, "unknown version '" + given + "'; known versions: " + versions());
    }

    String versions() {
        return String.join(", ", profiles.all().stream().map(Profile::version).toList());
    }
}
