package dev.whitelistgen.render;

import dev.whitelistgen.UserError;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.Collections;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

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

    /**
     * The file's texts, read again only when its time or size changed: serve renders a target's texts for every
     * request (reading and parsing them was about 3 % of its time, JFR), and an edit of a checkout's file must
     * still show on the next request, as FreeMarker's templates do.
     */
    public static Map<String, String> load(Path file) {
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (IOException e) {
            throw new UserError(UserError.Kind.IO, "cannot read " + file + ": " + e.getMessage());
        }
        Read cached = READ.get(file);
        if (cached != null && cached.modified().equals(attributes.lastModifiedTime()) && cached.size() == attributes.size()) {
            return cached.texts();
        }
        Map<String, String> texts = parse(file);
        READ.put(file, new Read(attributes.lastModifiedTime(), attributes.size(), texts));
        return texts;
    }

    private record Read(FileTime modified, long size, Map<String, String> texts) { }

    // a handful of files per template folder (one per target and language): no bound needed
    private static final Map<Path, Read> READ = new ConcurrentHashMap<>();

    private static Map<String, String> parse(Path file) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new UserError(UserError.Kind.IO, "cannot read " + file + ": " + e.getMessage());
        }
        Map<String, String> texts = new TreeMap<>();
        properties.forEach((key, value) -> texts.put((String) key, ((String) value).strip()));
        return Collections.unmodifiableMap(texts);
    }
}
