package dev.whitelistgen.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.whitelistgen.model.IpNetwork;
import dev.whitelistgen.model.Server;
import dev.whitelistgen.testing.Cli;
import dev.whitelistgen.testing.NamedServer;
import dev.whitelistgen.testing.Profiles;
import dev.whitelistgen.testing.Repo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `check drift` against two real BIND named instances on loopback. Both serve TEST FIXTURES for _spf.ntgt.de
 * built from the profile's DACH IPs (not Netigate's real record): one matches the profile (spread over a
 * nested include), the other drops one IP and adds a network of the documentation range.
 */
class CheckDriftCommandTest {

    private static final String EXTRA = "198.51.100.0/28";
    private static NamedServer matching;
    private static NamedServer differing;
    private static Server dach;

    @BeforeAll
    static void startNamed() throws IOException {
        dach = Profiles.server("dach");
        List<IpNetwork> networks = dach.networks();
        assertThat(networks).as("the drift fixtures need at least two profile IPs").hasSizeGreaterThan(1);
        String first = "ip4:" + networks.get(0);
        String rest = Profiles.spfTerms(new Server(dach.id(), dach.name(), dach.aliases(), dach.spfInclude(),
                networks.subList(1, networks.size()), dach.mailDomains(), dach.senderAddresses(), dach.webDomains(), dach.notes()));
        matching = NamedServer.start(Map.of("ntgt.de", NamedServer.zone("ntgt.de",
                "_spf\tIN\tTXT\t\"v=spf1 " + first + " include:_rest.ntgt.de -all\"\n"
                        + "_rest\tIN\tTXT\t\"v=spf1 " + rest + " -all\"\n")));
        differing = NamedServer.start(Map.of("ntgt.de", NamedServer.zone("ntgt.de",
                "_spf\tIN\tTXT\t\"v=spf1 " + rest + " ip4:" + EXTRA + " ~all\"\n")));
    }

    @AfterAll
    static void stopNamed() throws IOException {
        if (matching != null) {
            matching.close();
        }
        if (differing != null) {
            differing.close();
        }
    }

    @Test
    void aMatchingIncludeIsNoDrift() {
        Cli.Result result = Cli.run("check", "drift", "--server", "dach", "--dns-server", matching.address());

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.out()).contains("ok   " + dach.networks().get(0) + ": in profile 2 and authorised by _spf.ntgt.de: ip4:")
                .contains("ok   " + dach.networks().get(1) + ": in profile 2 and authorised by _rest.ntgt.de: ip4:")
                .endsWith("PASS: no drift: _spf.ntgt.de authorises exactly the " + dach.networks().size()
                        + " networks of profile 2 for server dach\n");
    }

    @Test
    void aDifferingIncludeIsDriftWithMissingAndExtra() {
        Cli.Result result = Cli.run("check", "drift", "--server", "dach", "--dns-server", differing.address());

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.DIFFERENT);
        assertThat(result.out()).contains("fail " + dach.networks().get(0) + ": missing — in profile 2, not authorised by _spf.ntgt.de")
                .contains("fail " + EXTRA + ": extra — authorised by _spf.ntgt.de: ip4:" + EXTRA + ", not in profile 2")
                .endsWith("FAIL: drift between _spf.ntgt.de and profile 2 (server dach): 1 missing, 1 extra\n");
    }

    @Test
    void jsonListsMissingExtraAndEqual() {
        Cli.Result result = Cli.run("check", "drift", "--server", "dach", "--dns-server", differing.address(), "--json");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.DIFFERENT);
        assertThat(result.out()).contains("\"passed\": false")
                .contains("\"missing\": [\n    \"" + dach.networks().get(0) + "\"\n  ]")
                .contains("\"extra\": [\n    \"" + EXTRA + "\"\n  ]");
    }

    /** A mistyped include (or one Netigate removed) is not "every IP missing": the name does not exist. */
    @Test
    void anIncludeThatDoesNotExistIsSaidSo(@TempDir Path dir) throws IOException {
        Path profile = dir.resolve("v2-typo.yaml");
        Files.writeString(profile, Files.readString(Repo.root().resolve("profiles/netigate/v2.yaml")).replace("_spf.ntgt.de", "_spf-typo.ntgt.de"));

        Cli.Result result = Cli.run("check", "drift", "--server", "dach", "--profile", profile.toString(), "--dns-server", matching.address());

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.NETWORK);
        assertThat(result.out()).isEmpty();
        assertThat(result.err()).isEqualTo("whitelist-gen: check drift: _spf-typo.ntgt.de, server dach's SPF include in profile"
                + " version 2, does not exist (NXDOMAIN); check the spelling of its spf_include\n");
    }

    @Test
    void aProfileWithoutIncludeIsRefused() {
        Cli.Result result = Cli.run("check", "drift", "--server", "dach", "--profile", "1", "--dns-server", matching.address());

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.REFUSED);
        assertThat(result.err()).isEqualTo("whitelist-gen: check drift: profile version 1 gives no SPF include for server dach,"
                + " so there is nothing to compare\n");
    }
}
