package dev.whitelistgen.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class NetworkPolicyTest {

    @ParameterizedTest
    @ValueSource(strings = {"89.45.227.221", "89.45.227.0/24", "2a00:1450:4001::/48", "2a00:1450:4001:82a::1b"})
    void allowsPublicNetworksUpToTheLimit(String cidr) {
        assertThat(NetworkPolicy.DEFAULT.problemWith(IpNetwork.parse(cidr))).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "0.0.0.0/0|wider than /24",
        "89.0.0.0/8|wider than /24",
        "89.45.226.0/23|wider than /24",
        "2a00::/16|wider than /48",
        "10.1.2.3|private (RFC 1918)",
        "192.168.1.0/24|private (RFC 1918)",
        "127.0.0.1|loopback",
        "192.0.2.10|documentation (RFC 5737)",
        "224.0.0.1|multicast",
        "255.255.255.255|reserved / broadcast",
        "::1|unspecified or loopback",
        "fe80::1|link-local",
        "fd00::1|unique local",
        "2001:db8::1|documentation (RFC 3849)"})
    void refusesWideOrNonPublicNetworks(String cidr, String reason) {
        assertThat(NetworkPolicy.DEFAULT.problemWith(IpNetwork.parse(cidr))).get().asString().contains(reason);
    }

    @ParameterizedTest
    @ValueSource(strings = {"89.0.0.0/8"})
    void aWiderLimitIsAnExplicitChoice(String cidr) {
        assertThat(new NetworkPolicy(8, 48).problemWith(IpNetwork.parse(cidr))).isEmpty();
    }
}
