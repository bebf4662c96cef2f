package dev.whitelistgen.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.whitelistgen.testing.Cli;
import dev.whitelistgen.testing.Repo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * README.md's "Adding a profile version", step by step, on a copy of profiles/ given with --profiles-dir (its
 * versions replace the built-in ones of the same name, as a checkout's profiles/ does for bin/whitelist-gen).
 */
class AddingAProfileVersionTest {

    @TempDir
    Path profiles;

    Path v2;
    Path v3;

    @BeforeEach
    void copyTheProfilesFolder() throws IOException {
        try (Stream<Path> files = Files.walk(Repo.path("profiles"))) {
            for (Path file : files.toList()) {
                Path copy = profiles.resolve(Repo.path("profiles").relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(copy);
                } else {
                    Files.copy(file, copy);
                }
            }
        }
        v2 = profiles.resolve("netigate/v2.yaml");
        v3 = profiles.resolve("netigate/v3.yaml");
    }

    /** Step 1 up to (not including) "set the old file's status: superseded". */
    void copyTheCurrentFileAsTheNextVersion() throws IOException {
        Files.writeString(v3, Files.readString(v2)
                .replace("version: \"2\"", "version: \"3\"")
                .replace("supersedes: \"1\"", "supersedes: \"2\""));
        assertThat(Files.readString(v3)).contains("status: current");
    }

    @Test
    void followedLiterallyEveryStepWorks() throws IOException {
        copyTheCurrentFileAsTheNextVersion();
        Files.writeString(v2, Files.readString(v2).replace("status: current", "status: superseded"));
        // step 2: change the data
        Files.writeString(v3, Files.readString(v3).replace("  - 86.107.243.139\n", "  - 86.107.243.139\n  - 86.107.243.140\n"));

        // step 3
        Cli.Result validate = Cli.run("validate", v3.toString(), "--profiles-dir", profiles.toString());
        assertThat(validate.exitCode()).as(validate.toString()).isZero();
        assertThat(validate.out()).isEqualTo(v3 + ": valid (version 3, current, 2 servers)\n");
        Cli.Result diff = Cli.run("diff", "--from", "2", "--to", v3.toString(), "--target", "postfix", "--server", "dach",
                "--profiles-dir", profiles.toString());
        assertThat(diff.exitCode()).as(diff.toString()).isEqualTo(ExitCodes.DIFFERENT);
        assertThat(diff.out()).contains("+ networks: 86.107.243.140");

        // the new version is the current one everywhere
        Cli.Result list = Cli.run("profiles", "--profiles-dir", profiles.toString());
        assertThat(list.exitCode()).as(list.toString()).isZero();
        assertThat(list.out()).containsPattern("\n  2 +superseded\\*? ").containsPattern("\n  3 +current\\*? ");
        Cli.Result generated = Cli.run("--target", "postfix", "--server", "dach", "--profiles-dir", profiles.toString());
        assertThat(generated.exitCode()).as(generated.toString()).isZero();
        assertThat(generated.out()).contains("profile version 3 (current)").contains("86.107.243.140");
    }

    @Test
    void forgettingToSupersedeTheOldVersionIsReportedByValidateAndProfiles() throws IOException {
        copyTheCurrentFileAsTheNextVersion();
        String problem = v3 + ": status: exactly one version must have status current, found 2 (2 in " + v2 + ", 3 in " + v3
                + "); set the older versions' status to superseded";
        for (String[] command : new String[][] {{"validate", v3.toString()}, {"profiles"}, {"--target", "postfix", "--server", "dach"}}) {
            String[] args = Stream.concat(Stream.of(command), Stream.of("--profiles-dir", profiles.toString())).toArray(String[]::new);
            Cli.Result result = Cli.run(args);
            assertThat(result.exitCode()).as(String.join(" ", command) + "\n" + result).isEqualTo(ExitCodes.INVALID_INPUT);
            assertThat(result.err()).as(String.join(" ", command)).startsWith("whitelist-gen: " + problem + "\n");
        }
    }
}
