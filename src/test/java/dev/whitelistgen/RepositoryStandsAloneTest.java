package dev.whitelistgen;

import static org.assertj.core.api.Assertions.assertThat;

import dev.whitelistgen.testing.Repo;
import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The checkout stands on its own: no file refers to the folder that sits beside it on the team's machines
 * (third-party test data comes in through properties instead, see Prerequisites). .ci/ may name it: CI lays it
 * there and passes it on.
 */
class RepositoryStandsAloneTest {

    // split so that this file does not match itself
    private static final String BESIDE = "../" + "shared";

    @Test
    void noFileOutsideCiNamesTheFolderBesideTheCheckout() throws IOException, InterruptedException {
        List<String> offenders = new ArrayList<>();
        for (Path file : files()) {
            String relative = Repo.root().relativize(file).toString();
            if (relative.startsWith(".ci/")) {
                continue;
            }
            String text;
            try {
                text = Files.readString(file, StandardCharsets.UTF_8);
            } catch (MalformedInputException binary) {
                text = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
            }
            String[] lines = text.split("\n", -1);
            for (int i = 0; i < lines.length; i++) {
                if (lines[i].contains(BESIDE)) {
                    offenders.add(relative + ":" + (i + 1) + ": " + lines[i].strip());
                }
            }
        }
        assertThat(offenders).as("files that read or name %s beside the checkout", BESIDE).isEmpty();
    }

    /** The tracked files where git can say which they are; otherwise every file but build output. */
    private static List<Path> files() throws IOException, InterruptedException {
        Path root = Repo.root();
        if (Files.isDirectory(root.resolve(".git")) || Files.isRegularFile(root.resolve(".git"))) {
            try {
                Process git = new ProcessBuilder("git", "-C", root.toString(), "ls-files", "-z")
                        .redirectError(ProcessBuilder.Redirect.DISCARD).start();
                byte[] listing = git.getInputStream().readAllBytes();
                if (git.waitFor(60, TimeUnit.SECONDS) && git.exitValue() == 0) {
                    return Stream.of(new String(listing, StandardCharsets.UTF_8).split("\0"))
                            .filter(name -> !name.isEmpty()).map(root::resolve).filter(Files::isRegularFile).toList();
                }
            } catch (IOException noGit) {
                // fall through to the walk
            }
        }
        Set<String> skipped = Set.of(".git", "target", "node_modules");
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile)
                    .filter(p -> root.relativize(p).getNameCount() > 0
                            && Stream.iterate(root.relativize(p), q -> q != null, Path::getParent)
                                    .noneMatch(q -> skipped.contains(q.getFileName().toString())))
                    .toList();
        }
    }
}
