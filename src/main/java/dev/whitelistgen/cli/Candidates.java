package dev.whitelistgen.cli;

import dev.whitelistgen.BuiltInResources;
import dev.whitelistgen.bundle.BundleTexts;
import dev.whitelistgen.model.NetworkPolicy;
import dev.whitelistgen.model.Profile;
import dev.whitelistgen.model.Server;
import dev.whitelistgen.profile.ProfileCatalog;
import dev.whitelistgen.profile.ProfileLoader;
import dev.whitelistgen.render.TargetCatalog;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * The values an option takes, for --help (${COMPLETION-CANDIDATES} in a description) and the shell completion
 * script. Read from the built-in templates and profiles when iterated, never when picocli builds its model, so a
 * run that shows no help reads nothing more. A --templates-dir or --profiles-dir can add more than these.
 */
final class Candidates {

    private Candidates() {
    }

    /** Every built-in target, and all. */
    static final class Targets implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            List<String> names = new ArrayList<>(new TargetCatalog(List.of(BuiltInResources.folder("templates"))).names());
            names.add("all");
            return names.iterator();
        }
    }

    /** The current built-in profile's servers, each id then its aliases. */
    static final class Servers implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            List<String> names = new ArrayList<>();
            for (Server server : builtInProfiles().current().servers()) {
                names.add(server.id());
                names.addAll(server.aliases());
            }
            return names.iterator();
        }
    }

    /** The built-in profile versions (--profile also takes a profile file, which completion does not offer). */
    static final class ProfileVersions implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return builtInProfiles().all().stream().map(Profile::version).iterator();
        }
    }

    static final class Languages implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return new BundleTexts(List.of(BuiltInResources.folder("templates"))).languages().iterator();
        }
    }

    static final class SpfModes implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return List.of("auto", "include", "ip").iterator();
        }
    }

    /** What --behind takes: the gateways with a target of their own, and other. */
    static final class Gateways implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return dev.whitelistgen.model.Flag.GATEWAYS.iterator();
        }
    }

    private static ProfileCatalog builtInProfiles() {
        return new ProfileCatalog(List.of(BuiltInResources.folder("profiles")), new ProfileLoader(new NetworkPolicy(24, 48)));
    }
}
