package dev.whitelistgen.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.whitelistgen.testing.RealProgram;
import dev.whitelistgen.testing.Repo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * src/dist/bin/whitelist-gen, the launcher of an unpacked release (the Linux archive, the .deb, the portable zip),
 * run by /bin/sh with a stand-in for java that records its arguments and exits 7. .ci/release-check.sh runs the
 * real artefacts; this checks the launcher's choices in a second.
 */
class ReleaseLauncherTest {

    private static final Path LAUNCHER = Repo.path("src/dist/bin/whitelist-gen");
    private static final String MAIN = WhitelistGen.class.getName();
    private static final String STAND_IN = "#!/bin/sh\nfor a in \"$@\"; do printf '%s\\n' \"[$a]\"; done > \"$ARGS_FILE\"\nexit 7\n";

    @TempDir
    Path root;

    /** An unpacked release in root/NAME: bin/whitelist-gen, lib/ with an (empty) jar, and java at javaPath if given. */
    private Path release(String name, String javaPath) throws IOException {
        Path home = Files.createDirectories(root.resolve(name));
        Files.createDirectories(home.resolve("bin"));
        Files.copy(LAUNCHER, home.resolve("bin/whitelist-gen"));
        Files.createDirectories(home.resolve("lib"));
        Files.writeString(home.resolve("lib/whitelist-gen.jar"), "");
        if (javaPath != null) {
            standInJava(home.resolve(javaPath));
        }
        return home.toRealPath();
    }

    private static void standInJava(Path java) throws IOException {
        Files.createDirectories(java.getParent());
        Files.writeString(java, STAND_IN);
        java.toFile().setExecutable(true);
    }

    private RealProgram.Result launch(Path script, Map<String, String> environment, String... arguments) {
        List<String> command = new ArrayList<>(List.of("/bin/sh", script.toString()));
        command.addAll(List.of(arguments));
        Map<String, String> withArgsFile = new HashMap<>(environment);
        withArgsFile.put("ARGS_FILE", root.resolve("args").toString());
        withArgsFile.putIfAbsent("JAVA_HOME", "");
        return RealProgram.run(Duration.ofSeconds(30), withArgsFile, root, command.toArray(String[]::new));
    }

    private List<String> javaArguments() throws IOException {
        return Files.readAllLines(root.resolve("args")).stream().map(line -> line.substring(1, line.length() - 1)).toList();
    }

    @Test
    void theBundledRuntimeAndItsArchiveRunTheJarWithEveryArgumentAsGiven() throws IOException {
        Path home = release("whitelist-gen-1.0", "runtime/bin/java");
        Files.writeString(home.resolve("lib/whitelist-gen.jsa"), "");
        standInJava(root.resolve("other-jdk/bin/java"));

        RealProgram.Result result = launch(home.resolve("bin/whitelist-gen"), Map.of("JAVA_HOME", root.resolve("other-jdk").toString()),
                "--target", "postfix", "two words", "", "$HOME", "*", "a\"quote");

        assertThat(result.exitCode()).as("java's exit code is the launcher's: " + result).isEqualTo(7);
        assertThat(javaArguments()).as("the bundled runtime wins over JAVA_HOME").containsExactly(
                "-XX:TieredStopAtLevel=1", "-XX:CICompilerCount=1",
                "-XX:SharedArchiveFile=" + home.resolve("lib/whitelist-gen.jsa"), "-Xlog:cds=off", "-Xlog:aot=off",
                "-cp", home.resolve("lib/whitelist-gen.jar").toString(), MAIN,
                "--target", "postfix", "two words", "", "$HOME", "*", "a\"quote");
    }

    @Test
    void aRelativeLinkToTheLauncherFindsTheInstallFolderAsTheDebInstallsIt() throws IOException {
        Path home = release("usr/lib/whitelist-gen", "runtime/bin/java");
        Path link = Files.createDirectories(root.resolve("usr/bin")).resolve("whitelist-gen");
        Files.createSymbolicLink(link, Path.of("../lib/whitelist-gen/bin/whitelist-gen"));

        RealProgram.Result result = launch(link, Map.of(), "--version");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(7);
        assertThat(javaArguments()).containsSequence("-cp", home.resolve("lib/whitelist-gen.jar").toString(), MAIN, "--version");
    }

    @Test
    void thePortableZipTakesJavaHomeElseJavaOnPath() throws IOException {
        Path home = release("portable", null);
        standInJava(root.resolve("jdk/bin/java"));

        launch(home.resolve("bin/whitelist-gen"), Map.of("JAVA_HOME", root.resolve("jdk").toString()), "--version");
        assertThat(javaArguments()).as("no class-data sharing archive without the bundled runtime").containsExactly(
                "-XX:TieredStopAtLevel=1", "-XX:CICompilerCount=1", "-cp", home.resolve("lib/whitelist-gen.jar").toString(),
                MAIN, "--version");

        Files.delete(root.resolve("args"));
        RealProgram.Result result = launch(home.resolve("bin/whitelist-gen"), Map.of("PATH", root.resolve("jdk/bin").toString()),
                "--version");
        assertThat(result.exitCode()).as(result.toString()).isEqualTo(7);
        assertThat(javaArguments()).endsWith(MAIN, "--version");
    }

    @Test
    void withoutJavaItSaysSoAndExits127() throws IOException {
        Path home = release("portable", null);
        Path emptyPath = Files.createDirectories(root.resolve("empty"));

        RealProgram.Result result = launch(home.resolve("bin/whitelist-gen"), Map.of("PATH", emptyPath.toString()), "--version");

        assertThat(result.exitCode()).isEqualTo(127);
        assertThat(result.err()).startsWith("whitelist-gen: needs Java 17 or newer: set JAVA_HOME");
        assertThat(root.resolve("args")).doesNotExist();
    }

    /** Over 4 MB (about 250,000 networks) a call runs for seconds and the full JIT pays for itself; at or under, C1 only. */
    @Test
    void aProfileFileOverFourMegabytesGetsTheFullJit() throws IOException {
        Path home = release("whitelist-gen-1.0", "runtime/bin/java");
        Path large = root.resolve("large profile.yaml");
        Path small = root.resolve("small.yaml");
        try (java.io.RandomAccessFile file = new java.io.RandomAccessFile(large.toFile(), "rw")) {
            file.setLength(4_000_001);
        }
        try (java.io.RandomAccessFile file = new java.io.RandomAccessFile(small.toFile(), "rw")) {
            file.setLength(4_000_000);
        }

        for (String[] arguments : List.of(new String[] {"--profile", large.toString()}, new String[] {"-p", large.toString()},
                new String[] {"--profile=" + large})) {
            launch(home.resolve("bin/whitelist-gen"), Map.of(), arguments);
            assertThat(javaArguments()).as(String.join(" ", arguments)).doesNotContain("-XX:TieredStopAtLevel=1")
                    .endsWith(arguments);
        }
        for (String[] arguments : List.of(new String[] {"--profile", small.toString()}, new String[] {"-p", "2"},
                new String[] {"--target", large.toString()}, new String[] {"--profile", root.toString()})) {
            launch(home.resolve("bin/whitelist-gen"), Map.of(), arguments);
            assertThat(javaArguments()).as(String.join(" ", arguments)).startsWith("-XX:TieredStopAtLevel=1", "-XX:CICompilerCount=1");
        }
    }

    @Test
    void serveKeepsTheFullJitInABoundedHeapAsTheCheckoutsLauncherDoes() throws IOException {
        Path home = release("whitelist-gen-1.0", "runtime/bin/java");

        launch(home.resolve("bin/whitelist-gen"), Map.of(), "serve", "--port", "0");

        assertThat(javaArguments()).doesNotContain("-XX:TieredStopAtLevel=1", "-XX:CICompilerCount=1")
                .startsWith("-Xmx128m", "-XX:+UseSerialGC").endsWith(MAIN, "serve", "--port", "0");
    }
}
