package dev.whitelistgen.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.whitelistgen.testing.Cli;
import org.junit.jupiter.api.Test;

/** --server-from-url picks the server from what support sees in a ticket, in every command that takes a server. */
class ServerFromUrlTest {

    @Test
    void generateWritesTheSameAsWithTheServerItPicks() {
        Cli.Result byUrl = Cli.run("--target", "postfix", "--server-from-url", "https://www.ntgt.de/survey/42");
        Cli.Result byName = Cli.run("--target", "postfix", "--server", "dach");
        assertThat(byUrl.exitCode()).as(byUrl.toString()).isZero();
        assertThat(byUrl.out()).isEqualTo(byName.out()).contains("(dach)");
        assertThat(Cli.run("--target", "postfix", "--server-from-url", "netigate.se").out())
                .isEqualTo(Cli.run("--target", "postfix", "--server", "azure").out());
    }

    @Test
    void anUnknownHostIsAUsageErrorListingTheKnownHosts() {
        Cli.Result result = Cli.run("--target", "postfix", "--server-from-url", "https://netigate.example.com/");
        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.out()).isEmpty();
        assertThat(result.err()).isEqualTo("whitelist-gen: --server-from-url: 'netigate.example.com' is not a Netigate login host;"
                + " known hosts (and subdomains): netigate.se → azure, ntgt.de → dach\n");
    }

    @Test
    void notTogetherWithServerAndTheRuleFollowsTheProfileVersion() {
        Cli.Result both = Cli.run("--target", "postfix", "--server", "dach", "--server-from-url", "https://ntgt.de/");
        assertThat(both.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(both.err()).contains("give one of them, not both");
        Cli.Result missing = Cli.run("--target", "postfix");
        assertThat(missing.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(missing.err()).contains("--server (or --server-from-url) is required");
        Cli.Result older = Cli.run("--target", "postfix", "--profile", "1", "--server-from-url", "https://ntgt.de/");
        assertThat(older.exitCode()).isZero();
        assertThat(older.out()).contains("178.77.90.228");
    }
}
