package dev.whitelistgen.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.whitelistgen.testing.CliProcess;
import dev.whitelistgen.testing.Prerequisites;
import dev.whitelistgen.testing.RealProgram;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Files written with --output as the system sees them, from a child process (its own umask, signals): modes an
 * admin's mail filter can read, scripts that run, and nothing left behind by an interrupt.
 */
class OutputFilesTest {

    @TempDir
    Path temp;

    private static String mode(Path file) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(file));
    }

    @Test
    void filesFollowTheUmaskAndScriptsAreExecutable() throws IOException {
        Path out = temp.resolve("out");
        RealProgram.Result result = RealProgram.run(CliProcess.inShell("umask 027; exec \"$@\"",
                "--target", "postfix", "--server", "dach", "--output", out.toString()));
        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(mode(out.resolve("netigate_clients.cidr"))).isEqualTo("rw-r-----");
        assertThat(mode(out.resolve("main.cf.snippet"))).isEqualTo("rw-r-----");
        assertThat(mode(out.resolve("apply.sh"))).isEqualTo("rwxr-x---");
        assertThat(mode(out.resolve("undo.sh"))).isEqualTo("rwxr-x---");

        Path zip = temp.resolve("ticket.zip");
        RealProgram.Result bundle = RealProgram.run(CliProcess.inShell("umask 022; exec \"$@\"",
                "bundle", "--server", "dach", "--output", zip.toString()));
        assertThat(bundle.exitCode()).as(bundle.toString()).isZero();
        assertThat(mode(zip)).isEqualTo("rw-r--r--");
    }

    @Test
    void anOverwrittenFileKeepsItsModeAndTheReplacementIsNamed() throws IOException {
        Path out = Files.createDirectories(temp.resolve("out"));
        Path script = Files.writeString(out.resolve("apply.sh"), "#!/bin/sh\necho hand-edited\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        Path cidr = Files.writeString(out.resolve("netigate_clients.cidr"), "");
        Files.setPosixFilePermissions(cidr, PosixFilePermissions.fromString("rw-rw-r--"));
        RealProgram.Result result = RealProgram.run(CliProcess.inShell("umask 022; exec \"$@\"",
                "--target", "postfix", "--server", "dach", "--output", out.toString()));
        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(mode(script)).isEqualTo("rwx------");
        assertThat(mode(cidr)).isEqualTo("rw-rw-r--");
        assertThat(mode(out.resolve("undo.sh"))).isEqualTo("rwxr-xr-x");
        assertThat(result.err()).contains("replaced " + script + "\n", "wrote " + out.resolve("undo.sh") + "\n");
    }

    /**
     * SpamAssassin as its own (unprivileged) user reads what root generated and copied into its configuration, as
     * README says to; with every file 0600 lint said "cannot open …: Permission denied" (and still exited 0).
     */
    @Test
    void spamAssassinRunningAsAnotherUserCanReadTheCopiedFile() throws IOException {
        Path spamassassin = RealProgram.require("spamassassin");
        Path runuser = RealProgram.require("runuser");
        if (!System.getProperty("user.name").equals("root")) {
            throw Prerequisites.missing("running the tests as root, to run SpamAssassin as the user nobody");
        }
        Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path out = temp.resolve("out");
        RealProgram.Result generated = RealProgram.run(CliProcess.inShell("umask 022; exec \"$@\"",
                "--target", "spamassassin", "--server", "dach", "--output", out.toString()));
        assertThat(generated.exitCode()).as(generated.toString()).isZero();
        Path site = Files.createDirectories(temp.resolve("etc-spamassassin"));
        try (DirectoryStream<Path> pres = Files.newDirectoryStream(RealProgram.packageFile("/etc/spamassassin", "spamassassin"), "*.pre")) {
            for (Path pre : pres) {
                Files.copy(pre, site.resolve(pre.getFileName()));
            }
        }
        RealProgram.Result copied = RealProgram.run("cp", out.resolve("netigate-welcomelist.cf").toString(), site.toString());
        assertThat(copied.exitCode()).as(copied.toString()).isZero();
        Path prefs = Files.writeString(temp.resolve("user_prefs"), "");
        Files.setPosixFilePermissions(prefs, PosixFilePermissions.fromString("rw-rw-rw-"));

        RealProgram.Result lint = RealProgram.run(Duration.ofSeconds(120), Map.of(), temp, runuser.toString(), "-u", "nobody", "--",
                spamassassin.toString(), "--lint", "--siteconfigpath=" + site, "-p", prefs.toString());
        assertThat(lint.exitCode()).as(lint.toString()).isZero();
        assertThat(lint.all()).as("lint as nobody reports nothing").isBlank();
        // the file really was read: the same lint of a line it rejects fails
        Files.writeString(site.resolve("netigate-welcomelist.cf"), "welcomelist_from_rcvd *@netigate.se\n", java.nio.file.StandardOpenOption.APPEND);
        RealProgram.Result broken = RealProgram.run(Duration.ofSeconds(120), Map.of(), temp, runuser.toString(), "-u", "nobody", "--",
                spamassassin.toString(), "--lint", "--siteconfigpath=" + site, "-p", prefs.toString());
        assertThat(broken.exitCode()).as(broken.toString()).isNotZero();
    }

    /**
     * Ctrl-C (SIGINT) or SIGTERM while the files are being written. strace holds the process inside a system call
     * (the first rename, when every temporary file is staged; or right after it created the output folder) while
     * the signal arrives, so the interrupt always lands mid-write.
     */
    @ParameterizedTest
    @ValueSource(strings = {"TERM", "INT"})
    void anInterruptWhileWritingLeavesNoTemporaryFilesAndNoNewEmptyFolders(String signal) throws Exception {
        Path strace = RealProgram.require("strace");
        Path existing = Files.createDirectories(temp.resolve("existing"));
        Files.writeString(existing.resolve("notes.txt"), "mine\n");
        // held right after the first rename (every file staged, azure/apply.sh in place): the renames finish
        interrupt(strace, signal, "rename", null, existing, () -> Files.exists(existing.resolve("azure/apply.sh")));
        assertThat(everything(existing)).as("after SIG" + signal + " while renaming").noneMatch(p -> p.endsWith(".tmp"))
                .contains("notes.txt", "azure/apply.sh", "dach/undo.sh");
        assertThat(emptyFolders(existing)).isEmpty();
        // the output folder was just created, nothing staged in it yet
        Path fresh = temp.resolve("fresh/out");
        interrupt(strace, signal, "mkdir", fresh, fresh, () -> Files.isDirectory(fresh));
        assertThat(temp.resolve("fresh")).as("after SIG" + signal + " once the folder was made").doesNotExist();
    }

    private void interrupt(Path strace, String signal, String call, Path onlyPath, Path output, Check reached) throws Exception {
        List<String> command = new ArrayList<>(List.of("python3", "-c",
                // Java ignores SIGINT when started with it ignored, as a background job's children are: restore it
                "import os, signal, sys; signal.signal(signal.SIGINT, signal.SIG_DFL); os.execvp(sys.argv[1], sys.argv[1:])",
                strace.toString(), "-f", "--seccomp-bpf", "-qq", "-o", "/dev/null", "-e", "trace=" + call));
        if (onlyPath != null) {
            command.addAll(List.of("-P", onlyPath.toString()));
        }
        command.addAll(List.of("-e", "inject=" + call + ":delay_exit=3000000:when=1"));
        command.addAll(CliProcess.command("--target", "postfix", "--server", "all", "--output", output.toString()));
        RealProgram.require("python3");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(temp.resolve("child.log").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!reached.holds()) {
            assertThat(process.isAlive()).as("the child ended before the " + call + ": " + Files.readString(temp.resolve("child.log"))).isTrue();
            assertThat(System.nanoTime()).as("waiting for the " + call).isLessThan(deadline);
            Thread.sleep(5);
        }
        RealProgram.Result kill = RealProgram.run("kill", "-" + signal, String.valueOf(process.children().findFirst().orElseThrow().pid()));
        assertThat(kill.exitCode()).as(kill.toString()).isZero();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    }

    private interface Check {
        boolean holds() throws IOException;
    }

    private static boolean hasTemporaryFile(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            return false;
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.anyMatch(p -> p.getFileName().toString().endsWith(".tmp"));
        }
    }

    private static List<Path> emptyFolders(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isDirectory).filter(folder -> {
                try (Stream<Path> files = Files.list(folder)) {
                    return files.findAny().isEmpty();
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).toList();
        }
    }

    private static List<String> everything(Path folder) throws IOException {
        try (Stream<Path> walk = Files.walk(folder)) {
            return walk.filter(p -> !p.equals(folder)).map(p -> folder.relativize(p).toString()).sorted().toList();
        }
    }
}
