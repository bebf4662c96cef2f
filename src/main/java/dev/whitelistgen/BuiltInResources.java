package dev.whitelistgen;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The templates and profiles that ship inside the jar (or in target/classes when run from the IDE),
 * as a {@link Path}, so code reads a built-in folder and an override folder the same way.
 *
 * <p>bin/whitelist-gen sets {@value #HOME_PROPERTY} to its checkout, whose templates/ and profiles/ the jar
 * was built from (it rebuilds when they are newer), and they are read from there: opening the 4.5 MB jar
 * as a zip file system costs about 40 ms of every call, a sixth of the start-up budget.
 */
public final class BuiltInResources {

    public static final String HOME_PROPERTY = "whitelistgen.home";

    private BuiltInResources() {
    }

    public static Path folder(String name) {
        return folder(name, System.getProperty(HOME_PROPERTY));
    }

    static Path folder(String name, String home) {
        if (home != null) {
            Path folder = Path.of(home, name);
            if (Files.isRegularFile(folder.resolve(".root"))) {
                return folder;
            }
        }
        URL url = BuiltInResources.class.getResource("/" + name + "/.root");
        if (url == null) {
            throw new IllegalStateException("built-in resource folder '" + name + "' is missing from the class path");
        }
        try {
            URI uri = url.toURI();
            if ("jar".equals(uri.getScheme())) {
                FileSystem jar;
                try {
                    jar = FileSystems.newFileSystem(uri, Map.of());
                } catch (FileSystemAlreadyExistsException e) {
                    jar = FileSystems.getFileSystem(uri);
                }
                return jar.getPath("/" + name);
            }
            return Path.of(uri).getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
