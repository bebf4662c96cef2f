package dev.whitelistgen.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.whitelistgen.model.Profile;
import dev.whitelistgen.testing.Cli;
import dev.whitelistgen.testing.Profiles;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Outputs name the source article as a customer or support agent can find it (publisher, title, language), never by
 * the internal file name kept in the profile's source.file.
 */
class SourceCitationTest {

    @TempDir
    Path dir;

    @ParameterizedTest(name = "profile {0}")
    @ValueSource(strings = {"1", "2"})
    void noGeneratedFileNamesTheInternalFile(String version) throws IOException {
        Profile profile = Profiles.version(version);
        assertThat(profile.source().file()).as("the profile keeps its provenance").isNotEmpty();
        Cli.Result result = Cli.run("--target", "all", "--server", "all", "--domain", "example.com", "--profile", version,
                "-o", dir.toString());
        assertThat(result.exitCode()).as(result.toString()).isZero();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String text = Files.readString(file, StandardCharsets.ISO_8859_1);
                assertThat(text).as(file.toString()).doesNotContain(profile.source().file());
                // the German article names no publisher and shows no title: no output may invent or leave a gap for them
                assertThat(Files.readString(file)).as(file.toString()).doesNotContain("article ''", "from , ", "Netigate Success Center, the article");
                if (profile.source().publisher().isEmpty()) {
                    assertThat(Files.readString(file)).as(file.toString()).doesNotContain("Netigate Success Center");
                }
            }
        }
        for (String language : List.of("de", "sv")) {
            Path zip = dir.resolve("bundle-" + language + ".zip");
            Cli.Result bundle = Cli.run("bundle", "--server", "dach", "--domain", "example.com", "--profile", version, "--lang", language,
                    "-o", zip.toString());
            assertThat(bundle.exitCode()).as(bundle.toString()).isZero();
            String all = unzipped(zip);
            assertThat(all).doesNotContain("„“", "””", "aus dem , ", "från , ");
            if (profile.source().publisher().isEmpty()) {
                assertThat(all).doesNotContain("Netigate Success Center").contains(profile.source().heading());
            }
        }
        String header = Files.readString(dir.resolve("postfix/dach/main.cf.snippet"));
        assertThat(header).contains("from " + profile.source().citation() + ".");
    }

    @Test
    void theHeaderCitesTheArticleAsReadersFindIt() {
        Cli.Result result = Cli.run("--target", "spamassassin", "--server", "dach");
        assertThat(result.out()).contains(
                "# profile version 2 (current), from Netigate Success Center, article 'Jag får inga e-postutskick' (Swedish).\n");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"en:from Netigate Success Center, article \"Jag får inga e-postutskick\" (Swedish)",
            "sv:från Netigate Success Center, artikeln ”Jag får inga e-postutskick” (på svenska)",
            "de:aus dem Netigate Success Center, Artikel „Jag får inga e-postutskick“ (auf Schwedisch)"})
    void theBundleReadmeCitesTheArticleInItsLanguage(String languageAndCitation) throws IOException {
        String language = languageAndCitation.substring(0, 2);
        Path zip = dir.resolve("ticket-" + language + ".zip");
        Cli.Result result = Cli.run("bundle", "--server", "dach", "--lang", language, "-o", zip.toString());
        assertThat(result.exitCode()).as(result.toString()).isZero();
        String readme = entry(zip, "README.md");
        assertThat(readme).contains(languageAndCitation.substring(3)).doesNotContain(Profiles.current().source().file());
    }

    private static String entry(Path zip, String name) throws IOException {
        try (InputStream in = Files.newInputStream(zip); ZipInputStream entries = new ZipInputStream(in)) {
            for (ZipEntry entry = entries.getNextEntry(); entry != null; entry = entries.getNextEntry()) {
                if (entry.getName().equals(name)) {
                    return new String(entries.readAllBytes(), StandardCharsets.UTF_8);
                }
            }
        }
        throw new AssertionError(name + " not in " + zip);
    }

    private static String unzipped(Path zip) throws IOException {
        StringBuilder all = new StringBuilder();
        try (InputStream in = Files.newInputStream(zip); ZipInputStream entries = new ZipInputStream(in)) {
            for (ZipEntry entry = entries.getNextEntry(); entry != null; entry = entries.getNextEntry()) {
                all.append(new String(entries.readAllBytes(), StandardCharsets.UTF_8)).append('\n');
            }
        }
        return all.toString();
    }
}
