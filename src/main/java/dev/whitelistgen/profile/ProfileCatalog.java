package dev.whitelistgen.profile;

import dev.whitelistgen.Input;
import dev.whitelistgen.UserError;
import dev.whitelistgen.yaml.InvalidYamlException;
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
import java.util.Optional;
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

    private static ProfileCatalog shipped;

    /**
     * The versions this build ships (its built-in profiles/, read once): what an earlier run of the tool may have
     * installed, whatever --profiles-dir says now.
     */
    public static synchronized ProfileCatalog shipped() {
        if (shipped == null) {
            shipped = new ProfileCatalog(List.of(dev.whitelistgen.BuiltInResources.folder("profiles")),
                    new ProfileLoader(dev.whitelistgen.model.NetworkPolicy.DEFAULT));
        }
        return shipped;
    }

    /** Every version not later than {@code version} (that one included), oldest first. */
    public List<Profile> upTo(String version) {
        return versions().values().stream().filter(p -> compareVersions(p.version(), version) <= 0).toList();
    }

    /** Every version, oldest first by version name. */
    public List<Profile> all() {
        return List.copyOf(versions().values());
    }

    /** The one version with status current (the catalogue refuses to load with none or several). */
    public Profile current() {
        return versions().values().stream().filter(p -> p.status() == Profile.Status.CURRENT).findFirst().orElseThrow();
    }

    /**
     * Every problem of the catalogue, without stopping at the first: files that do not load, and what no single
     * file can show (two current versions, a version given twice in one folder, a supersedes naming no version).
     */
    public List<String> problems() {
        return load().problems();
    }

    /** A version name such as "2", or the path of a profile file. */
    public Profile resolve(String versionOrFile) {
        return resolve(versionOrFile, Input.PROFILE);
    }

    /** As {@link #resolve(String)}; {@code input} is the option the value came from (--from, --to). */
    public Profile resolve(String versionOrFile, Input input) {
        if (versionOrFile == null) {
            return current();
        }
        if (versionOrFile.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            // every generated file names the profile in its Reproduce: line, a comment a line break would end
            throw new UserError(UserError.Kind.USAGE, input, "'" + versionOrFile.replaceAll("\\p{Cntrl}", "?") + "' holds a line break"
                    + " or another control character; rename the file (the Reproduce: line of every file could not name it)");
        }
        Path asFile = Path.of(versionOrFile);
        if (versionOrFile.endsWith(".yaml") || versionOrFile.endsWith(".yml") || versionOrFile.contains("/")) {
            if (!Files.isRegularFile(asFile)) {
                throw new UserError(UserError.Kind.IO, input, "cannot read the profile file '" + versionOrFile + "': "
                        + (Files.isDirectory(asFile) ? "it is a folder" : Files.exists(asFile) ? "not a regular file" : "no such file"));
            }
            return loader.load(asFile);
        }
        Profile profile = versions().get(versionOrFile);
        if (profile == null) {
            throw new UserError(UserError.Kind.USAGE, input, "unknown version '" + versionOrFile + "'; known versions: "
                    + String.join(", ", versions().keySet()) + " (or give a profile file)");
        }
        return profile;
    }

    /**
     * The versions {@code profile} supersedes, newest first, following each one's {@code supersedes} through this
     * catalogue: what an output of {@code profile} must take away again (a version given as a file may supersede
     * a built-in one). Empty for the first version.
     */
    public List<Profile> earlierThan(Profile profile) {
        List<Profile> earlier = new ArrayList<>();
        java.util.Set<String> seen = new java.util.HashSet<>(List.of(profile.version()));
        Optional<String> next = profile.supersedes();
        while (next.isPresent() && seen.add(next.get()) && versions().containsKey(next.get())) {
            Profile older = versions().get(next.get());
            earlier.add(older);
            next = older.supersedes();
        }
        return earlier;
    }

    /** Synchronized: the web page shares one catalog between request threads, and versions are read lazily. */
    private synchronized Map<String, Profile> versions() {
        if (byVersion != null) {
            return byVersion;
        }
        Loaded loaded = load();
        if (!loaded.problems().isEmpty()) {
            throw new UserError(UserError.Kind.INVALID_INPUT, loaded.problems());
        }
        byVersion = loaded.byVersion();
        return byVersion;
    }

    private record Loaded(Map<String, Profile> byVersion, List<String> problems) { }

    private Loaded load() {
        Map<String, Profile> found = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        for (Path root : roots) {
            // a folder given with --profiles-dir overrides a built-in version on purpose; twice in one folder is a mistake
            Map<String, Profile> inThisRoot = new LinkedHashMap<>();
            for (Path file : profileFiles(root)) {
                String notAFile = notAProfileFile(file);
                if (notAFile != null) {
                    problems.add(file + ": " + notAFile);
                    continue;
                }
                try {
                    Profile profile = loader.load(file);
                    Profile twin = inThisRoot.putIfAbsent(profile.version(), profile);
                    if (twin != null) {
                        problems.add(file + ": version: '" + profile.version() + "' is also the version of " + twin.file()
                                + "; give each file its own version");
                    }
                    found.putIfAbsent(profile.version(), profile);
                } catch (InvalidYamlException e) {
                    problems.addAll(e.lines());
                }
            }
        }
        Map<String, Profile> sorted = new LinkedHashMap<>();
        found.values().stream()
                .sorted(Comparator.comparing(Profile::version, ProfileCatalog::compareVersions))
                .forEach(p -> sorted.put(p.version(), p));
        if (problems.isEmpty()) {
            problems.addAll(catalogueProblems(sorted));
        }
        return new Loaded(sorted, problems);
    }

    /** What the versions must satisfy together; each line names the file to change. */
    private static List<String> catalogueProblems(Map<String, Profile> byVersion) {
        List<String> problems = new ArrayList<>();
        List<Profile> current = byVersion.values().stream().filter(p -> p.status() == Profile.Status.CURRENT).toList();
        if (current.isEmpty()) {
            Profile newest = byVersion.values().stream().reduce((a, b) -> b).orElse(null);
            problems.add((newest == null ? "profiles" : newest.file() + ": status") + ": exactly one version must have status current, found 0"
                    + (newest == null ? "" : "; set the newest version's status to current"));
        } else if (current.size() > 1) {
            Profile newest = current.get(current.size() - 1);
            problems.add(newest.file() + ": status: exactly one version must have status current, found " + current.size() + " ("
                    + String.join(", ", current.stream().map(p -> p.version() + " in " + p.file()).toList())
                    + "); set the older versions' status to superseded");
        }
        for (Profile profile : byVersion.values()) {
            profile.supersedes().filter(v -> !byVersion.containsKey(v)).ifPresent(v -> problems.add(profile.file()
                    + ": supersedes: '" + v + "' names no version; known versions: " + String.join(", ", byVersion.keySet())));
            profile.supersedes().filter(v -> v.equals(profile.version())).ifPresent(v -> problems.add(profile.file()
                    + ": supersedes: a version cannot supersede itself"));
        }
        return problems;
    }

    private static List<Path> profileFiles(Path root) {
        if (!Files.isDirectory(root)) {
            throw new UserError(UserError.Kind.USAGE, Input.PROFILES_DIR, "'" + root + "' is not a folder");
        }
        try (Stream<Path> files = Files.walk(root)) {
            // named like a profile but no regular file (a folder, a FIFO, a link to a device): said, never skipped or opened
            return files.filter(f -> f.getFileName().toString().endsWith(".yaml") && !f.equals(root))
                    .sorted(Comparator.comparing(Path::toString))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Why {@code file} is no profile file to read, or null when it is a regular file (a link to one is). Asked of the
     * file system without opening it: opening a FIFO waits for a writer, forever.
     */
    public static String notAProfileFile(Path file) {
        if (Files.isRegularFile(file)) {
            return null;
        }
        String link = "";
        if (Files.isSymbolicLink(file)) {
            try {
                link = "a link to " + Files.readSymbolicLink(file) + ", ";
            } catch (IOException e) {
                link = "a link, ";
            }
        }
        if (Files.isDirectory(file)) {
            return "is " + link + "a folder, not a profile file";
        }
        if (!Files.exists(file)) {
            return link.isEmpty() ? "no such file" : "is " + link + "which does not exist";
        }
        return "is " + link + "not a regular file (a FIFO, a device or a socket), not a profile file";
    }

    /** Numeric where both are numbers, so "10" sorts after "9". */
    static int compareVersions(String a, String b) {
        if (a.matches("\\d{1,9}") && b.matches("\\d{1,9}")) {
            return Integer.compare(Integer.parseInt(a), Integer.parseInt(b));
        }
        return a.compareTo(b);
    }
}
