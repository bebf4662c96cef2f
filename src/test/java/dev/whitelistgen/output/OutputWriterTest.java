package dev.whitelistgen.output;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.whitelistgen.UserError;
import dev.whitelistgen.render.RenderedFile;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutputWriterTest {

    @TempDir
    Path temp;

    @Test
    void replacesFilesAndLeavesNoTemporaryFiles() throws IOException {
        Path out = temp.resolve("out");
        OutputWriter.write(out, List.of(new RenderedFile("a.txt", "old\n")));
        OutputWriter.write(out, List.of(new RenderedFile("a.txt", "new\n"), new RenderedFile("sub/b.txt", "b\n")));
        assertThat(Files.readString(out.resolve("a.txt"))).isEqualTo("new\n");
        assertThat(Files.readString(out.resolve("sub/b.txt"))).isEqualTo("b\n");
        try (Stream<Path> files = Files.walk(out)) {
            assertThat(files.filter(Files::isRegularFile).map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("a.txt", "b.txt");
        }
    }

    @Test
    void aFailureMidwayLeavesTheOldFilesAsTheyWere() throws IOException {
        Path out = temp.resolve("out");
        OutputWriter.write(out, List.of(new RenderedFile("a.txt", "old\n")));
        Files.createDirectories(out.resolve("blocked"));
        Files.writeString(out.resolve("blocked/x"), "a file where a folder is needed");
        List<RenderedFile> files = List.of(new RenderedFile("a.txt", "new\n"), new RenderedFile("blocked/x/c.txt", "c\n"));
        assertThatThrownBy(() -> OutputWriter.write(out, files)).isInstanceOf(UserError.class).hasMessageContaining("cannot write");
        assertThat(Files.readString(out.resolve("a.txt"))).isEqualTo("old\n");
        try (Stream<Path> all = Files.walk(out)) {
            assertThat(all.map(p -> p.getFileName().toString())).noneMatch(name -> name.endsWith(".tmp"));
        }
    }

    @Test
    void neverWritesOutsideTheFolder() {
        Path out = temp.resolve("out");
        assertThatThrownBy(() -> OutputWriter.write(out, List.of(new RenderedFile("../escape.txt", "x"))))
                .hasMessageContaining("refusing to write '../escape.txt' outside");
        assertThat(temp.resolve("escape.txt")).doesNotExist();
        assertThat(out).doesNotExist();
    }

    /** A link to a regular file is written through, as cp does: the target gets the bytes, the link stays a link. */
    @Test
    void aLinkToARegularFileIsWrittenThroughAndStaysALink() throws IOException {
        Path real = Files.writeString(Files.createDirectories(temp.resolve("elsewhere")).resolve("ticket.zip"), "old");
        Path link = Files.createSymbolicLink(temp.resolve("link.zip"), Path.of("elsewhere/ticket.zip"));
        Path out = Files.createDirectories(temp.resolve("out"));
        Path inside = Files.createSymbolicLink(out.resolve("a.txt"), Path.of("../elsewhere/a.txt"));
        Files.writeString(temp.resolve("elsewhere/a.txt"), "old\n");

        Path written = OutputWriter.writeFile(link, "new".getBytes(StandardCharsets.UTF_8), "--output");
        OutputWriter.Result folder = OutputWriter.write(out, List.of(new RenderedFile("a.txt", "new\n")));

        assertThat(written).isEqualTo(real.toRealPath());
        assertThat(link).isSymbolicLink();
        assertThat(Files.readString(real)).isEqualTo("new");
        assertThat(inside).isSymbolicLink();
        assertThat(Files.readString(temp.resolve("elsewhere/a.txt"))).isEqualTo("new\n");
        assertThat(folder.written().get(0).outcome()).isEqualTo(OutputWriter.Outcome.REPLACED);
        try (Stream<Path> all = Files.walk(temp)) {
            assertThat(all.map(p -> p.getFileName().toString())).noneMatch(name -> name.endsWith(".tmp"));
        }
    }

    /**
     * A link to a device (the test's own link to /dev/null, as /dev/stdout is a link) or a FIFO is refused and left
     * as it is; before, the new file was renamed over the link (as root: over /dev/stdout itself).
     */
    @Test
    void aLinkToADeviceOrAFifoIsRefusedAndLeftAsItIs() throws Exception {
        Path link = Files.createSymbolicLink(temp.resolve("stdout"), Path.of("/dev/null"));
        Path fifo = temp.resolve("fifo.zip");
        assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor()).isZero();
        Path out = Files.createDirectories(temp.resolve("out"));
        Files.createSymbolicLink(out.resolve("a.txt"), Path.of("/dev/null"));

        assertThatThrownBy(() -> OutputWriter.writeFile(link, new byte[] {1}, "--output")).isInstanceOf(UserError.class)
                .hasMessage("--output: '" + link + "' is a link to '/dev/null', not a regular file (a device, a FIFO or a socket),"
                        + " so it is left as it is; give the path of a regular file (bundle: - for standard output)");
        assertThatThrownBy(() -> OutputWriter.writeFile(fifo, new byte[] {1}, "--output"))
                .hasMessageStartingWith("--output: '" + fifo + "' is not a regular file (a device, a FIFO or a socket)");
        assertThatThrownBy(() -> OutputWriter.write(out, List.of(new RenderedFile("a.txt", "x\n"))))
                .hasMessageStartingWith("--output: '" + out.toRealPath().resolve("a.txt") + "' is a link to '/dev/null'");
        assertThat(link).isSymbolicLink();
        assertThat(Files.readSymbolicLink(link)).isEqualTo(Path.of("/dev/null"));
        assertThat(Files.isRegularFile(Path.of("/dev/null"))).isFalse();
        assertThat(out.resolve("a.txt")).isSymbolicLink();
    }

    /** {@code link/..} is the folder above the link's target, as mkdir and cp resolve it, not the folder holding the link. */
    @Test
    void aLinkFollowedByDotDotIsResolvedAsTheOsDoes() throws IOException {
        Path target = Files.createDirectories(temp.resolve("deep/sub"));
        Files.createSymbolicLink(temp.resolve("link"), target);

        OutputWriter.write(temp.resolve("link/../out"), List.of(new RenderedFile("a.txt", "a\n")));
        Path zip = OutputWriter.writeFile(temp.resolve("link/../ticket.zip"), new byte[] {1}, "--output");

        assertThat(temp.resolve("deep/out/a.txt")).hasContent("a");
        assertThat(temp.resolve("out")).doesNotExist();
        assertThat(zip).isEqualTo(temp.toRealPath().resolve("deep/ticket.zip"));
        assertThat(temp.resolve("ticket.zip")).doesNotExist();
    }

    @Test
    void printsBannersOnlyForSeveralFiles() {
        StringWriter one = new StringWriter();
        OutputWriter.print(new PrintWriter(one), List.of(new RenderedFile("a", "A\n")));
        assertThat(one).hasToString("A\n");
        StringWriter two = new StringWriter();
        OutputWriter.print(new PrintWriter(two), List.of(new RenderedFile("a", "A\n"), new RenderedFile("b", "B\n")));
        assertThat(two).hasToString("==> a <==\nA\n\n==> b <==\nB\n");
    }

    /** Text past 1 Mi characters waits in a temporary file, not the heap; it is printed whole and the file removed. */
    @Test
    void aLongFileIsHeldOnDiskUntilPrinted() throws IOException {
        String big = "x".repeat(3 << 20) + "\n";
        StringWriter out = new StringWriter();
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        // the spill files' own pattern: PostfixInstance's folders (whitelist-gen-postfix…) share the prefix in /tmp
        java.util.function.Predicate<Path> spilled = p -> p.getFileName().toString().matches("whitelist-gen-\\d+\\.out");
        long before;
        try (Stream<Path> held = Files.list(tmp)) {
            before = held.filter(spilled).count();
        }
        OutputWriter.print(new PrintWriter(out), List.of(new RenderedFile("a", "A\n"), new RenderedFile("big", big)));
        assertThat(out.toString()).isEqualTo("==> a <==\nA\n\n==> big <==\n" + big);
        try (Stream<Path> held = Files.list(tmp)) {
            assertThat(held.filter(spilled).count()).isEqualTo(before);
        }
    }

    /** Nothing reaches standard output unless every file rendered: a refusal in the last one prints nothing. */
    @Test
    void aFailureWhileRenderingPrintsNothing() {
        StringWriter out = new StringWriter();
        assertThatThrownBy(() -> OutputWriter.print(new PrintWriter(out), sink -> {
            try (java.io.Writer first = sink.open("a")) {
                first.write("A\n");
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            throw new UserError(UserError.Kind.REFUSED, "refused");
        })).hasMessage("refused");
        assertThat(out.toString()).isEmpty();
    }
}
