package dev.whitelistgen.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.whitelistgen.testing.RealProgram;
import dev.whitelistgen.testing.Repo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs after `package` (failsafe): the completion script and the man page that the build generated from the
 * picocli model exist, cover every command and flag, and work in the real bash and asciidoctor/groff.
 */
class ShellIntegrationIT {

    private static final Path COMPLETION = Repo.path("target/whitelist-gen_completion");
    private static final Path MAN = Repo.path("target/man");
    private static final List<String> COMMANDS = List.of("list", "check", "bundle", "diff", "validate", "profiles", "serve");

    @Test
    void theCompletionScriptNamesEveryCommandAndNewFlag() throws IOException {
        assertThat(COMPLETION).as("built by 'mvn package' (exec-maven-plugin, picocli.AutoComplete)").isRegularFile();
        String script = Files.readString(COMPLETION);
        assertThat(script).contains("local commands=\"" + String.join(" ", COMMANDS) + "\"")
                .contains("--server-from-url").contains("--lang").contains("--json").contains("--from").contains("--to").contains("--bind")
                .contains("complete -F _complete_whitelist-gen");
        RealProgram.Result syntax = RealProgram.run("bash", "-n", COMPLETION.toString());
        assertThat(syntax.exitCode()).as(syntax.toString()).isZero();
    }

    @Test
    void bashCompletesCommandsAndFlags() {
        assertThat(complete("whitelist-gen b")).isEqualTo("bundle");
        assertThat(complete("whitelist-gen bundle --ser")).isEqualTo("--server --server-from-url");
        assertThat(complete("whitelist-gen diff --js")).isEqualTo("--json");
        assertThat(complete("whitelist-gen va")).isEqualTo("validate");
    }

    /** Values, from the built-in targets and profiles when the script was generated. */
    @Test
    void bashCompletesTheValuesOfTargetServerSpfModeLangAndProfile() {
        assertThat(complete("whitelist-gen --target po")).isEqualTo("postfix");
        assertThat(complete("whitelist-gen bundle --target ex")).isEqualTo("exchange exim");
        assertThat(complete("whitelist-gen --server d")).isEqualTo("dach de");
        assertThat(complete("whitelist-gen --spf-mode i")).isEqualTo("include ip");
        assertThat(complete("whitelist-gen bundle --lang s")).isEqualTo("sv");
        assertThat(complete("whitelist-gen --profile ")).isEqualTo("1 2");
    }

    @Test
    void asciidoctorTurnsTheManPagesIntoPagesGroffShows(@TempDir Path out) throws IOException {
        List<String> pages;
        try (Stream<Path> files = Files.list(MAN)) {
            pages = files.map(p -> p.getFileName().toString()).sorted().toList();
        }
        assertThat(pages).containsExactly("whitelist-gen-bundle.adoc", "whitelist-gen-check-drift.adoc", "whitelist-gen-check-mx.adoc",
                "whitelist-gen-check-spf.adoc",
                "whitelist-gen-check-tls.adoc", "whitelist-gen-check.adoc", "whitelist-gen-diff.adoc", "whitelist-gen-list.adoc",
                "whitelist-gen-profiles.adoc", "whitelist-gen-serve.adoc", "whitelist-gen-validate.adoc", "whitelist-gen.adoc");
        String[] convert = Stream.concat(Stream.of("asciidoctor", "--failure-level", "WARN", "-b", "manpage", "-D", out.toString()),
                pages.stream().map(p -> MAN.resolve(p).toString())).toArray(String[]::new);
        RealProgram.Result converted = RealProgram.run(convert);
        assertThat(converted.exitCode()).as(converted.toString()).isZero();
        assertThat(converted.err()).isEmpty();

        RealProgram.Result bundle = RealProgram.run(Duration.ofSeconds(30), Map.of("LC_ALL", "C.UTF-8"), null,
                "groff", "-man", "-Tutf8", "-P-cbou", "-ww", out.resolve("whitelist-gen-bundle.1").toString());
        assertThat(bundle.exitCode()).as(bundle.toString()).isZero();
        assertThat(bundle.err()).isEmpty();
        assertThat(bundle.out()).contains("WHITELIST-GEN-BUNDLE(1)").contains("--server-from-url=URL").contains("--lang=LANG")
                .contains("SHA256SUMS");
        RealProgram.Result main = RealProgram.run(Duration.ofSeconds(30), Map.of("LC_ALL", "C.UTF-8"), null,
                "groff", "-man", "-Tutf8", "-P-cbou", out.resolve("whitelist-gen.1").toString());
        assertThat(main.out()).contains("--target=TARGET");
        COMMANDS.forEach(command -> assertThat(main.out()).contains(command));
    }

    /** What bash's completion function offers for the line, as the shell would call it. */
    private static String complete(String line) {
        String script = "source " + COMPLETION + " 2>/dev/null\n"
                + "COMP_LINE='" + line + "'; COMP_POINT=${#COMP_LINE}; read -ra COMP_WORDS <<< \"$COMP_LINE\"\n"
                // a line ending in a space completes a new, empty word, as bash would pass it
                + "[[ $COMP_LINE == *' ' ]] && COMP_WORDS+=('')\n"
                + "COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 ))\n"
                + "_complete_whitelist-gen 2>/dev/null\n"
                + "echo \"${COMPREPLY[*]}\"\n";
        RealProgram.Result result = RealProgram.run("bash", "--norc", "-c", script);
        assertThat(result.exitCode()).as(result.toString()).isZero();
        return result.out().strip();
    }
}
