package dev.whitelistgen.render;

import freemarker.cache.TemplateLoader;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Loads templates from a folder given as a {@link Path}, on disk or inside the jar. A name that would leave
 * the folder (through "..", an absolute path or a symbolic link) is treated as not found: a template
 * override folder can never read other files.
 */
final class PathTemplateLoader implements TemplateLoader {

    private final Path root;
    private final Path realRoot;

    PathTemplateLoader(Path root) throws IOException {
        this.root = root.toAbsolutePath().normalize();
        this.realRoot = "file".equals(root.toUri().getScheme()) ? this.root.toRealPath() : this.root;
    }

    /** The file this folder holds under {@code name}, or null (also when it cannot be read). */
    Path find(String name) {
        try {
            return (Path) findTemplateSource(name);
        } catch (IOException e) {
            return null;
        }
    }

    @Override
    public Object findTemplateSource(String name) throws IOException {
        Path file = root.resolve(name).normalize();
        if (!file.startsWith(root) || !Files.isRegularFile(file)) {
            return null;
        }
        if ("file".equals(file.toUri().getScheme()) && !file.toRealPath().startsWith(realRoot)) {
            return null;
        }
        return file;
    }

    @Override
    public long getLastModified(Object source) {
        return -1;
    }

    @Override
    public Reader getReader(Object source, String encoding) throws IOException {
        return Files.newBufferedReader((Path) source, StandardCharsets.UTF_8);
    }

    @Override
    public void closeTemplateSource(Object source) {
    }
}
