package dev.whitelistgen.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.whitelistgen.testing.Cli;
import dev.whitelistgen.testing.Repo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ValidateCommandTest {

    @TempDir
    Path dir;

    @Test
    void theShippedProfilesAreValid() {
        String v1 = Repo.path("profiles/netigate/v1.yaml").toString();
        String v2 = Repo.path("profiles/netigate/v2.yaml").toString();
        Cli.Result result = Cli.run("validate", v1, v2);
        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.out()).isEqualTo(v1 + ": valid (version 1, superseded, 2 servers)\n"
                + v2 + ": valid (version 2, current, 2 servers)\n");
        assertThat(result.err()).isEmpty();
    }

    @Test
    void reportsEveryProblemOfEveryFileWithItsLineAndExitsThree() throws IOException {
        Path first = dir.resolve("first.yaml");
        String v2 = Files.readString(Repo.path("profiles/netigate/v2.yaml"));
        Files.writeString(first, v2
                .replace("status: current", "status: draft")                       // bad status
                .replace("  - 46.254.11.92\n", "  - 46.254.11.92/16\n")            // host bits set
                .replace("    mail_domains: [ntgt.de]", "    mail_domains: [ntgt]") // not a domain
                .replace("    name: Azure\n", "    name: Azure\n    colour: blue\n")); // unknown key
        Path second = dir.resolve("second.yaml");
        Files.writeString(second, v2.replace("spf_include: _spf.netigate.se", "spf_include: \"_spf netigate se\""));
        String valid = Repo.path("profiles/netigate/v1.yaml").toString();

        Cli.Result result = Cli.run("validate", first.toString(), valid, second.toString(), dir.resolve("missing.yaml").toString());

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(result.out()).isEqualTo(valid + ": valid (version 1, superseded, 2 servers)\n");
        assertThat(result.err().lines().toList()).containsExactlyInAnyOrder(
                "whitelist-gen: " + first + ":" + line(v2, "status: current") + ": status: 'draft' is not a status; expected current or superseded",
                "whitelist-gen: " + first + ":" + line(v2, "  - 46.254.11.92") + ": networks[1]: '46.254.11.92/16' has host bits set; did you mean 46.254.0.0/16?",
                "whitelist-gen: " + first + ":" + (line(v2, "    mail_domains: [ntgt.de]") + 1) + ": servers.dach.mail_domains[0]: 'ntgt' is not a fully qualified domain name (needs a dot)",
                "whitelist-gen: " + first + ":" + (line(v2, "    name: Azure") + 1) + ": servers.azure.colour: unknown key; expected one of aliases, mail_domains, name, networks, notes, sender_addresses, spf_include, web_domains",
                "whitelist-gen: " + second + ":" + line(v2, "spf_include: _spf.netigate.se") + ": servers.azure.spf_include: '_spf netigate se' holds whitespace or a control character",
                "whitelist-gen: " + dir.resolve("missing.yaml") + ": no such file",
                "whitelist-gen: 3 of 4 files invalid, 6 problems");
    }

    /** Issue 31: the claim a profile's header makes about inference holds, and each listed inference names a real field. */
    @Test
    void aHeaderClaimingNothingIsInferredWhileValuesAreIsRefused() throws IOException {
        String v2 = Files.readString(Repo.path("profiles/netigate/v2.yaml"));
        Path claims = Files.writeString(dir.resolve("claims.yaml"), "# Every value is copied from the article; nothing is inferred.\n" + v2);
        Cli.Result refused = Cli.run("validate", claims.toString());
        assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(refused.err()).contains(claims + ":5: inferred: the header says nothing is inferred, yet 'inferred' lists 8 value(s)");

        Path stray = Files.writeString(dir.resolve("stray.yaml"), v2.replace("  - field: servers.azure.aliases\n", "  - field: servers.azure.alias\n"));
        Cli.Result unknown = Cli.run("validate", stray.toString());
        assertThat(unknown.exitCode()).as(unknown.toString()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(unknown.err()).contains("inferred[2].field: 'servers.azure.alias' names no field of this profile");
    }

    /** Issue 31: silence is stored as unknown (null), and an article is cited by a title or its first heading, not both. */
    @Test
    void unknownTlsAndDkimAreNullAndTheSourceHasATitleOrAHeading() throws IOException {
        String v1 = Files.readString(Repo.path("profiles/netigate/v1.yaml"));
        assertThat(v1).contains("  inbound_required: null\n", "  offered: null\n").doesNotContain("\n  publisher:");
        Path both = Files.writeString(dir.resolve("both.yaml"), v1.replace("  language: de\n", "  title: Ein Titel\n  language: de\n"));
        Cli.Result refused = Cli.run("validate", both.toString());
        assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(refused.err()).contains("source.title: give exactly one of title (the article's title) and heading");
        Path yes = Files.writeString(dir.resolve("yes.yaml"), v1.replace("  offered: null\n", "  offered: yes\n"));
        assertThat(Cli.run("validate", yes.toString()).err()).contains("dkim.offered: expected true or false");
    }

    @Test
    void aFileValidAloneThatBreaksTheVersionsTogetherIsReportedWithExitThree() throws IOException {
        // README's "Adding a profile version" with its last step forgotten: the old version is still current
        Path v3 = dir.resolve("v3.yaml");
        Files.writeString(v3, Files.readString(Repo.path("profiles/netigate/v2.yaml"))
                .replace("version: \"2\"", "version: \"3\"").replace("supersedes: \"1\"", "supersedes: \"2\""));
        Cli.Result result = Cli.run("validate", v3.toString(), "--profiles-dir", dir.toString());
        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(result.err().lines().toList()).containsExactly(
                "whitelist-gen: " + v3 + ": status: exactly one version must have status current, found 2 (2 in "
                        + builtIn("v2.yaml") + ", 3 in " + v3 + "); set the older versions' status to superseded",
                "whitelist-gen: the profile versions together: 1 problem");
    }

    @Test
    void anInvalidFileOfTheCatalogueIsReportedOnceWhateverPathNamesIt() throws IOException {
        Path bad = dir.resolve("bad.yaml");
        Files.writeString(bad, Files.readString(Repo.path("profiles/netigate/v2.yaml")).replace("status: current", "status: draft"));
        Cli.Result result = Cli.run("validate", dir.resolve(".").resolve("bad.yaml").toString(), "--profiles-dir", dir.toString());
        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(result.err().lines().filter(line -> line.contains("'draft' is not a status"))).hasSize(1);
        assertThat(result.err().lines().toList()).as("the problem and the count (no line twice)").hasSize(2);
    }

    private Path fifo(Path path) throws Exception {
        assertThat(new ProcessBuilder("mkfifo", path.toString()).start().waitFor()).isZero();
        return path;
    }

    /** Opening a FIFO waits for a writer: validate hung; it is refused without being opened. */
    @Test
    void aFifoIsRefusedAtOnce() throws Exception {
        Path fifo = fifo(dir.resolve("v3.yaml"));

        Cli.Result result = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> Cli.run("validate", fifo.toString()));

        assertThat(result.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(result.err()).isEqualTo("whitelist-gen: " + fifo + ": is not a regular file (a FIFO, a device or a socket),"
                + " not a profile file\nwhitelist-gen: 1 of 1 file invalid, 1 problem\n");
    }

    /** In --profiles-dir, a FIFO, a folder or a link to /dev/zero named like a profile was skipped silently. */
    @Test
    void inTheProfilesFolderWhatIsNoRegularFileIsRefusedByName() throws Exception {
        Path withFifo = Files.createDirectories(dir.resolve("fifo"));
        fifo(withFifo.resolve("v3.yaml"));
        Path withFolder = Files.createDirectories(dir.resolve("folder").resolve("v3.yaml")).getParent();
        Path withDevice = Files.createDirectories(dir.resolve("device"));
        Files.createSymbolicLink(withDevice.resolve("v3.yaml"), Path.of("/dev/zero"));
        Map<Path, String> expected = Map.of(
                withFifo, "is not a regular file (a FIFO, a device or a socket), not a profile file",
                withFolder, "is a folder, not a profile file",
                withDevice, "is a link to /dev/zero, not a regular file (a FIFO, a device or a socket), not a profile file");

        for (Map.Entry<Path, String> folder : expected.entrySet()) {
            Cli.Result result = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> Cli.run("--target", "json", "--server", "dach",
                    "--profiles-dir", folder.getKey().toString()));

            assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.INVALID_INPUT);
            assertThat(result.err()).isEqualTo("whitelist-gen: " + folder.getKey().resolve("v3.yaml") + ": " + folder.getValue() + "\n");
        }
    }

    @Test
    void needsAtLeastOneFile() {
        Cli.Result result = Cli.run("validate");
        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err()).contains("FILE");
    }

    @Test
    void aFolderIsNamedAsOneAndTheCountsAgreeInNumber() {
        Cli.Result result = Cli.run("validate", dir.toString());
        assertThat(result.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(result.err()).isEqualTo("whitelist-gen: " + dir + ": is a folder, not a profile file\n"
                + "whitelist-gen: 1 of 1 file invalid, 1 problem\n");
    }

    /** The path under which the tests' class path holds a built-in profile (what the catalogue reports). */
    private static String builtIn(String file) {
        return dev.whitelistgen.BuiltInResources.folder("profiles").resolve("netigate").resolve(file).toString();
    }

    /** The 1-based line of the first line containing {@code text}. */
    private static int line(String file, String text) {
        int index = file.indexOf(text);
        return (int) file.substring(0, index).chars().filter(c -> c == '\n').count() + 1;
    }

    @Test
    void aShippedTargetFolderIsValidForEveryVersionServerAndOption() {
        String json = Repo.path("templates/json").toString();
        String spamassassin = Repo.path("templates/spamassassin").toString();
        Cli.Result result = Cli.run("validate", json, spamassassin);
        assertThat(result.exitCode()).as(result.toString()).isZero();
        // 2 versions x 2 servers x (without, with --domain) x 3 languages; spamassassin: --dkim-signed only with a domain
        assertThat(result.out()).isEqualTo(json + ": valid (target json, 24 renderings: profile versions 1, 2, every server,"
                + " no options, with and without --domain, every language)\n"
                + spamassassin + ": valid (target spamassassin, 36 renderings: profile versions 1, 2, every server,"
                + " options --dkim-signed, with and without --domain, every language)\n");
    }

    @Test
    void aBrokenTargetFolderIsReportedWithFileAndLine() throws IOException {
        Path folder = Files.createDirectories(dir.resolve("broken"));
        Files.writeString(folder.resolve("target.yaml"), "description: broken\n");
        Files.writeString(folder.resolve("out.txt.ftl"), "fine\n[=server.nosuch]\n");
        for (String language : new String[] {"en", "sv", "de"}) {
            Files.writeString(folder.resolve("bundle_" + language + ".properties"),
                    "title=t\nscenario=s\napply=a\nundo=u\nfile.out.txt=o\n");
        }
        Cli.Result broken = Cli.run("validate", folder.toString());
        assertThat(broken.exitCode()).as(broken.toString()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(broken.err()).startsWith("whitelist-gen: " + folder.resolve("out.txt.ftl") + ":2: ")
                .contains("(profile 1, server azure, language de)")
                .endsWith("whitelist-gen: 1 of 1 file invalid, 1 problem\n");

        // a syntax error: FreeMarker answers the later variants from its cache; still one problem, with its line
        Files.writeString(folder.resolve("out.txt.ftl"), "fine\n[#if]\n");
        Cli.Result unparsable = Cli.run("validate", folder.toString());
        assertThat(unparsable.exitCode()).as(unparsable.toString()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(unparsable.err()).startsWith("whitelist-gen: " + folder.resolve("out.txt.ftl") + ":2: ")
                .doesNotContain("earlier attempt").endsWith("whitelist-gen: 1 of 1 file invalid, 1 problem\n");

        Files.writeString(folder.resolve("target.yaml"), "description: broken\nflags: [no-such]\n");
        Cli.Result yaml = Cli.run("validate", folder.toString());
        assertThat(yaml.err()).startsWith("whitelist-gen: " + folder.resolve("target.yaml") + ":2: flags[0]: unknown option 'no-such'");
    }
}
