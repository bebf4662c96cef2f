package dev.whitelistgen.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.whitelistgen.BuiltInResources;
import dev.whitelistgen.render.TargetCatalog;
import dev.whitelistgen.testing.Cli;
import dev.whitelistgen.testing.CliProcess;
import dev.whitelistgen.testing.RealProgram;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.Command;

/** The main job runs on the root command alone; everything else must behave as if the whole tree were always there. */
class WhitelistGenTest {

    private static final List<String> SUBCOMMANDS = Arrays.stream(WhitelistGenCommand.class.getAnnotation(Command.class).subcommands())
            .map(type -> type.getAnnotation(Command.class).name()).toList();

    @Test
    void helpIsRecognisedInEveryForm() {
        assertThat(WhitelistGen.asksForHelp("--help")).isTrue();
        assertThat(WhitelistGen.asksForHelp("--target", "postfix", "-h")).isTrue();
        assertThat(WhitelistGen.asksForHelp("-Vh")).isTrue();
        assertThat(WhitelistGen.asksForHelp("--target", "postfix", "--server", "dach")).isFalse();
        assertThat(WhitelistGen.asksForHelp("--domain", "h.example")).isFalse();
        assertThat(WhitelistGen.asksForHelp()).isFalse();
    }

    @Test
    void everySubcommandIsReachedThoughTheRootAloneDoesNotKnowIt() {
        assertThat(SUBCOMMANDS).containsExactly("list", "check", "bundle", "diff", "validate", "profiles", "serve");
        for (String name : SUBCOMMANDS) {
            Cli.Result help = Cli.run(name, "--help");
            assertThat(help.exitCode()).as(name).isZero();
            assertThat(help.out()).as(name).startsWith("Usage: whitelist-gen " + name);
        }
        Cli.Result list = Cli.run("--allow-prefix", "24", "list", "targets");
        assertThat(list.exitCode()).as(list.toString()).isZero();
        assertThat(list.out()).startsWith("Targets:").contains("postfix");
    }

    @Test
    void rootHelpListsTheSubcommands() {
        Cli.Result help = Cli.run("-h");
        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).contains("Commands:");
        SUBCOMMANDS.forEach(name -> assertThat(help.out()).contains("  " + name + " "));
    }

    @Test
    void aMisspeltOptionGetsADidYouMean() {
        Cli.Result result = Cli.run("--targte", "postfix", "--server", "dach");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err()).isEqualTo("whitelist-gen: Unknown options: '--targte', 'postfix'; did you mean --target? (try --help)\n");
    }

    /** The values come from the built-in targets and profiles: a new target shows up without touching the help. */
    @Test
    void helpListsTheValidTargetsServersAndValues() {
        String help = Cli.run("--help").out().replaceAll("\\s+", " ");
        String bundle = Cli.run("bundle", "--help").out().replaceAll("\\s+", " ");

        String targets = String.join(", ", new TargetCatalog(List.of(BuiltInResources.folder("templates"))).names());
        assertThat(targets).contains("postfix").contains("rspamd");
        assertThat(help).contains("Mail system to write for: " + targets + ", all (see 'list targets';")
                .contains("Netigate server, by id or alias: azure, sweden, se, netigate.se, dach, germany, de, ntgt.de;")
                .contains("Profile version (1, 2) or file");
        assertThat(bundle).contains("Language of the README: ").containsPattern("README: (de|en|sv), (de|en|sv), (de|en|sv) \\(default: en\\)");
    }

    /** -s takes a list as -t does: the files for both servers, as with 'all' for these two. */
    @Test
    void serversAsACommaSeparatedList() {
        Cli.Result list = Cli.run("--target", "json", "-s", "dach,azure");
        Cli.Result all = Cli.run("--target", "json", "-s", "all");
        Cli.Result bundle = Cli.run("bundle", "-s", "dach,azure", "-o", "x.zip");

        assertThat(list.exitCode()).as(list.toString()).isZero();
        assertThat(list.out()).isEqualTo(all.out());
        assertThat(bundle.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(bundle.err()).startsWith("whitelist-gen: --server: give one server (this is made for one customer), not a list;");
    }

    /** A line break would end the comment each file's Reproduce: line stands in. */
    @Test
    void aProfilePathWithALineBreakIsRefused() {
        Cli.Result result = Cli.run("--target", "json", "--server", "dach", "--profile", "profiles/new\nline.yaml");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err()).isEqualTo("whitelist-gen: --profile: 'profiles/new?line.yaml' holds a line break or another control"
                + " character; rename the file (the Reproduce: line of every file could not name it)\n");
    }

    @Test
    void aMistakeIsReportedOnceWhetherOrNotItLooksLikeACommand() {
        for (String[] args : List.of(new String[] {"lsit"}, new String[] {"--target", "postfix", "--bogus"},
                new String[] {"check", "spff"}, new String[] {"--server"})) {
            Cli.Result result = Cli.run(args);
            assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.USAGE);
            assertThat(result.out()).isEmpty();
            assertThat(result.err().lines()).as(result.toString()).hasSize(1)
                    .allMatch(line -> line.startsWith("whitelist-gen: ") && line.endsWith("(try --help)"));
        }
    }

    /** PrintWriter swallows IOExceptions; a full disk or a closed standard output must still fail the run. */
    @Test
    void aStandardOutputThatCannotBeWrittenIsAnIoErrorNotSuccess() {
        Writer full = new Writer() {
            @Override
            public void write(char[] buffer, int offset, int length) throws IOException {
                throw new IOException("No space left on device");
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        for (String[] args : List.of(new String[] {"--target", "postfix", "--server", "dach"}, new String[] {"list"},
                new String[] {"diff", "--from", "1", "--to", "2", "--target", "postfix", "--server", "dach"})) {
            StringWriter err = new StringWriter();
            int code = WhitelistGen.run(new PrintWriter(full), new PrintWriter(err), args);
            assertThat(code).as(String.join(" ", args)).isEqualTo(ExitCodes.IO);
            assertThat(err.toString()).as(String.join(" ", args))
                    .isEqualTo("whitelist-gen: cannot write to standard output; the output is incomplete\n");
        }
    }

    @Test
    void aFullDiskOrAClosedStandardOutputExitsFiveWithTheReason() {
        RealProgram.Result full = RealProgram.run(CliProcess.inShell("exec \"$@\" >/dev/full", "--target", "postfix", "--server", "dach"));
        assertThat(full.exitCode()).as(full.toString()).isEqualTo(ExitCodes.IO);
        assertThat(full.err()).isEqualTo("whitelist-gen: cannot write to standard output: No space left on device; the output is incomplete\n");
        RealProgram.Result closed = RealProgram.run(CliProcess.inShell("exec \"$@\" >&-", "list"));
        assertThat(closed.exitCode()).as(closed.toString()).isEqualTo(ExitCodes.IO);
        assertThat(closed.err()).startsWith("whitelist-gen: cannot write to standard output");
    }
}
