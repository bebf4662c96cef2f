package dev.whitelistgen.targets;

import static org.assertj.core.api.Assertions.assertThat;

import dev.whitelistgen.model.IpNetwork;
import dev.whitelistgen.testing.Cli;
import dev.whitelistgen.testing.RandomNetworks;
import dev.whitelistgen.testing.RealProgram;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Property: for random sets of public networks, the allowlists cover exactly the input, no address added
 * and none lost. Checked on the rendered text and, for Postfix, by asking the real postmap about the
 * first and last address of every network and about addresses just outside them.
 */
class AllowlistCoveragePropertyTest {

    @TempDir
    Path temp;

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {11L, 2026L, 918273645L})
    void postfixTablesCoverExactlyTheProfilesNetworks(long seed) throws IOException {
        Random random = new Random(seed);
        List<IpNetwork> networks = RandomNetworks.networks(random, 40);
        Path profile = RandomNetworks.profileWith(temp, networks);
        Path out = temp.resolve("out");
        Cli.Result result = Cli.run("--target", "postfix", "--server", "azure", "--profile", profile.toString(), "--output", out.toString());
        assertThat(result.exitCode()).as("seed %d: %s", seed, result).isZero();

        Set<IpNetwork> rendered = new HashSet<>();
        for (String line : Files.readAllLines(out.resolve("netigate_clients.cidr"))) {
            if (!line.startsWith("#") && !line.isBlank()) {
                rendered.add(IpNetwork.parse(line.split("\t")[0]));
            }
        }
        assertThat(rendered).as("seed %d", seed).containsExactlyInAnyOrderElementsOf(networks);

        List<String> inside = new ArrayList<>();
        List<String> outside = new ArrayList<>();
        for (IpNetwork network : networks) {
            inside.add(network.address());
            inside.add(network.lastAddress());
            for (String neighbour : neighbours(network)) {
                if (networks.stream().noneMatch(n -> n.contains(IpNetwork.parse(neighbour)))) {
                    outside.add(neighbour);
                }
            }
        }
        RealProgram.require("postmap");
        Path config = Files.createDirectories(temp.resolve("config"));
        Files.writeString(config.resolve("main.cf"), "compatibility_level = 3.6\n");
        Path keys = Files.write(temp.resolve("keys"), concat(inside, outside));
        RealProgram.Result answers = RealProgram.run(Duration.ofSeconds(60), Map.of(), null, "sh", "-c",
                "postmap -c " + config + " -q - cidr:" + out.resolve("netigate_clients.cidr") + " < " + keys);
        Set<String> found = new HashSet<>();
        answers.out().lines().forEach(line -> found.add(line.split("\\s+")[0]));
        assertThat(answers.err()).isEmpty();
        assertThat(found).as("seed %d: every address inside is allowed", seed).containsAll(inside);
        assertThat(found).as("seed %d: no address outside is allowed", seed).doesNotContainAnyElementsOf(outside);
    }

    /** The addresses just below and just above a network. */
    static List<String> neighbours(IpNetwork network) {
        byte[] first = network.addressBytes();
        byte[] last = IpNetwork.parse(network.lastAddress()).addressBytes();
        List<String> result = new ArrayList<>();
        step(first, -1).ifPresent(result::add);
        step(last, +1).ifPresent(result::add);
        return result;
    }

    private static java.util.Optional<String> step(byte[] address, int delta) {
        java.math.BigInteger value = new java.math.BigInteger(1, address).add(java.math.BigInteger.valueOf(delta));
        if (value.signum() < 0 || value.bitLength() > address.length * 8) {
            return java.util.Optional.empty();
        }
        byte[] raw = value.toByteArray();
        byte[] bytes = new byte[address.length];
        System.arraycopy(raw, Math.max(0, raw.length - bytes.length), bytes, Math.max(0, bytes.length - raw.length), Math.min(raw.length, bytes.length));
        return java.util.Optional.of(IpNetwork.of(bytes, bytes.length * 8).address());
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {5L, 77L})
    void ipModeSpfRecordsAuthoriseExactlyTheProfilesNetworks(long seed) throws IOException {
        List<IpNetwork> networks = RandomNetworks.networks(new Random(seed), 8);
        Path profile = RandomNetworks.profileWith(temp, networks);
        Cli.Result result = Cli.run("--target", "bind", "--server", "dach", "--profile", profile.toString(), "--spf-mode", "ip",
                "--domain", "customer.example", "--existing-spf", "v=spf1 mx -all");
        assertThat(result.exitCode()).as("seed %d: %s", seed, result).isZero();
        String record = result.out().lines().filter(l -> l.startsWith("customer.example.") || l.startsWith("\t\""))
                .map(l -> l.replaceAll(".*?\"(.*)\".*", "$1")).reduce("", String::concat);
        Set<IpNetwork> authorised = new HashSet<>();
        for (String term : record.split(" ")) {
            if (term.startsWith("ip4:") || term.startsWith("ip6:")) {
                authorised.add(IpNetwork.parse(term.substring(4)));
            }
        }
        assertThat(authorised).as("seed %d: %s", seed, record).containsExactlyInAnyOrderElementsOf(networks);
        assertThat(record).startsWith("v=spf1 mx ").endsWith(" -all");
    }
}
