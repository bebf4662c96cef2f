package dev.whitelistgen.output;

import dev.whitelistgen.UserError;
import dev.whitelistgen.render.RenderedFile;
import dev.whitelistgen.render.RenderSink;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Writes rendered files. Files are rendered into temporary files beside their destination and only when all have
 * rendered renamed over it, so a failure leaves the old files as they were and never a half-written one. An interrupt (Ctrl-C, SIGTERM) while writing removes the
 * temporary files and the folders this run created (a shutdown hook); only a hard kill can leave them.
 */
public final class OutputWriter {

    /** One written file, and whether a file was there before (and whether its bytes changed). */
    public record Written(Path path, Outcome outcome) { }

    public enum Outcome {
        WROTE, REPLACED, UNCHANGED;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** What a folder write did: each file, and the files already in the folder that this run did not write. */
    public record Result(List<Written> written, List<Path> leftovers) { }

    /**
     * Only a write to a folder needs it: made on first use, not when the class loads, because seeding it loads the
     * security providers, which printing to standard output (the usual single-target call) would pay for nothing.
     */
    private static final class Names {
        static final SecureRandom RANDOM = new SecureRandom();
    }

    // Created with open(2)'s mode, to which the kernel applies the umask: 0666 & ~umask as cp or an editor would
    // write, 0777 & ~umask for scripts (createTempFile would make every file 0600).
    private static final FileAttribute<Set<PosixFilePermission>> PLAIN = PosixFilePermissions.asFileAttribute(
            PosixFilePermissions.fromString("rw-rw-rw-"));
    private static final FileAttribute<Set<PosixFilePermission>> EXECUTABLE = PosixFilePermissions.asFileAttribute(
            PosixFilePermissions.fromString("rwxrwxrwx"));

    private OutputWriter() {
    }

    /** One file is printed as is (so it can be piped); several each get a "==> path <==" banner, as head(1) does. */
    public static void print(PrintWriter out, List<RenderedFile> files) {
        print(out, sink -> files.forEach(file -> copy(file, sink)));
    }

    /**
     * As above, rendering into held text first: nothing is printed unless every file rendered (a refusal in the last
     * template leaves standard output empty), and how many files there are decides the banners. A file over
     * {@link HeldText#IN_MEMORY} characters is held in a temporary file instead of the heap.
     */
    public static void print(PrintWriter out, Consumer<RenderSink> render) {
        List<HeldText> files = new ArrayList<>();
        try {
            render.accept(path -> {
                HeldText file = new HeldText(path);
                files.add(file);
                return file;
            });
            boolean banners = files.size() > 1;
            for (int i = 0; i < files.size(); i++) {
                if (banners) {
                    out.print((i == 0 ? "" : "\n") + "==> " + files.get(i).path() + " <==\n");
                }
                files.get(i).printTo(out);
            }
            out.flush();
        } catch (IOException e) {
            throw new UserError(UserError.Kind.IO, "cannot hold the output in a temporary file: " + describe(e));
        } catch (UncheckedIOException e) {
            throw new UserError(UserError.Kind.IO, "cannot hold the output in a temporary file: " + describe(e.getCause()));
        } finally {
            files.forEach(HeldText::discard);
        }
    }

    public static Result write(Path folder, List<RenderedFile> files) {
        return write(folder, sink -> files.forEach(file -> copy(file, sink)));
    }

    /**
     * Renders into the folder: each file streams into a temporary file beside its destination as it renders, and only
     * when every file has rendered are they all renamed into place. A refusal or a failure on the way removes the
     * temporary files (and the folders this run made), so the folder holds either all the old files or all the new.
     */
    public static Result write(Path folder, Consumer<RenderSink> render) {
        requireNonEmpty(folder, "--output");
        Path root = resolve(folder, "--output");
        if (Files.isSymbolicLink(root) && !Files.exists(root)) {
            throw new UserError(UserError.Kind.IO, "--output: '" + folder + "' is a symbolic link to '" + linkTarget(root)
                    + "', which does not exist");
        }
        if (Files.exists(root) && !Files.isDirectory(root)) {
            throw new UserError(UserError.Kind.IO, "--output: '" + folder + "' is a file, not a folder");
        }
        boolean existed = Files.isDirectory(root);
        Staging staging = new Staging();
        try {
            render.accept(path -> staging.open(destination(root, folder, path)));
            List<Written> written = new ArrayList<>();
            for (Map.Entry<Path, Path> entry : staging.staged().entrySet()) {
                written.add(new Written(entry.getValue(), outcome(entry.getValue(), entry.getKey())));
            }
            staging.commit();
            List<Path> destinations = written.stream().map(Written::path).toList();
            return new Result(written, existed ? leftovers(root, Set.copyOf(destinations)) : List.of());
        } catch (IOException e) {
            staging.abandon();
            throw new UserError(UserError.Kind.IO, "--output: cannot write to '" + folder + "': " + describe(e));
        } catch (UncheckedIOException e) {
            staging.abandon();
            throw new UserError(UserError.Kind.IO, "--output: cannot write to '" + folder + "': " + describe(e.getCause()));
        } catch (RuntimeException | Error e) {
            staging.abandon();
            throw e;
        } finally {
            staging.close();
        }
    }

    private static Path destination(Path root, Path folder, String relative) {
        Path destination = root.resolve(relative).normalize();
        if (!destination.startsWith(root) || destination.equals(root)) {
            throw new UserError(UserError.Kind.IO, "--output: refusing to write '" + relative + "' outside " + folder);
        }
        if (Files.isDirectory(destination)) {
            throw new UserError(UserError.Kind.IO, "--output: '" + destination + "' is a folder, cannot write a file there");
        }
        return throughLink(destination, destination.toString(), "--output");
    }

    private static void copy(RenderedFile file, RenderSink sink) {
        try (Writer writer = sink.open(file.path())) {
            writer.write(file.content());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Writes one file of bytes atomically: staged beside its destination, then renamed over it. On failure
     * neither a partial file nor a folder created for it is left behind. {@code flag} names the option in errors.
     */
    public static Path writeFile(Path file, byte[] content, String flag) {
        requireNonEmpty(file, flag);
        Path destination = resolve(file, flag);
        if (Files.isDirectory(destination)) {
            throw new UserError(UserError.Kind.IO, flag + ": '" + file + "' is a folder, not a file");
        }
        destination = throughLink(destination, file.toString(), flag);
        Staging staging = new Staging();
        try {
            staging.stage(destination, content);
            staging.commit();
            return destination;
        } catch (IOException e) {
            staging.abandon();
            throw new UserError(UserError.Kind.IO, flag + ": cannot write '" + file + "': " + describe(e));
        } finally {
            staging.close();
        }
    }

    /**
     * The path as the OS resolves it: each existing part with its links followed, so {@code link/../out} is the
     * folder above the link's target, as mkdir and cp see it (Path.normalize would drop "link/.." as text). The
     * parts that do not exist yet are taken as written.
     */
    static Path resolve(Path path, String flag) {
        Path absolute = path.toAbsolutePath();
        Path resolved = absolute.getRoot();
        boolean exists = true;
        for (int i = 0; i < absolute.getNameCount(); i++) {
            String part = absolute.getName(i).toString();
            if (part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                // resolved holds no link while it exists, so its parent is the OS's ".."
                resolved = resolved.getParent() == null ? resolved : resolved.getParent();
                continue;
            }
            Path next = resolved.resolve(part);
            exists = exists && Files.exists(next);
            // the last part, unless a folder, stays as named: throughLink says what it is when it is no regular file
            if (exists && (i < absolute.getNameCount() - 1 || Files.isDirectory(next))) {
                try {
                    next = next.toRealPath();
                } catch (IOException e) {
                    throw new UserError(UserError.Kind.IO, flag + ": cannot resolve '" + path + "': " + describe(e));
                }
            }
            resolved = next;
        }
        return resolved;
    }

    /**
     * Where a file is written: a symbolic link to a regular file is written through (the new file is renamed over
     * the link's target, the link stays), as cp writes through one; a link to anything else, or any other file that
     * is not a regular file (a device, a FIFO, /dev/stdout), is refused rather than replaced.
     */
    private static Path throughLink(Path destination, String given, String flag) {
        if (!Files.exists(destination, LinkOption.NOFOLLOW_LINKS)) {
            return destination;
        }
        boolean link = Files.isSymbolicLink(destination);
        Path target = destination;
        if (link) {
            if (!Files.exists(destination)) {
                throw new UserError(UserError.Kind.IO, flag + ": '" + given + "' is a symbolic link to '" + linkTarget(destination)
                        + "', which does not exist");
            }
            try {
                target = destination.toRealPath();
            } catch (IOException e) {
                target = null; // a link the file system cannot name (a pipe's /proc/self/fd/1): not a regular file
            }
        }
        if (target != null && Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS)) {
            return target;
        }
        String what = target != null && Files.isDirectory(target) ? "a folder" : "not a regular file (a device, a FIFO or a socket)";
        throw new UserError(UserError.Kind.IO, flag + ": '" + given + "' is " + (link ? "a link to '" + (target == null
                ? linkTarget(destination) : target) + "', " : "") + what + ", so it is left as it is; give the path of a regular file"
                + " (bundle: - for standard output)");
    }

    /** An empty path would mean the current folder: a script's unset variable ({@code -o "$OUT"}) must not scatter files. */
    private static void requireNonEmpty(Path path, String flag) {
        if (path.toString().isEmpty()) {
            throw new UserError(UserError.Kind.USAGE, flag + ": the path is empty (an unset variable?); give a path, '.' for the current folder");
        }
    }

    private static Outcome outcome(Path destination, Path staged) throws IOException {
        if (!Files.isRegularFile(destination, LinkOption.NOFOLLOW_LINKS)) {
            return Files.exists(destination, LinkOption.NOFOLLOW_LINKS) ? Outcome.REPLACED : Outcome.WROTE;
        }
        return Files.mismatch(destination, staged) == -1 ? Outcome.UNCHANGED : Outcome.REPLACED;
    }

    /** Regular files under root, as deep as this run writes, that it did not write: another target's, or an older version's. */
    private static List<Path> leftovers(Path root, Set<Path> written) {
        int depth = written.stream().mapToInt(p -> root.relativize(p).getNameCount()).max().orElse(1);
        try (Stream<Path> walk = Files.walk(root, depth)) {
            return walk.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS) && !written.contains(p)).sorted().toList();
        } catch (IOException | UncheckedIOException unreadable) {
            return List.of(); // a sub-folder this user may not list: the files are written, only the warning is lost
        }
    }

    private static String linkTarget(Path link) {
        try {
            return Files.readSymbolicLink(link).toString();
        } catch (IOException e) {
            return "?";
        }
    }

    /**
     * The temporary files and folders of one write. An interrupt first asks the writing thread to stop (it
     * checks before each new file and before the renames), then takes this object's lock, so it waits at most for a
     * temporary file being created or for renames already begun to finish (the folder then holds the whole new set),
     * and never sees a file half-registered. A file still being rendered is removed under its writer, which writes
     * on into the deleted file until the JVM ends.
     */
    private static final class Staging {

        private final List<Path> createdFolders = new ArrayList<>();
        private final Map<Path, Path> staged = new LinkedHashMap<>();
        private final Thread hook = new Thread(this::interrupted, "whitelist-gen output cleanup");
        private volatile boolean stopRequested;

        Staging() {
            Runtime.getRuntime().addShutdownHook(hook);
        }

        /** One file of known bytes, staged at once. */
        void stage(Path destination, byte[] content) throws IOException {
            Path temporary = createFor(destination, false);
            try (OutputStream out = Files.newOutputStream(temporary, StandardOpenOption.WRITE)) {
                out.write(content);
            }
            keepModeOf(destination, temporary);
        }

        /**
         * A writer staging one file as it is written. Its temporary file is created when the first two characters are
         * known (a script's "#!" makes it executable at creation, under the umask) and given the old file's mode when
         * closed. A second file for the same destination replaces the first.
         */
        Writer open(Path destination) {
            return new Writer() {
                private final char[] start = new char[2];
                private int started;
                private Path temporary;
                private Writer out;

                @Override
                public void write(char[] text, int offset, int length) throws IOException {
                    while (out == null && length > 0) {
                        start[started++] = text[offset++];
                        length--;
                        if (started == start.length) {
                            begin();
                        }
                    }
                    if (length > 0) {
                        out.write(text, offset, length);
                    }
                }

                private void begin() throws IOException {
                    boolean executable = started == 2 && start[0] == '#' && start[1] == '!';
                    temporary = createFor(destination, executable);
                    out = new OutputStreamWriter(new BufferedOutputStream(Files.newOutputStream(temporary, StandardOpenOption.WRITE),
                            1 << 16), StandardCharsets.UTF_8);
                    out.write(start, 0, started);
                }

                @Override
                public void flush() throws IOException {
                    if (out != null) {
                        out.flush();
                    }
                }

                @Override
                public void close() throws IOException {
                    if (out == null) {
                        begin();
                    }
                    out.close();
                    keepModeOf(destination, temporary);
                }
            };
        }

        private synchronized Path createFor(Path destination, boolean executable) throws IOException {
            checkRunning();
            createFolders(destination.getParent());
            // a second file for the same destination replaces the first
            staged.entrySet().removeIf(entry -> entry.getValue().equals(destination) && deleteQuietly(entry.getKey()));
            Path temporary = createTemporary(destination, executable);
            staged.put(temporary, destination);
            return temporary;
        }

        /** Each temporary file with its destination, in the order they were staged. */
        synchronized Map<Path, Path> staged() {
            return new LinkedHashMap<>(staged);
        }

        synchronized void commit() throws IOException {
            checkRunning();
            for (Map.Entry<Path, Path> entry : new ArrayList<>(staged.entrySet())) {
                move(entry.getKey(), entry.getValue());
                staged.remove(entry.getKey());
            }
            createdFolders.clear();
        }

        synchronized void abandon() {
            for (Path temporary : staged.keySet()) {
                deleteQuietly(temporary);
            }
            staged.clear();
            for (int i = createdFolders.size() - 1; i >= 0; i--) {
                deleteQuietly(createdFolders.get(i));
            }
            createdFolders.clear();
        }

        void close() {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook runs (or ran) and cleans up
            }
        }

        private void interrupted() {
            stopRequested = true;
            abandon();
        }

        private void checkRunning() throws IOException {
            if (stopRequested) {
                throw new IOException("interrupted");
            }
        }

        private void createFolders(Path folder) throws IOException {
            if (Files.isDirectory(folder)) {
                return;
            }
            if (folder.getParent() != null) {
                createFolders(folder.getParent());
            }
            Files.createDirectory(folder);
            createdFolders.add(folder);
        }

        private static Path createTemporary(Path destination, boolean executable) throws IOException {
            boolean posix = Files.getFileStore(destination.getParent()).supportsFileAttributeView(PosixFileAttributeView.class);
            while (true) {
                Path temporary = destination.resolveSibling("." + destination.getFileName() + "." + Long.toUnsignedString(Names.RANDOM.nextLong()) + ".tmp");
                try {
                    return posix ? Files.createFile(temporary, executable ? EXECUTABLE : PLAIN) : Files.createFile(temporary);
                } catch (FileAlreadyExistsException taken) {
                    // another name
                }
            }
        }

        /** An overwritten file keeps its mode, and its owner and group where this user may set them (root). */
        private static void keepModeOf(Path destination, Path temporary) throws IOException {
            PosixFileAttributeView old = Files.getFileAttributeView(destination, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
            if (old == null || !Files.isRegularFile(destination, LinkOption.NOFOLLOW_LINKS)) {
                return;
            }
            PosixFileAttributes attributes = old.readAttributes();
            PosixFileAttributeView fresh = Files.getFileAttributeView(temporary, PosixFileAttributeView.class);
            try {
                fresh.setGroup(attributes.group());
                fresh.setOwner(attributes.owner());
            } catch (IOException notAllowed) {
                // an ordinary user cannot give a file away; the new file is theirs, with the old mode
            }
            fresh.setPermissions(attributes.permissions());
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** True, so it can stand in a removeIf. */
    private static boolean deleteQuietly(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException ignored) {
            // best effort: the original error is what the user needs to see
        }
        return true;
    }

    /**
     * One file's text until everything has rendered: in the heap while short (every usual output), in a temporary file
     * (removed when printed, or when the JVM ends) once longer than {@link #IN_MEMORY} characters.
     */
    private static final class HeldText extends Writer {

        static final int IN_MEMORY = 1 << 20;

        private final String path;
        private final StringBuilder text = new StringBuilder();
        private Path spilled;
        private Writer spill;

        HeldText(String path) {
            this.path = path;
        }

        String path() {
            return path;
        }

        @Override
        public void write(char[] chars, int offset, int length) throws IOException {
            if (spill == null && text.length() + length > IN_MEMORY) {
                spilled = Files.createTempFile("whitelist-gen-", ".out");
                spilled.toFile().deleteOnExit();
                spill = Files.newBufferedWriter(spilled, StandardCharsets.UTF_8);
                spill.append(text);
                text.setLength(0);
                text.trimToSize();
            }
            if (spill != null) {
                spill.write(chars, offset, length);
            } else {
                text.append(chars, offset, length);
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() throws IOException {
            if (spill != null) {
                spill.close();
            }
        }

        void printTo(PrintWriter out) throws IOException {
            if (spilled == null) {
                out.append(text);
                return;
            }
            try (java.io.Reader in = Files.newBufferedReader(spilled, StandardCharsets.UTF_8)) {
                in.transferTo(out);
            }
        }

        void discard() {
            if (spill != null) {
                try {
                    spill.close();
                } catch (IOException ignored) {
                    // being removed anyway
                }
                deleteQuietly(spilled);
            }
        }
    }

    private static String describe(IOException e) {
        String reason = e.getClass().getSimpleName().replace("Exception", "").replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase();
        return e.getMessage() == null ? reason : reason + ": " + e.getMessage();
    }
}
