package dev.whitelistgen.bundle;

import dev.whitelistgen.Input;
import dev.whitelistgen.UserError;
import dev.whitelistgen.render.Target;
import dev.whitelistgen.render.TargetTexts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The words of a bundle's README, per language: the common frame in {@code templates/_bundle/bundle_<lang>.properties},
 * and each target's own texts in {@code templates/<target>/bundle_<lang>.properties}, so a new target brings its texts
 * in its own folder. English is the reference: every language must have exactly its keys.
 */
public final class BundleTexts {

    public static final String FRAME_FOLDER = "_bundle";
    public static final String REFERENCE_LANGUAGE = "en";
    /** What every target must say, besides one "file.OUTPUT" line per output file it writes. */
    public static final List<String> TARGET_KEYS = List.of("title", "scenario", "apply", "undo");

    private static final Pattern FILE_NAME = Pattern.compile("bundle_([a-z]{2})\\.properties");

    private final List<Path> roots;

    /** The template folders, an override first (as for the targets). */
    public BundleTexts(List<Path> roots) {
        this.roots = List.copyOf(roots);
    }

    /** The languages the frame has texts for, e.g. [de, en, sv]. */
    public List<String> languages() {
        Set<String> languages = new TreeSet<>();
        for (Path root : roots) {
            Path folder = root.resolve(FRAME_FOLDER);
            if (!Files.isDirectory(folder)) {
                continue;
            }
            try (Stream<Path> files = Files.list(folder)) {
                files.forEach(file -> {
                    Matcher matcher = FILE_NAME.matcher(file.getFileName().toString().replace("/", ""));
                    if (matcher.matches()) {
                        languages.add(matcher.group(1));
                    }
                });
            } catch (IOException e) {
                throw new UserError(UserError.Kind.IO, "cannot list " + folder + ": " + e.getMessage());
            }
        }
        return List.copyOf(languages);
    }

    public Map<String, String> frame(String language) {
        for (Path root : roots) {
            Path file = file(root.resolve(FRAME_FOLDER), language);
            if (Files.isRegularFile(file)) {
                return load(file);
            }
        }
        throw new UserError(UserError.Kind.USAGE, Input.LANG, "no texts for '" + language + "'; languages: " + String.join(", ", languages()));
    }

    /** A target's texts in one language, checked to be complete. */
    public Map<String, String> target(Target target, String language) {
        List<String> problems = problems(target, List.of(language));
        if (!problems.isEmpty()) {
            throw new UserError(UserError.Kind.INVALID_INPUT, problems);
        }
        return load(file(target.folder(), language));
    }

    /** Every key the frame's languages lack or have in excess of the reference language. */
    public List<String> frameProblems() {
        Map<String, String> reference = frame(REFERENCE_LANGUAGE);
        List<String> problems = new ArrayList<>();
        for (String language : languages()) {
            Path file = roots.stream().map(r -> file(r.resolve(FRAME_FOLDER), language)).filter(Files::isRegularFile).findFirst().orElseThrow();
            problems.addAll(compare(file, reference.keySet(), load(file)));
        }
        return problems;
    }

    /**
     * What the target's texts lack in the given languages: a missing file, key or empty text, or an unknown key. Every
     * language must have exactly the English keys, which are at least {@link #requiredKeys}, plus any the target's own
     * templates read (the model's {@code texts}, e.g. the google guide's prose).
     */
    public List<String> problems(Target target, List<String> languages) {
        Set<String> required = requiredKeys(target);
        Path reference = file(target.folder(), REFERENCE_LANGUAGE);
        if (Files.isRegularFile(reference)) {
            required.addAll(load(reference).keySet());
        }
        List<String> problems = new ArrayList<>();
        for (String language : languages) {
            Path file = file(target.folder(), language);
            if (!Files.isRegularFile(file)) {
                problems.add(file + ": missing: target " + target.name() + " has no bundle texts in '" + language
                        + "' (keys: " + String.join(", ", required) + ")");
                continue;
            }
            problems.addAll(compare(file, required, load(file)));
        }
        return problems;
    }

    public static Set<String> requiredKeys(Target target) {
        Set<String> keys = new TreeSet<>(TARGET_KEYS);
        target.templates().forEach(template -> keys.add("file." + Target.outputName(template)));
        return keys;
    }

    private static List<String> compare(Path file, Set<String> required, Map<String, String> texts) {
        List<String> problems = new ArrayList<>();
        for (String key : required) {
            if (!texts.containsKey(key)) {
                problems.add(file + ": missing key '" + key + "'");
            } else if (texts.get(key).isBlank()) {
                problems.add(file + ": key '" + key + "' is empty");
            }
        }
        for (String key : texts.keySet()) {
            if (!required.contains(key)) {
                problems.add(file + ": unknown key '" + key + "' (not in the " + REFERENCE_LANGUAGE + " texts or not an output file)");
            }
        }
        return problems;
    }

    static Path file(Path folder, String language) {
        return TargetTexts.file(folder, language);
    }

    private static Map<String, String> load(Path file) {
        return TargetTexts.load(file);
    }
}
