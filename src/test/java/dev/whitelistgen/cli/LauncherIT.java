package dev.whitelistgen.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.whitelistgen.testing.Cli;
import dev.whitelistgen.testing.RealProgram;
import dev.whitelistgen.testing.Repo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs after `package` (failsafe): bin/whitelist-gen as a user calls it, with the jar and archive the build made. */
class LauncherIT {

    private static final Path LAUNCHER = Repo.path("bin/whitelist-gen");

    @Test
    void theClassDataSharingArchiveFitsTheJar() {
        // -Xshare:on refuses to start when the archive does not match the jar; the launcher's -Xshare:auto would
        // silently start without it, about 0.15 s slower
        RealProgram.Result result = RealProgram.run("java", "-Xshare:on", "-XX:SharedArchiveFile=" + Repo.path("target/whitelist-gen.jsa"),
                "-cp", Repo.path("target/whitelist-gen.jar").toString(), WhitelistGen.class.getName(), "--version");
        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.out()).startsWith("whitelist-gen ");
    }

    @Test
    void theLauncherGivesWhatTheCommandGivesInProcess() {
        Cli.Result expected = Cli.run("--target", "postfix", "--server", "dach");
        RealProgram.Result launched = RealProgram.run(LAUNCHER.toString(), "--target", "postfix", "--server", "dach");
        assertThat(launched.err()).as("the jar is current after 'mvn package', so nothing is built").isEmpty();
        assertThat(launched.exitCode()).isZero();
        assertThat(launched.out()).isEqualTo(expected.out());
    }

    /**
     * Issue 22.4: a build after an earlier one (the launcher's, then `mvn -B verify`, in the README's order) kept the
     * shaded jar as the "up to date" plain jar and shaded it again: about 120 overlapping-class warnings, and
     * original-whitelist-gen.jar held every library. A first build always passes this; .ci/bare-machine.sh runs the
     * launcher before the tests, so there this checks a second build.
     */
    @Test
    void theBuildShadesOnlyThePlainJar() throws IOException {
        assertThat(libraryEntries("whitelist-gen.jar")).as("the shaded jar carries the libraries").isNotEmpty();
        assertThat(libraryEntries("original-whitelist-gen.jar")).as("the plain jar holds this project's classes only").isEmpty();
    }

    private static java.util.List<String> libraryEntries(String jar) throws IOException {
        try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(Repo.path("target/" + jar).toFile())) {
            return zip.stream().map(java.util.zip.ZipEntry::getName)
                    .filter(name -> name.startsWith("freemarker/") || name.startsWith("picocli/") || name.startsWith("org/yaml/"))
                    .toList();
        }
    }

    /**
     * A checkout without a jar, and a stand-in for Maven that prints two of Maven's step lines, takes a few seconds and
     * then puts the real jar in place: what the launcher says about the first build, without a real one.
     */
    private static Path unbuiltCheckout(Path root) throws IOException {
        Files.createDirectories(root.resolve("bin"));
        Files.copy(LAUNCHER, root.resolve("bin/whitelist-gen"));
        Files.writeString(root.resolve("pom.xml"), "<project/>\n");
        for (String folder : new String[] {"src/main", "templates", "profiles", "fake-maven"}) {
            Files.createDirectories(root.resolve(folder));
        }
        Path mvn = Files.writeString(root.resolve("fake-maven/mvn"), "#!/bin/sh\n"
                + "echo '[INFO] --- compiler:3.13.0:compile (default-compile) @ whitelist-gen ---'\n"
                + "sleep 3\n"
                + "echo '[INFO] --- shade:3.6.0:shade (default) @ whitelist-gen ---'\n"
                + "cp '" + Repo.path("target/whitelist-gen.jar") + "' target/whitelist-gen.jar\n");
        mvn.toFile().setExecutable(true);
        return root.resolve("bin/whitelist-gen");
    }

    private static Map<String, String> withFakeMaven(Path launcher) {
        return Map.of("PATH", launcher.getParent().resolveSibling("fake-maven") + ":" + System.getenv("PATH"));
    }

    @Test
    void theFirstBuildSaysItIsOneTimeAndHowLong(@TempDir Path root) throws IOException {
        Path launcher = unbuiltCheckout(root);
        RealProgram.Result result = RealProgram.run(Duration.ofMinutes(1), withFakeMaven(launcher), root, launcher.toString(), "--version");
        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.out()).startsWith("whitelist-gen ");
        assertThat(result.err()).as("no terminal: no progress line")
                .contains("a one-time step of about a minute").containsPattern("built in \\d+s").doesNotContain("\r");
    }

    /** Issue 22: two first calls started together in one checkout: one builds, the other waits for it and says so. */
    @Test
    void twoFirstCallsStartedTogetherBuildOnce(@TempDir Path root) throws Exception {
        Path launcher = unbuiltCheckout(root);
        Path mvn = root.resolve("fake-maven/mvn");
        Files.writeString(mvn, Files.readString(mvn).replace("#!/bin/sh\n", "#!/bin/sh\necho build >> builds\n"));
        Map<String, String> environment = withFakeMaven(launcher);
        java.util.concurrent.CompletableFuture<RealProgram.Result> first = java.util.concurrent.CompletableFuture.supplyAsync(
                () -> RealProgram.run(Duration.ofMinutes(1), environment, root, launcher.toString(), "--version"));
        java.util.concurrent.CompletableFuture<RealProgram.Result> second = java.util.concurrent.CompletableFuture.supplyAsync(
                () -> RealProgram.run(Duration.ofMinutes(1), environment, root, launcher.toString(), "--version"));
        RealProgram.Result one = first.get();
        RealProgram.Result other = second.get();

        assertThat(one.exitCode()).as(one.toString()).isZero();
        assertThat(other.exitCode()).as(other.toString()).isZero();
        assertThat(Files.readAllLines(root.resolve("builds"))).as("Maven runs").hasSize(1);
        assertThat(one.err() + other.err()).contains("is building " + root + "/target/whitelist-gen.jar; waiting for it")
                .containsOnlyOnce("a one-time step");
        assertThat(root.resolve("target/.build-lock")).doesNotExist();
    }

    /** A lock left by a launcher that was killed (its pid gone) does not stop the next call. */
    @Test
    void aLockLeftByAKilledLauncherIsTakenOver(@TempDir Path root) throws IOException {
        Path launcher = unbuiltCheckout(root);
        Files.createDirectories(root.resolve("target/.build-lock"));
        Files.writeString(root.resolve("target/.build-lock/pid"), "999999999\n");
        RealProgram.Result result = RealProgram.run(Duration.ofMinutes(1), withFakeMaven(launcher), root, launcher.toString(), "--version");
        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.err()).doesNotContain("waiting");
    }

    @Test
    void onATerminalTheFirstBuildShowsMavensCurrentStep(@TempDir Path root) throws IOException {
        Path launcher = unbuiltCheckout(root);
        // script(1) gives the launcher a terminal, and copies what it shows there to its own standard output
        RealProgram.Result result = RealProgram.run(Duration.ofMinutes(1), withFakeMaven(launcher), root,
                "script", "-qec", launcher + " --version", "/dev/null");
        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.out()).contains("a one-time step").containsPattern("\r +\\d+s  compiler:3\\.13\\.0:compile \\(default-compile\\)")
                .contains("whitelist-gen 0.");
    }

    /**
     * Issue 32.7: the jar reads templates/ and profiles/ from its checkout, so an edit there runs at once, without a
     * build; a change under src/main (or pom.xml) rebuilds the jar first.
     */
    @Test
    void aTemplateEditRunsWithoutABuildAndASourceEditRebuilds(@TempDir Path root) throws IOException {
        Path launcher = unbuiltCheckout(root);
        copyFolder(Repo.path("profiles"), root.resolve("profiles"));
        copyFolder(Repo.path("templates"), root.resolve("templates"));
        Map<String, String> environment = withFakeMaven(launcher);
        RealProgram.Result first = RealProgram.run(Duration.ofMinutes(1), environment, root, launcher.toString(), "--version");
        assertThat(first.err()).as(first.toString()).contains("a one-time step");

        Path template = root.resolve("templates/json/netigate-profile.json.ftl");
        Files.writeString(template, Files.readString(template) + "edited in the checkout\n");
        Path profile = root.resolve("profiles/netigate/v2.yaml");
        Files.writeString(profile, Files.readString(profile) + "# edited in the checkout\n");
        RealProgram.Result edited = RealProgram.run(Duration.ofMinutes(1), environment, root, launcher.toString(),
                "--target", "json", "--server", "dach");
        assertThat(edited.exitCode()).as(edited.toString()).isZero();
        assertThat(edited.err()).as("nothing is built").isEmpty();
        assertThat(edited.out()).endsWith("edited in the checkout\n");

        Files.writeString(root.resolve("src/main/Changed.java"), "// newer than the jar\n");
        RealProgram.Result rebuilt = RealProgram.run(Duration.ofMinutes(1), environment, root, launcher.toString(), "--version");
        assertThat(rebuilt.exitCode()).as(rebuilt.toString()).isZero();
        assertThat(rebuilt.err()).contains("the Java sources or pom.xml changed: rebuilding");
    }

    @Test
    void aProfileMistakeDoesNotFailTheBuildsClassDataSharingRun(@TempDir Path root) throws IOException {
        // pom.xml's training run reads the checkout's profiles; here two of them are current (README's new-version
        // steps with the last one forgotten). Only that execution runs, on the jar this build made.
        Files.copy(Repo.path("pom.xml"), root.resolve("pom.xml"));
        copyFolder(Repo.path("profiles"), root.resolve("profiles"));
        copyFolder(Repo.path("templates"), root.resolve("templates"));
        Files.createDirectories(root.resolve("target"));
        Files.copy(Repo.path("target/whitelist-gen.jar"), root.resolve("target/whitelist-gen.jar"));
        Files.writeString(root.resolve("profiles/netigate/v3.yaml"), Files.readString(Repo.path("profiles/netigate/v2.yaml"))
                .replace("version: \"2\"", "version: \"3\"").replace("supersedes: \"1\"", "supersedes: \"2\""));

        RealProgram.Result result = RealProgram.run(Duration.ofMinutes(3), Map.of(), root,
                "mvn", "-B", "-o", "-q", "exec:exec@class-data-sharing-class-list");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(Files.readString(root.resolve("target/cds-training-run.log")))
                .contains("exactly one version must have status current, found 2");
    }

    private static void copyFolder(Path from, Path to) throws IOException {
        try (java.util.stream.Stream<Path> files = Files.walk(from)) {
            for (Path file : files.toList()) {
                Path copy = to.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(copy);
                } else {
                    Files.copy(file, copy);
                }
            }
        }
    }

    @Test
    void theLauncherFindsItsCheckoutThroughLinks(@TempDir Path links) throws IOException {
        Path toScript = Files.createSymbolicLink(links.resolve("whitelist-gen"), LAUNCHER);
        Path toFolder = Files.createSymbolicLink(links.resolve("bin"), LAUNCHER.getParent());
        for (Path launcher : new Path[] {toScript, toFolder.resolve("whitelist-gen")}) {
            RealProgram.Result result = RealProgram.run(launcher.toString(), "list", "targets");
            assertThat(result.exitCode()).as(launcher + "\n" + result).isZero();
            assertThat(result.out()).as(launcher.toString()).startsWith("Targets:").contains("postfix");
        }
    }

    /** {@code bin/whitelist-gen … > /etc/…} on a full disk must not leave half a file behind a success code. */
    @Test
    void aFullDiskUnderStandardOutputExitsFive() {
        RealProgram.Result result = RealProgram.run("sh", "-c", "exec \"$@\" >/dev/full", "sh", LAUNCHER.toString(),
                "--target", "postfix", "--server", "dach");
        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.IO);
        assertThat(result.err()).isEqualTo("whitelist-gen: cannot write to standard output: No space left on device; the output is incomplete\n");
    }
}
