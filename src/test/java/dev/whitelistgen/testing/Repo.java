package dev.whitelistgen.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/** Paths inside the repository checkout the tests run in. */
public final class Repo {

    private Repo() {
    }

    public static Path root() {
        String configured = System.getProperty("whitelistgen.repo");
        Path root = configured != null ? Path.of(configured) : Path.of("").toAbsolutePath();
        if (!Files.isRegularFile(root.resolve("pom.xml"))) {
            throw new IllegalStateException("cannot find the repository root (pom.xml) from " + root);
        }
        return root;
    }

    public static Path path(String relative) {
        return root().resolve(relative);
    }
}
