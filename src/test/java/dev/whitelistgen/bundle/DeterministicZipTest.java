package dev.whitelistgen.bundle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.whitelistgen.render.RenderedFile;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TimeZone;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;

class DeterministicZipTest {

    private static final List<RenderedFile> FILES = List.of(
            new RenderedFile("README.md", "# Läs mig\n"),
            new RenderedFile("postfix/apply.sh", "#!/bin/sh\necho ok\n"),
            new RenderedFile("a/empty", ""));

    @Test
    void keepsTheOrderTheNamesAndTheBytesWithAFixedTimeAndNoCompression() throws IOException {
        List<String> names = new ArrayList<>();
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(DeterministicZip.of(FILES)), StandardCharsets.UTF_8)) {
            for (ZipEntry entry; (entry = zip.getNextEntry()) != null; ) {
                names.add(entry.getName());
                RenderedFile expected = FILES.get(names.size() - 1);
                assertThat(new String(zip.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo(expected.content());
                assertThat(entry.getTimeLocal()).isEqualTo(DeterministicZip.ENTRY_TIME);
                assertThat(entry.getMethod()).isEqualTo(ZipEntry.STORED);
                assertThat(entry.getExtra()).isNull();
            }
        }
        assertThat(names).containsExactly("README.md", "postfix/apply.sh", "a/empty");
    }

    @Test
    void theBytesDoNotDependOnTheDefaultTimeZoneOrLocale() {
        byte[] first = DeterministicZip.of(FILES);
        TimeZone zone = TimeZone.getDefault();
        Locale locale = Locale.getDefault();
        try {
            TimeZone.setDefault(TimeZone.getTimeZone("Pacific/Kiritimati"));
            Locale.setDefault(Locale.forLanguageTag("sv-SE"));
            assertThat(DeterministicZip.of(FILES)).isEqualTo(first);
            TimeZone.setDefault(TimeZone.getTimeZone("America/Los_Angeles"));
            Locale.setDefault(Locale.forLanguageTag("de-DE"));
            assertThat(DeterministicZip.of(FILES)).isEqualTo(first);
        } finally {
            TimeZone.setDefault(zone);
            Locale.setDefault(locale);
        }
    }

    @Test
    void refusesTwoFilesOfTheSameName() {
        assertThatThrownBy(() -> DeterministicZip.of(List.of(new RenderedFile("x", "1\n"), new RenderedFile("x", "2\n"))))
                .hasMessageContaining("two files named x");
    }
}
