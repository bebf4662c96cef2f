package dev.whitelistgen.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs a real mail-system program (postconf, named-checkzone, ...): these tests prove outputs against the real
 * thing, never a stand-in. A missing program skips the test with the Debian package (or setup step) that brings
 * it, or fails it under {@link Prerequisites#REQUIRE_ALL}.
 */
public final class RealProgram {

    public record Result(int exitCode, String out, String err) {
        public String all() {
            return out + err;
        }

        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout\n" + out + "\n--- stderr\n" + err;
        }
    }

    /** Where .ci/setup.d unpacks Debian packages that cannot be installed beside the others (Exim conflicts with Postfix). */
    public static final Path UNPACKED = Path.of("/opt/whitelist-gen-test");

    private static final List<String> SEARCH_PATH = List.of("/usr/sbin", "/usr/bin", "/sbin", "/bin", "/usr/local/bin",
            "/usr/local/sbin", UNPACKED.resolve("exim/usr/sbin").toString());

    private RealProgram() {
    }

    /** Where each program comes from: .ci/apt-packages.txt lists these packages, .ci/setup.d the steps. */
    private static final Map<String, String> SOURCES = Map.ofEntries(
            Map.entry("postfix", "Debian package postfix"), Map.entry("postmap", "Debian package postfix"),
            Map.entry("postconf", "Debian package postfix"), Map.entry("postsuper", "Debian package postfix"),
            Map.entry("policyd-spf", "Debian package postfix-policyd-spf-python"),
            Map.entry("named", "Debian package bind9"), Map.entry("named-checkconf", "Debian package bind9-utils"),
            Map.entry("named-checkzone", "Debian package bind9-utils"),
            Map.entry("named-compilezone", "Debian package bind9-utils"),
            Map.entry("nsupdate", "Debian package bind9-dnsutils"), Map.entry("dig", "Debian package bind9-dnsutils"),
            Map.entry("spamassassin", "Debian package spamassassin"), Map.entry("sa-compile", "Debian package spamassassin"),
            Map.entry("rspamd", "Debian package rspamd"), Map.entry("rspamadm", "Debian package rspamd"),
            Map.entry("rspamc", "Debian package rspamd"),
            Map.entry("exim4", "Exim, unpacked by .ci/setup.d/exim.sh into " + UNPACKED.resolve("exim")),
            Map.entry("openssl", "Debian package openssl"),
            Map.entry("perl", "Debian package perl, with Mail::DKIM from libmail-dkim-perl (a dependency of spamassassin)"),
            Map.entry("groff", "Debian package groff-base"), Map.entry("node", "Debian package nodejs"),
            Map.entry("script", "Debian package bsdutils"), Map.entry("mvn", "Debian package maven"),
            Map.entry("chromium", "Debian package chromium"), Map.entry("chromedriver", "Debian package chromium-driver"),
            Map.entry("strace", "Debian package strace"), Map.entry("runuser", "Debian package util-linux"),
            Map.entry("python3", "Debian package python3"));

    /** The program's path; skips (or, under requireAll, fails) the test when it is not installed. */
    public static Path require(String name) {
        return find(name).orElseThrow(() -> Prerequisites.missing(name + " is not installed (" + source(name)
                + "; .ci/run installs everything the tests need)"));
    }

    /**
     * A file a Debian package installs ({@code /usr/share/postfix/master.cf.dist}, {@code /etc/spamassassin}): the
     * same skip as {@link #require} when it is missing, so a test never reads a package's files before this check.
     */
    public static Path packageFile(String path, String program) {
        Path file = Path.of(path);
        if (!Files.exists(file)) {
            throw Prerequisites.missing(path + " is missing (" + source(program) + "; .ci/run installs everything the tests need)");
        }
        return file;
    }

    public static java.util.Optional<Path> find(String name) {
        for (String folder : SEARCH_PATH) {
            Path candidate = Path.of(folder, name);
            if (Files.isExecutable(candidate)) {
                return java.util.Optional.of(candidate);
            }
        }
        return java.util.Optional.empty();
    }

    static String source(String name) {
        return SOURCES.getOrDefault(name, "Debian package " + name);
    }

    public static Result run(Duration timeout, Map<String, String> environment, Path workDir, String... command) {
        return runWithInput(timeout, environment, workDir, null, command);
    }

    /** As above, with standard input read from {@code input} (a message, an SMTP dialogue); null for none. */
    public static Result runWithInput(Duration timeout, Map<String, String> environment, Path workDir, Path input,
                                      String... command) {
        List<String> words = new ArrayList<>(List.of(command));
        if (!words.get(0).contains("/")) {
            words.set(0, require(words.get(0)).toString());
        }
        try {
            Path out = Files.createTempFile("real-program", ".out");
            Path err = Files.createTempFile("real-program", ".err");
            ProcessBuilder builder = new ProcessBuilder(words).redirectOutput(out.toFile()).redirectError(err.toFile());
            if (workDir != null) {
                builder.directory(workDir.toFile());
            }
            if (input != null) {
                builder.redirectInput(input.toFile());
            }
            builder.environment().putAll(environment);
            Process process = builder.start();
            process.getOutputStream().close();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new AssertionError(String.join(" ", words) + " did not finish within " + timeout);
            }
            Result result = new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
            Files.delete(out);
            Files.delete(err);
            return result;
        } catch (IOException e) {
            throw new AssertionError("cannot run " + String.join(" ", words) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    public static Result run(String... command) {
        return run(Duration.ofSeconds(60), Map.of(), null, command);
    }
}
