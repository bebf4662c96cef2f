package dev.whitelistgen.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.whitelistgen.testing.Cli;
import dev.whitelistgen.testing.Repo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.TimeZone;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The CLI as a user runs it: arguments in, exit code, standard output, standard error and files out. */
class GenerateCommandTest {

    @TempDir
    Path temp;

    static List<String> files(Path folder) throws IOException {
        try (Stream<Path> walk = Files.walk(folder)) {
            return walk.filter(Files::isRegularFile).map(p -> folder.relativize(p).toString()).sorted().toList();
        }
    }

    @Test
    void printsASingleFileAsIsSoItCanBePiped() {
        Cli.Result result = Cli.run("--target", "bind", "--server", "azure", "--domain", "example.com");
        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).startsWith("; SPF TXT records").doesNotContain("==>");
        assertThat(result.err()).isEmpty();
    }

    @Test
    void printsSeveralFilesUnderBanners() {
        Cli.Result result = Cli.run("--target", "postfix", "--server", "dach");
        assertThat(result.exitCode()).isZero();
        assertThat(result.out().lines().filter(l -> l.startsWith("==> "))).containsExactly(
                "==> apply.sh <==", "==> main.cf.snippet <==", "==> netigate_clients.cidr <==", "==> netigate_postscreen.cidr <==",
                "==> netigate_sender_access <==", "==> policyd-spf.conf.snippet <==", "==> undo.sh <==");
    }

    @Test
    void acceptsServerAliasesCaseInsensitively() {
        String byId = Cli.run("--target", "postfix", "--server", "dach").out();
        for (String alias : List.of("germany", "DE", "ntgt.de", "DACH")) {
            assertThat(Cli.run("--target", "postfix", "--server", alias).out()).as(alias).isEqualTo(byId);
        }
    }

    @Test
    void writesFilesIntoTheOutputFolderAndSaysSoOnStandardError() throws IOException {
        Path out = temp.resolve("out/nested");
        Cli.Result result = Cli.run("--target", "postfix", "--server", "dach", "--output", out.toString());
        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.out()).isEmpty();
        assertThat(files(out)).containsExactly("apply.sh", "main.cf.snippet", "netigate_clients.cidr", "netigate_postscreen.cidr",
                "netigate_sender_access", "policyd-spf.conf.snippet", "undo.sh");
        assertThat(result.err().lines()).hasSize(7).allMatch(l -> l.startsWith("wrote " + out));
    }

    @Test
    void allServersAndAllTargetsGetTheirOwnFolders() throws IOException {
        Path out = temp.resolve("all");
        Cli.Result result = Cli.run("--target", "all", "--server", "all", "--domain", "example.com", "--output", out.toString());
        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(files(out)).contains("bind/azure/spf-records.zone", "bind/dach/spf-records.zone",
                "postfix/azure/netigate_clients.cidr", "postfix/dach/netigate_clients.cidr");
        Path servers = temp.resolve("servers");
        Cli.run("--target", "postfix", "--server", "all", "--output", servers.toString());
        assertThat(files(servers)).contains("azure/apply.sh", "dach/apply.sh");
    }

    @Test
    void sameInputsGiveTheSameBytesWhateverTheLocaleAndTimeZone() {
        String[] args = {"--target", "all", "--server", "all", "--domain", "example.com", "--existing-spf",
            "example.com=v=spf1 mx -all"};
        String first = Cli.run(args).out();
        Locale locale = Locale.getDefault();
        TimeZone zone = TimeZone.getDefault();
        try {
            Locale.setDefault(Locale.forLanguageTag("tr-TR"));
            TimeZone.setDefault(TimeZone.getTimeZone("Pacific/Kiritimati"));
            assertThat(Cli.run(args).out()).isEqualTo(first);
            Locale.setDefault(Locale.forLanguageTag("ar-EG"));
            assertThat(Cli.run(args).out()).isEqualTo(first);
        } finally {
            Locale.setDefault(locale);
            TimeZone.setDefault(zone);
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "--target nope --server azure|2|--target: unknown target 'nope'; valid targets: ",
        "--target postfix --server mars|2|--server: unknown server 'mars'; valid servers: azure (sweden, se, netigate.se), dach (germany, de, ntgt.de), all",
        "--target postfix|2|--server (or --server-from-url) is required; valid servers: azure",
        "--server dach|2|--target is required (or a command: list, check, bundle, diff, validate, profiles, serve); try --help",
        "--target postfix --server dach --profile 7|2|--profile: unknown version '7'; known versions: 1, 2",
        "--target postfix --server dach --profile missing.yaml|5|--profile: cannot read the profile file 'missing.yaml': no such file",
        "--target postfix --server dach --ip-allow-list|2|--ip-allow-list: target postfix has no such option",
        "--target postfix --server dach --domain bad_domain.example|3|--domain: 'bad_domain.example' is not a valid domain name",
        "--target postfix --server dach --domain survey.netigate.se|3|--domain: 'survey.netigate.se' is Netigate's own sender domain",
        "--target bind --server dach --domain a.example --existing-spf v=spf2|3|--existing-spf for a.example: 'v=spf2' does not start with v=spf1",
        "--target bind --server dach --domain a.example --existing-spf a.example=v=spf1_-all|3|--existing-spf for a.example: 'v=spf1_-all' does not start with v=spf1",
        "--target bind --server dach --domain a.example --domain b.example --existing-spf v=spf1|2|--existing-spf: with several --domain, write DOMAIN=RECORD",
        "--target bind --server dach --domain a.example --existing-spf c.example=v=spf1|2|--existing-spf: c.example is not one of the --domain values",
        "--target bind --server dach --domain a.example --spf-mode dns|2|--spf-mode: 'dns' is not one of auto, include, ip",
        "--target bind --server dach --domain a.example --spf-mode include --profile 1|4|--spf-mode include: profile version 1 gives no SPF include for server dach",
        "--target postfix --server dach --allow-prefix 40|2|--allow-prefix: expected 0 to 32, got 40",
        "--target postfix --server dach --bogus|2|Unknown option: '--bogus'"})
    void badInputGetsOneClearLineAndTheRightExitCodeAndNoOutput(String args, int exitCode, String message) {
        Cli.Result result = Cli.run(args.split(" "));
        assertThat(result.exitCode()).as(result.toString()).isEqualTo(exitCode);
        assertThat(result.out()).isEmpty();
        assertThat(result.err()).startsWith("whitelist-gen: ").contains(message);
        assertThat(result.err().lines()).hasSize(1);
    }

    @Test
    void anUnknownTargetListsEveryTargetFolder() throws IOException {
        List<String> folders;
        try (Stream<Path> list = Files.list(Repo.path("templates"))) {
            folders = list.filter(folder -> Files.isRegularFile(folder.resolve("target.yaml")))
                    .map(folder -> folder.getFileName().toString()).sorted().toList();
        }
        assertThat(folders).contains("bind", "postfix");
        assertThat(Cli.run("--target", "nope", "--server", "azure").err())
                .isEqualTo("whitelist-gen: --target: unknown target 'nope'; valid targets: " + String.join(", ", folders) + ", all\n");
    }

    /** Flag values meant to break out of a shell, PowerShell, map-file or zone-file string are refused. */
    @ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"a.example;rm -rf /", "$(id).example", "`id`.example", "a.example\nREJECT",
        "a.example'", "a.example\"", "a.example\u0000", "-all.example", "a.example OK", "bücher.example"})
    void hostileDomainsAreRefused(String domain) {
        Cli.Result result = Cli.run("--target", "all", "--server", "all", "--domain", domain);
        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(result.out()).isEmpty();
        assertThat(result.err()).startsWith("whitelist-gen: --domain: ").doesNotContain("\n\n");
        assertThat(result.err().lines()).hasSize(1);
    }

    @ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"v=spf1 -all\"; rm -rf /", "v=spf1 include:$(id).example -all",
        "v=spf1 -all\nexample.com. IN TXT evil", "v=spf1 a:x.example\\ -all", "v=spf1 include:`id` -all"})
    void hostileSpfRecordsAreRefused(String record) {
        Cli.Result result = Cli.run("--target", "bind", "--server", "azure", "--domain", "a.example", "--existing-spf", record);
        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(result.out()).isEmpty();
        assertThat(result.err()).startsWith("whitelist-gen: --existing-spf for a.example: ");
    }

    @Test
    void anOutputPathThatIsAFileIsRefusedAndLeftAlone() throws IOException {
        Path file = Files.writeString(temp.resolve("existing.txt"), "keep me");
        Cli.Result result = Cli.run("--target", "postfix", "--server", "dach", "--output", file.toString());
        assertThat(result.exitCode()).isEqualTo(ExitCodes.IO);
        assertThat(result.err()).isEqualTo("whitelist-gen: --output: '" + file + "' is a file, not a folder\n");
        assertThat(Files.readString(file)).isEqualTo("keep me");
    }

    @Test
    void anOutputFolderThatCannotBeCreatedIsReportedAndNothingIsLeftBehind() throws IOException {
        Path file = Files.writeString(temp.resolve("plain-file"), "x");
        Cli.Result result = Cli.run("--target", "postfix", "--server", "dach", "--output", file.resolve("sub").toString());
        assertThat(result.exitCode()).isEqualTo(ExitCodes.IO);
        assertThat(result.err()).startsWith("whitelist-gen: --output: cannot write to '" + file.resolve("sub") + "'");
        assertThat(files(temp)).containsExactly("plain-file");
    }

    @Test
    void refusedRequestsWriteNothing() throws IOException {
        Path out = temp.resolve("refused");
        Cli.Result result = Cli.run("--target", "all", "--server", "dach", "--domain", "a.example", "--spf-mode", "include",
                "--profile", "1", "--output", out.toString());
        assertThat(result.exitCode()).isEqualTo(ExitCodes.REFUSED);
        assertThat(out).doesNotExist();
    }

    @Test
    void helpAndVersion() {
        Cli.Result help = Cli.run("--help");
        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).contains("--target", "--server", "--output", "--domain", "--existing-spf", "Exit codes:", "list");
        Cli.Result version = Cli.run("--version");
        assertThat(version.exitCode()).isZero();
        assertThat(version.out()).startsWith("whitelist-gen ").doesNotContain("unknown");
    }

    /** --version alone is answered before picocli builds its model (start-up, issue 30): the same bytes as picocli's. */
    @Test
    void versionAloneGivesPicoclisOwnVersionText() {
        java.io.StringWriter picocli = new java.io.StringWriter();
        new picocli.CommandLine(new GenerateCommand()).printVersionHelp(new java.io.PrintWriter(picocli));
        assertThat(picocli.toString()).startsWith("whitelist-gen ").contains("\nJava ");
        for (String option : List.of("--version", "-V")) {
            Cli.Result version = Cli.run(option);
            assertThat(version.exitCode()).isZero();
            assertThat(version.out()).isEqualTo(picocli.toString());
            assertThat(version.err()).isEmpty();
        }
    }

    @Test
    void listShowsTargetsServersAndProfiles() {
        Cli.Result result = Cli.run("list");
        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).contains("Targets:", "  bind ", "  postfix ", "Servers (profile 2):",
                "azure", "SPF include: _spf.netigate.se", "Profiles:", "1    superseded", "2    current");
        assertThat(Cli.run("list", "servers", "--profile", "1").out()).contains("SPF include: none given", "193.44.77.163");
        assertThat(Cli.run("list", "colours").exitCode()).isEqualTo(ExitCodes.USAGE);
    }

    /** {@code -o "$OUT"} with OUT unset must not scatter files into the current folder. */
    @Test
    void anEmptyOutputPathIsAUsageError() {
        Cli.Result generate = Cli.run("--target", "postfix", "--server", "dach", "--output", "");
        assertThat(generate.exitCode()).as(generate.toString()).isEqualTo(ExitCodes.USAGE);
        assertThat(generate.err()).isEqualTo("whitelist-gen: --output: the path is empty (an unset variable?); give a path, '.' for the current folder\n");
        Cli.Result bundle = Cli.run("bundle", "--server", "dach", "-o", "");
        assertThat(bundle.exitCode()).as(bundle.toString()).isEqualTo(ExitCodes.USAGE);
        assertThat(bundle.err()).startsWith("whitelist-gen: --output: the path is empty");
    }

    @Test
    void sayingWhichFilesWereReplacedAndWarningAboutFilesThisRunDidNotWrite() throws IOException {
        Path out = temp.resolve("out");
        Cli.run("--target", "postfix", "--server", "dach", "--output", out.toString());
        Files.writeString(out.resolve("apply.sh"), "#!/bin/sh\n# hand-edited\n");
        Files.writeString(out.resolve("netigate.cf"), "from another target\n");
        Cli.Result again = Cli.run("--target", "postfix", "--server", "dach", "--output", out.toString());
        assertThat(again.exitCode()).as(again.toString()).isZero();
        assertThat(again.err().lines()).contains("replaced " + out.resolve("apply.sh"), "unchanged " + out.resolve("undo.sh"))
                .doesNotContain("wrote " + out.resolve("apply.sh"));
        assertThat(again.err()).endsWith("whitelist-gen: warning: " + out + " also holds 1 file this run did not write"
                + " (another target's, or an older version's?): netigate.cf; remove what is not needed\n");
        assertThat(Files.readString(out.resolve("netigate.cf"))).as("left alone").isEqualTo("from another target\n");
    }

    @Test
    void aDanglingSymbolicLinkAsOutputIsNamedAsSuch() throws IOException {
        Path link = Files.createSymbolicLink(temp.resolve("link"), temp.resolve("gone"));
        Cli.Result result = Cli.run("--target", "postfix", "--server", "dach", "--output", link.toString());
        assertThat(result.exitCode()).isEqualTo(ExitCodes.IO);
        assertThat(result.err()).isEqualTo("whitelist-gen: --output: '" + link + "' is a symbolic link to '" + temp.resolve("gone")
                + "', which does not exist\n");
        assertThat(temp.resolve("gone")).doesNotExist();
    }

    /** Generate takes the target forms bundle takes, and leaves out what needs --domain with the reason, as bundle does. */
    @Test
    void targetsAsBundleTakesThemAndTargetsNeedingADomainLeftOutWithTheReason() throws IOException {
        Path out = temp.resolve("all");
        Cli.Result all = Cli.run("--target", "all", "--server", "all", "--output", out.toString());
        assertThat(all.exitCode()).as(all.toString()).isZero();
        assertThat(all.err().lines()).contains("left out bind: it needs --domain");
        assertThat(files(out)).contains("postfix/dach/apply.sh", "spamassassin/azure/netigate-welcomelist.cf")
                .noneMatch(path -> path.startsWith("bind/"));
        String comma = Cli.run("--target", "postfix,exim", "--server", "dach").out();
        String repeated = Cli.run("--target", "exim", "--target", "postfix", "--server", "dach").out();
        assertThat(comma).isEqualTo(repeated).contains("==> exim/", "==> postfix/apply.sh <==");
        Cli.Result named = Cli.run("--target", "bind", "--server", "dach");
        assertThat(named.exitCode()).as("named explicitly, it is not left out but needs --domain").isEqualTo(ExitCodes.USAGE);
    }

    /** "Reproduce:" must name the profile file the output was made from, not the version that file declares. */
    @Test
    void reproduceNamesAProfileFileAsGiven() throws IOException {
        Path draft = Files.copy(Repo.path("profiles/netigate/v2.yaml"), temp.resolve("draft.yaml"));
        Cli.Result result = Cli.run("--target", "postfix", "--server", "dach", "--profile", draft.toString());
        assertThat(result.exitCode()).as(result.toString()).isZero();
        List<String> reproduce = result.out().lines().filter(l -> l.contains("Reproduce:")).toList();
        assertThat(reproduce).hasSize(7).allMatch(l -> l.endsWith("Reproduce: whitelist-gen --target postfix --server dach --profile " + draft));
        assertThat(Cli.run("--target", "postfix", "--server", "dach", "--profile", "2").out())
                .contains("Reproduce: whitelist-gen --target postfix --server dach --profile 2\n");

        Path odd = Files.copy(draft, temp.resolve("it's {{ new }}.yaml"));
        String rspamd = Cli.run("--target", "rspamd", "--server", "dach", "--profile", odd.toString()).out();
        assertThat(rspamd).as("quoted for the shell, inert for rspamd's Jinja templater").doesNotContain("{{")
                .contains("--profile '" + temp + "/it'\\''s {");
    }
}
