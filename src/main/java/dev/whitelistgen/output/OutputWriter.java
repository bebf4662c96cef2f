package dev.whitelistgen.output;

import dev.whitelistgen.UserError;
import dev.whitelistgen.render.RenderedFile;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes rendered files. Everything is rendered before anything is written; files are first staged as
 * temporary files beside their destination and only then renamed over it, so a failure leaves the old
 * files as they were and never a half-written one.
 */
public final class OutputWriter {

    private OutputWriter() {
    }

    /** One file is printed as is (so it can be piped); several each get a "==> path <==" banner, as head(1) does. */
    public static void print(PrintWriter out, List<RenderedFile> files) {
        boolean banners = files.size() > 1;
        for (int i = 0; i < files.size(); i++) {
            RenderedFile file = files.get(i);
            if (banners) {
                out.print((i == 0 ? "" : "\n") + "==> " + file.path() + " <==\n");
            }
            out.print(file.content());
        }
        out.flush();
    }

    public static List<Path> write(Path folder, List<RenderedFile> files) {
        Path root = folder.toAbsolutePath().normalize();
        if (Files.exists(root, LinkOption.NOFOLLOW_LINKS) && !Files.isDirectory(root)) {
            throw new UserError(UserError.Kind.IO, "--output: '" + folder + "' is a file, not a folder");
        }
        Map<Path, RenderedFile> destinations = new LinkedHashMap<>();
        for (RenderedFile file : files) {
            Path destination = root.resolve(file.path()).normalize();
            if (!destination.startsWith(root) || destination.equals(root)) {
                throw new UserError(UserError.Kind.IO, "--output: refusing to write '" + file.path() + "' outside " + folder);
            }
            if (Files.isDirectory(destination)) {
                throw new UserError(UserError.Kind.IO, "--output: '" + destination + "' is a folder, cannot write a file there");
            }
            destinations.put(destination, file);
        }
        List<Path> createdFolders = new ArrayList<>();
        Map<Path, Path> staged = new LinkedHashMap<>();
        try {
            for (Map.Entry<Path, RenderedFile> entry : destinations.entrySet()) {
                Path parent = entry.getKey().getParent();
                createFolders(parent, createdFolders);
                Path temporary = Files.createTempFile(parent, "." + entry.getKey().getFileName() + ".", ".tmp");
                staged.put(temporary, entry.getKey());
                Files.write(temporary, entry.getValue().content().getBytes(StandardCharsets.UTF_8));
            }
            for (Map.Entry<Path, Path> entry : staged.entrySet()) {
                move(entry.getKey(), entry.getValue());
            }
            return List.copyOf(destinations.keySet());
        } catch (IOException e) {
            for (Path temporary : staged.keySet()) {
                deleteQuietly(temporary);
            }
            for (int i = createdFolders.size() - 1; i >= 0; i--) {
                deleteQuietly(createdFolders.get(i));
            }
            throw new UserError(UserError.Kind.IO, "--output: cannot write to '" + folder + "': " + describe(e));
        }
    }

    /**
     * Writes one file of bytes atomically: staged beside its destination, then renamed over it. On failure
     * neither a partial file nor a folder created for it is left behind. {@code flag} names the option in errors.
     */
    public static Path writeFile(Path file, byte[] content, String flag) {
        Path destination = file.toAbsolutePath().normalize();
        if (Files.isDirectory(destination)) {
            throw new UserError(UserError.Kind.IO, flag + ": '" + file + "' is a folder, not a file");
        }
        List<Path> createdFolders = new ArrayList<>();
        Path temporary = null;
        try {
            createFolders(destination.getParent(), createdFolders);
            temporary = Files.createTempFile(destination.getParent(), "." + destination.getFileName() + ".", ".tmp");
            Files.write(temporary, content);
            move(temporary, destination);
            return destination;
        } catch (IOException e) {
            if (temporary != null) {
                deleteQuietly(temporary);
            }
            for (int i = createdFolders.size() - 1; i >= 0; i--) {
                deleteQuietly(createdFolders.get(i));
            }
            throw new UserError(UserError.Kind.IO, flag + ": cannot write '" + file + "': " + describe(e));
        }
    }

    private static void createFolders(Path folder, List<Path> created) throws IOException {
        if (Files.isDirectory(folder)) {
            return;
        }
        if (folder.getParent() != null) {
            createFolders(folder.getParent(), created);
        }
        Files.createDirectory(folder);
        created.add(folder);
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void deleteQuietly(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException ignored) {
            // best effort: the original error is what the user needs to see
        }
    }

    private static String describe(IOException e) {
        String reason = e.getClass().getSimpleName().replace("Exception", "").replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase();
        return e.getMessage() == null ? reason : reason + ": " + e.getMessage();
    }
}
