package dev.whitelistgen.profile;

import dev.whitelistgen.UserError;
import dev.whitelistgen.model.Profile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The profile versions found in the profile folders. A folder given with --profiles-dir comes first and
 * overrides a built-in version of the same name.
 */
public final class ProfileCatalog {

    private final List<Path> roots;
    private final ProfileLoader loader;
    private Map<String, Profile> byVersion;

    public ProfileCatalog(List<Path> roots, ProfileLoader loader) {
        this.roots = List.copyOf(roots);
        this.loader = loader;
    }

    /** Every version, oldest first by version name. */
    public List<Profile> all() {
        return List.copyOf(versions().values());
    }

    public Profile current() {
        List<Profile> current = all().stream().filter(p -> p.status() == Profile.Status.CURRENT).toList();
        if (current.size() != 1) {
            throw new UserError(UserError.Kind.INVALID_INPUT, "profiles: exactly one version must have status current, found "
                    + current.size() + (current.isEmpty() ? "" : " (" + String.join(", ", current.stream().map(Profile::version).toList()) + ")"));
        }
        return current.get(0);
    }

    /** A version name such as "2", or the path of a profile file. */
    public Profile resolve(String versionOrFile) {
        return resolve(versionOrFile, "--profile");
    }

    /** As {@link #resolve(String)}; {@code flag} names the option the value came from in errors (--from, --to). */
    public Profile resolve(String versionOrFile, String flag) {
        if (versionOrFile == null) {
            return current();
        }
        Path asFile = Path.of(versionOrFile);
        if (versionOrFile.endsWith(".yaml") || versionOrFile.endsWith(".yml") || versionOrFile.contains("/")) {
            if (!Files.isRegularFile(asFile)) {
                throw new UserError(UserError.Kind.IO, flag + ": cannot read the profile file '" + versionOrFile + "': "
                        + (Files.isDirectory(asFile) ? "it is a folder" : Files.exists(asFile) ? "not a regular file" : "no such file"));
            }
            return loader.load(asFile);
        }
        Profile profile = versions().get(versionOrFile);
        if (profile == null) {
            throw new UserError(UserError.Kind.USAGE, flag + ": unknown version '" + versionOrFile + "'; known versions: "
                    + String.join(", ", versions().keySet()) + " (or give a profile file)");
        }
        return profile;
    }

    private Map<String, Profile> versions() {
        if (byVersion != null) {
            return byVersion;
        }
        Map<String, Profile> found = new LinkedHashMap<>();
        List<UserError> errors = new ArrayList<>();
        for (Path root : roots) {
            for (Path file : profileFiles(root)) {
                try {
                    Profile profile = loader.load(file);
                    found.putIfAbsent(profile.version(), profile);
                } catch (InvalidProfileException e) {
                    errors.add(e);
                }
            }
        }
        if (!errors.isEmpty()) {
            throw new UserError(UserError.Kind.INVALID_INPUT, errors.stream().flatMap(e -> e.lines().stream()).toList());
        }
        Map<String, Profile> sorted = new LinkedHashMap<>();
        found.values().stream()
                .sorted(Comparator.comparing(Profile::version, ProfileCatalog::compareVersions))
                .forEach(p -> sorted.put(p.version(), p));
        byVersion = sorted;
        return byVersion;
    }

    private static List<Path> profileFiles(Path root) {
        if (!Files.isDirectory(root)) {
            throw new UserError(UserError.Kind.USAGE, "--profiles-dir: '" + root + "' is not a folder");
        }
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".yaml") && Files.isRegularFile(f))
                    .sorted(Comparator.comparing(Path::toString))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Numeric where both are numbers, so "10" sorts after "9". */
    static int compareVersions(String a, String b) {
        if (a.matches("\\d{1,9}") && b.matches("\\d{1,9}")) {
            return Integer.compare(Integer.parseInt(a), Integer.parseInt(b));
        }
        return a.compareTo(b);
    }
}
