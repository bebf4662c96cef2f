package dev.whitelistgen.request;

import dev.whitelistgen.model.Profile;
import java.util.List;

/**
 * A profile and how a "Reproduce" line names it: by its version, or as the file the user gave (a draft's version
 * may be one that is built in too). {@code earlier}: the versions it supersedes, newest first
 * ({@code ProfileCatalog.earlierThan}), so that outputs can name what those allowed and this one does not, to take
 * it away again (issue 23); empty where no catalogue was asked.
 */
public record ChosenProfile(Profile profile, String argument, List<Profile> earlier) {

    public ChosenProfile {
        earlier = List.copyOf(earlier);
    }

    public ChosenProfile(Profile profile, String argument) {
        this(profile, argument, List.of());
    }

    public static ChosenProfile byVersion(Profile profile) {
        return new ChosenProfile(profile, profile.version());
    }

    /** {@code given}: the --profile value as typed, or null for the current version. */
    public static ChosenProfile asGiven(String given, Profile profile) {
        return new ChosenProfile(profile, given == null || given.equals(profile.version()) ? profile.version() : given);
    }

    /** The same choice, knowing the versions it supersedes. */
    public ChosenProfile withEarlier(List<Profile> versions) {
        return new ChosenProfile(profile, argument, versions);
    }
}
