package dev.whitelistgen.request;

import dev.whitelistgen.model.Profile;

/**
 * A profile and how a "Reproduce" line names it: by its version, or as the file the user gave (a draft's version
 * may be one that is built in too).
 */
public record ChosenProfile(Profile profile, String argument) {

    public static ChosenProfile byVersion(Profile profile) {
        return new ChosenProfile(profile, profile.version());
    }

    /** {@code given}: the --profile value as typed, or null for the current version. */
    public static ChosenProfile asGiven(String given, Profile profile) {
        return new ChosenProfile(profile, given == null || given.equals(profile.version()) ? profile.version() : given);
    }
}
