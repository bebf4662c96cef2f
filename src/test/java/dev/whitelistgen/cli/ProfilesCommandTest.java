package dev.whitelistgen.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.whitelistgen.testing.Cli;
import dev.whitelistgen.testing.Repo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProfilesCommandTest {

    @Test
    void listsEveryVersionWithStatusAndSourceLikeListProfiles() {
        Cli.Result profiles = Cli.run("profiles");
        assertThat(profiles.exitCode()).as(profiles.toString()).isZero();
        assertThat(profiles.out()).isEqualTo(Cli.run("list", "profiles").out());
        // the German article shows no title and names no publisher: it is cited by its first heading (issue 31)
        assertThat(profiles.out().lines().toList()).hasSize(4).satisfies(lines -> {
            assertThat(lines.get(0)).isEqualTo("Profiles:");
            assertThat(lines.get(1)).matches("  1 +superseded\\* the article whose first heading is 'Das Problem: E-Mail im Spam-Ordner gelandet' \\(German\\) .*v1\\.yaml");
            assertThat(lines.get(2)).matches("  2 +current\\* +Netigate Success Center, article 'Jag får inga e-postutskick' \\(Swedish\\) .*v2\\.yaml");
            assertThat(lines.get(3)).isEqualTo("  * the status rests on inference (the order of the articles), not on a date they state;"
                    + " see the profile's 'inferred'");
        });
    }

    @Test
    void twoCurrentVersionsAreAProblemNotAList(@TempDir Path dir) throws IOException {
        Path v3 = Files.writeString(dir.resolve("v3.yaml"), Files.readString(Repo.path("profiles/netigate/v2.yaml"))
                .replace("version: \"2\"", "version: \"3\"").replace("supersedes: \"1\"", "supersedes: \"2\""));
        for (String[] command : new String[][] {{"profiles"}, {"list", "profiles"}, {"list"}}) {
            Cli.Result result = Cli.run(concat(command, "--profiles-dir", dir.toString()));
            assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.INVALID_INPUT);
            assertThat(result.out()).isEmpty();
            assertThat(result.err()).startsWith("whitelist-gen: " + v3 + ": status: exactly one version must have status current, found 2");
        }
    }

    private static String[] concat(String[] first, String... rest) {
        String[] all = java.util.Arrays.copyOf(first, first.length + rest.length);
        System.arraycopy(rest, 0, all, first.length, rest.length);
        return all;
    }
}
