package dev.whitelistgen.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TargetTextsTest {

    @TempDir
    Path folder;

    /** serve keeps a file's texts between requests; an edit must still show on the next one, as a template's does. */
    @Test
    void anEditedFileIsReadAgainAndAnUnchangedOneIsKept() throws Exception {
        Path file = TargetTexts.file(folder, "en");
        Files.writeString(file, "intro = one\n");
        FileTime written = Files.getLastModifiedTime(file);
        assertThat(TargetTexts.load(file)).containsEntry("intro", "one");
        assertThat(TargetTexts.load(file)).isSameAs(TargetTexts.load(file));

        Files.writeString(file, "intro = two\n"); // same size: only the time tells
        Files.setLastModifiedTime(file, FileTime.fromMillis(written.toMillis() + 2_000));
        assertThat(TargetTexts.load(file)).containsEntry("intro", "two");

        Files.writeString(file, "intro = three\n"); // the time put back: the size tells
        Files.setLastModifiedTime(file, FileTime.fromMillis(written.toMillis() + 2_000));
        assertThat(TargetTexts.load(file)).containsEntry("intro", "three");
    }
}
