package dev.whitelistgen.testing;

import dev.whitelistgen.cli.WhitelistGen;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The CLI as a child process on the test class path: for what only a real process shows (its own standard output
 * file, its umask, signals). {@link #inShell} runs it under {@code sh -c SCRIPT} with the command as "$@".
 * {@code -Dcli.cp=JAR} runs another build instead (e.g. main's jar, to see a test fail before a fix).
 */
public final class CliProcess {

    private CliProcess() {
    }

    public static List<String> command(String... args) {
        List<String> words = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("cli.cp", System.getProperty("java.class.path")), WhitelistGen.class.getName()));
        words.addAll(List.of(args));
        return words;
    }

    /** E.g. {@code inShell("umask 027; exec \"$@\" >/dev/full", "--target", "postfix")}. */
    public static String[] inShell(String script, String... args) {
        List<String> words = new ArrayList<>(List.of("sh", "-c", script, "sh"));
        words.addAll(command(args));
        return words.toArray(String[]::new);
    }
}
