package dev.whitelistgen.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.whitelistgen.testing.Cli;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** No generated file of any target, server or profile version holds FreeMarker syntax that was not rendered. */
class NoUnresolvedPlaceholderTest {

    static final List<String> LEFTOVERS = List.of("[=", "[#", "[/#", "[@", "[/@", "${profile", "${server", "<#", "</#");

    @ParameterizedTest
    @ValueSource(strings = {"1", "2"})
    void everyOutputIsFullyRendered(String version) {
        Cli.Result result = Cli.run("--target", "all", "--server", "all", "--profile", version, "--domain", "example.com",
                "--domain", "example.org", "--existing-spf", "example.com=v=spf1 mx -all");
        assertThat(result.exitCode()).as(result.toString()).isZero();
        for (String leftover : LEFTOVERS) {
            assertThat(result.out()).as("output of profile %s holds %s", version, leftover).doesNotContain(leftover);
        }
    }
}
