package dev.whitelistgen.render;

import dev.whitelistgen.model.DomainName;
import dev.whitelistgen.model.Profile;
import dev.whitelistgen.model.Server;
import dev.whitelistgen.model.SpfMode;
import dev.whitelistgen.spf.SpfRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/** Everything one rendering of one target for one server depends on, and nothing else. */
public record RenderRequest(
        Target target,
        Profile profile,
        Server server,
        List<DomainName> customerDomains,
        SortedMap<DomainName, SpfRecord> existingSpf,
        SpfMode spfMode,
        SortedSet<String> flags,
        String language,
        String profileArgument,
        List<Profile> earlierVersions) {

    public RenderRequest {
        customerDomains = List.copyOf(new TreeSet<>(customerDomains));
        earlierVersions = List.copyOf(earlierVersions);
        existingSpf = new TreeMap<>(existingSpf);
        flags = new TreeSet<>(flags);
    }

    public static RenderRequest of(Target target, Profile profile, Server server, List<DomainName> domains,
                                   Map<DomainName, SpfRecord> existingSpf, SpfMode spfMode, Set<String> flags) {
        return of(target, profile, server, domains, existingSpf, spfMode, flags, TargetTexts.DEFAULT_LANGUAGE, profile.version(), List.of());
    }

    /**
     * {@code language}: of the target's prose (a bundle's --lang; standalone output is English).
     * {@code profileArgument}: the --profile value that reproduces the output, a version or the profile file as given.
     * {@code earlierVersions}: the versions {@code profile} supersedes, newest first.
     */
    public static RenderRequest of(Target target, Profile profile, Server server, List<DomainName> domains,
                                   Map<DomainName, SpfRecord> existingSpf, SpfMode spfMode, Set<String> flags,
                                   String language, String profileArgument, List<Profile> earlierVersions) {
        return new RenderRequest(target, profile, server, domains, new TreeMap<>(existingSpf), spfMode, new TreeSet<>(flags),
                language, profileArgument, earlierVersions);
    }

    /** The command that reproduces this output, for the header of every file (never --output or folders). */
    public String commandLine() {
        List<String> words = new ArrayList<>(List.of("whitelist-gen", "--target", target.name(), "--server", server.id(),
                "--profile", Escapers.shellWord(profileArgument)));
        for (DomainName domain : customerDomains) {
            words.add("--domain");
            words.add(domain.name());
        }
        if (target.spfRecords()) {
            for (Map.Entry<DomainName, SpfRecord> existing : existingSpf.entrySet()) {
                words.add("--existing-spf");
                words.add(Escapers.shell(existing.getKey() + "=" + existing.getValue().text()));
            }
            if (spfMode != SpfMode.AUTO) {
                words.add("--spf-mode");
                words.add(spfMode.name().toLowerCase(java.util.Locale.ROOT));
            }
        }
        for (String flag : flags) {
            words.add("--" + flag);
        }
        return String.join(" ", words);
    }
}
