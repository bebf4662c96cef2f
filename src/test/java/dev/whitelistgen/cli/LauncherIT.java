package dev.whitelistgen.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.whitelistgen.testing.Cli;
import dev.whitelistgen.testing.RealProgram;
import dev.whitelistgen.testing.Repo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
