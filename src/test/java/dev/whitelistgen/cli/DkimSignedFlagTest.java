package dev.whitelistgen.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.whitelistgen.testing.Cli;
import org.junit.jupiter.api.Test;

/** --dkim-signed: only with --domain, only for targets that can tie a domain to DKIM, and named in the Reproduce line. */
class DkimSignedFlagTest {

    @Test
    void needsADomain() {
        Cli.Result result = Cli.run("--target", "spamassassin", "--server", "dach", "--dkim-signed");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.out()).isEmpty();
        assertThat(result.err()).isEqualTo("whitelist-gen: --dkim-signed: says the customer's --domain values are DKIM-signed;"
                + " give at least one --domain\n");
    }

    @Test
    void aTargetThatCannotUseItSaysSo() {
        Cli.Result result = Cli.run("--target", "postfix", "--server", "dach", "--domain", "example.com", "--dkim-signed");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err()).startsWith("whitelist-gen: --dkim-signed: target postfix has no such option");
    }

    @Test
    void theReproduceLineCarriesIt() {
        Cli.Result result = Cli.run("--target", "spamassassin", "--server", "dach", "--domain", "example.com", "--dkim-signed");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.out()).containsPattern("# Reproduce: whitelist-gen --target spamassassin --server dach --profile \\S+ --domain example.com --dkim-signed\\n")
                .contains("welcomelist_from_dkim *@example.com example.com");
    }
}
