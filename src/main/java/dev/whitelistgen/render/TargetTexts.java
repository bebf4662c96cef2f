package dev.whitelistgen.render;

import dev.whitelistgen.UserError;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * A target's words in one language, {@code templates/<target>/bundle_<lang>.properties}: what a bundle's README says
 * about the target, and any prose its own outputs render in the bundle's language (the model's {@code texts}).
 */
public final class TargetTexts {

    /** The language of standalone output and the reference every other language must match key for key. */
    public static final String DEFAULT_LANGUAGE = "en";

    private TargetTexts() {
    }

    public static Path file(Path folder, String language) {
        return folder.resolve("bundle_" + language + ".properties");
    }

    /** The target's texts in the language, or none when it has no such file (a template using them then fails clearly). */
    public static Map<String, String> of(Target target, String language) {
        Path file = file(target.folder(), language);
        return Files.isRegularFile(file) ? load(file) : Map.of();
    }

    public static Map<String, String> load(Path file) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new UserError(UserError.Kind.IO, "cannot read " + file + ": " + e.getMessage());
        }
        Map<String, String> texts = new TreeMap<>();
        properties.forEach((key, value) -> texts.put((String) key, ((String) value).strip()));
        return texts;
    }
}
