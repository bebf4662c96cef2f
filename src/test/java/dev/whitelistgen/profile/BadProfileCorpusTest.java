package dev.whitelistgen.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import dev.whitelistgen.cli.ExitCodes;
import dev.whitelistgen.model.NetworkPolicy;
import dev.whitelistgen.testing.Cli;
import dev.whitelistgen.testing.Repo;
import dev.whitelistgen.yaml.InvalidYamlException;
import dev.whitelistgen.yaml.YamlProblem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every file in src/test/resources/bad-profiles states the exact problems it must produce in
 * "# expect: LINE: FIELD: MESSAGE" comments; the loader must report all of them and nothing else, and the
 * CLI must exit 3 without writing anything.
 */
class BadProfileCorpusTest {

    record Expected(int line, String field, String message) { }

    static Stream<Path> corpus() throws IOException {
        Path folder = Repo.path("src/test/resources/bad-profiles");
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList().stream();
        }
    }

    static List<Expected> expectations(Path file) throws IOException {
        return Files.readAllLines(file).stream()
                .filter(line -> line.startsWith("# expect: "))
                .map(line -> {
                    String[] parts = line.substring("# expect: ".length()).split(": ", 3);
                    return new Expected(Integer.parseInt(parts[0]), parts[1], parts[2]);
                })
                .toList();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void reportsEveryProblemWithLineAndField(Path file) throws IOException {
        List<Expected> expected = expectations(file);
        assertThat(expected).as("the corpus file states its expected problems").isNotEmpty();
        List<YamlProblem> problems;
        try {
            new ProfileLoader(NetworkPolicy.DEFAULT).load(file);
            fail("%s loaded without a problem", file);
            return;
        } catch (InvalidYamlException e) {
            problems = e.fileProblems();
        }
        String actual = String.join("\n", problems.stream().map(YamlProblem::toString).toList());
        for (Expected e : expected) {
            assertThat(problems).as("expected %s, got:%n%s", e, actual)
                    .anyMatch(p -> p.line() == e.line() && p.field().equals(e.field())
                            && p.message().contains(e.message()) && p.file().equals(file.toString()));
        }
        assertThat(problems).as("no problem beyond the expected ones:%n%s", actual).hasSameSizeAs(expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void theCliExitsWithInvalidInputAndWritesNothing(Path file, @TempDir Path temp) {
        Path out = temp.resolve("out");
        Cli.Result result = Cli.run("--target", "postfix", "--server", "all", "--profile", file.toString(), "--output", out.toString());
        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(result.out()).isEmpty();
        assertThat(result.err().lines()).allMatch(line -> line.startsWith("whitelist-gen: " + file));
        assertThat(out).doesNotExist();
    }

    @Test
    void refusesHugeFilesBeforeParsing(@TempDir Path temp) throws IOException {
        Path huge = temp.resolve("huge.yaml");
        Files.writeString(huge, "unknowns:\n" + "  - padding padding padding padding\n".repeat(500_000));
        assertThatThrownBy(() -> new ProfileLoader(NetworkPolicy.DEFAULT).load(huge))
                .hasMessage(huge + ": file is larger than 16 MiB; a profile is a few KiB");
    }

    @Test
    void refusesFilesThatAreNotUtf8(@TempDir Path temp) throws IOException {
        Path latin1 = temp.resolve("latin1.yaml");
        Files.write(latin1, "vendor: Netig\u00e5te\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        assertThatThrownBy(() -> new ProfileLoader(NetworkPolicy.DEFAULT).load(latin1)).hasMessageContaining("not UTF-8 text");
    }
}
