package dev.whitelistgen;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.util.Map;

/**
 * The templates and profiles that ship inside the jar (or in target/classes when run from the IDE),
 * as a {@link Path}, so code reads a built-in folder and an override folder the same way.
 */
public final class BuiltInResources {

    private BuiltInResources() {
    }

    public static Path folder(String name) {
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
