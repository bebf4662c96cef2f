package dev.whitelistgen.output;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.whitelistgen.UserError;
import dev.whitelistgen.render.RenderedFile;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
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

    @Test
    void printsBannersOnlyForSeveralFiles() {
        StringWriter one = new StringWriter();
        OutputWriter.print(new PrintWriter(one), List.of(new RenderedFile("a", "A\n")));
        assertThat(one).hasToString("A\n");
        StringWriter two = new StringWriter();
        OutputWriter.print(new PrintWriter(two), List.of(new RenderedFile("a", "A\n"), new RenderedFile("b", "B\n")));
        assertThat(two).hasToString("==> a <==\nA\n\n==> b <==\nB\n");
    }
}
