package dev.whitelistgen.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.whitelistgen.testing.Cli;
import org.junit.jupiter.api.Test;

class ProfilesCommandTest {

    @Test
    void listsEveryVersionWithStatusAndSourceLikeListProfiles() {
        Cli.Result profiles = Cli.run("profiles");
        assertThat(profiles.exitCode()).as(profiles.toString()).isZero();
        assertThat(profiles.out()).isEqualTo(Cli.run("list", "profiles").out());
        assertThat(profiles.out().lines().toList()).hasSize(3).satisfies(lines -> {
            assertThat(lines.get(0)).isEqualTo("Profiles:");
            assertThat(lines.get(1)).matches("  1 +superseded +002_6acbaf2db4eca01c\\.txt \\(de\\) .*v1\\.yaml");
            assertThat(lines.get(2)).matches("  2 +current +000_6afcee558a5cded8\\.txt \\(sv\\) .*v2\\.yaml");
        });
    }
}
