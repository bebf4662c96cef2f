package dev.whitelistgen.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class IpNetworkTest {

    @ParameterizedTest
    @CsvSource({
        "89.45.227.221, 89.45.227.221, 89.45.227.221/32",
        "89.45.227.0/24, 89.45.227.0/24, 89.45.227.0/24",
        "0.0.0.0/0, 0.0.0.0/0, 0.0.0.0/0",
        "255.100.10.9, 255.100.10.9, 255.100.10.9/32",
        "2001:DB8::1, 2001:db8::1, 2001:db8::1/128",
        "2001:db8:0:0:1:0:0:0/80, 2001:db8:0:0:1::/80, 2001:db8:0:0:1::/80",
        "2001:db8::/32, 2001:db8::/32, 2001:db8::/32",
        "::1, ::1, ::1/128",
        "2001:0:0:1:0:0:0:1, 2001:0:0:1::1, 2001:0:0:1::1/128"})
    void parsesAndPrintsCanonically(String input, String text, String cidr) {
        IpNetwork network = IpNetwork.parse(input);
        assertThat(network.toString()).isEqualTo(text);
        assertThat(network.cidr()).isEqualTo(cidr);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "300.1.1.1|not an IPv4/IPv6 address",
        "1.2.3|not an IPv4/IPv6 address",
        "01.2.3.4|not an IPv4/IPv6 address",
        "1.2.3.4/33|invalid prefix length",
        "1.2.3.4/024|invalid prefix length",
        "1.2.3.4/|invalid prefix length",
        "1.2.3.4/24|host bits set; did you mean 1.2.3.0/24?",
        "::ffff:1.2.3.4|IPv4-mapped IPv6 address; write the IPv4 address 1.2.3.4",
        "2001:db8::1/129|invalid prefix length",
        "2001:db8::zz|not an IPv4/IPv6 address",
        "2001:db8::1%eth0|not an IPv4/IPv6 address",
        "example.com|not an IPv4/IPv6 address",
        "' 1.2.3.4'|not an IPv4/IPv6 address",
        "1.2.3.4;rm|not an IPv4/IPv6 address",
        "1.2.3.4.|not an IPv4/IPv6 address",
        "1.2.3.4.5|not an IPv4/IPv6 address",
        "1..3.4|not an IPv4/IPv6 address",
        "1.2.3.256|not an IPv4/IPv6 address",
        "1.2.3.1000|not an IPv4/IPv6 address",
        "1.2.3.00|not an IPv4/IPv6 address",
        ".1.2.3|not an IPv4/IPv6 address",
        "1.2.3.\u0664|not an IPv4/IPv6 address"})
    void refusesWithAReason(String input, String reason) {
        assertThatThrownBy(() -> IpNetwork.parse(input)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining(reason);
    }

    @Test
    void enclosingNetworkAndContainment() {
        IpNetwork host = IpNetwork.parse("89.45.227.221");
        IpNetwork slash24 = host.enclosing(24);
        assertThat(slash24.cidr()).isEqualTo("89.45.227.0/24");
        assertThat(slash24.contains(host)).isTrue();
        assertThat(host.contains(slash24)).isFalse();
        assertThat(slash24.lastAddress()).isEqualTo("89.45.227.255");
        assertThat(slash24.size()).isEqualTo(BigInteger.valueOf(256));
        assertThat(IpNetwork.parse("2001:db8::/32").contains(host)).isFalse();
    }

    /** Prefixes that end inside a byte: the reserved ranges a profile is checked against include 100.64.0.0/10. */
    @Test
    void containmentCountsOnlyThePrefixBits() {
        IpNetwork shared = IpNetwork.parse("100.64.0.0/10");
        assertThat(shared.contains(IpNetwork.parse("100.127.255.255"))).isTrue();
        assertThat(shared.contains(IpNetwork.parse("100.128.0.0"))).isFalse();
        assertThat(shared.contains(IpNetwork.parse("100.63.255.255"))).isFalse();
        assertThat(shared.contains(IpNetwork.parse("100.0.0.0/9"))).isFalse();
        assertThat(IpNetwork.parse("0.0.0.0/0").contains(IpNetwork.parse("203.0.113.7"))).isTrue();
        assertThat(IpNetwork.parse("2001:db8:8000::/33").contains(IpNetwork.parse("2001:db8:ffff::1"))).isTrue();
        assertThat(IpNetwork.parse("2001:db8:8000::/33").contains(IpNetwork.parse("2001:db8:7fff::1"))).isFalse();
    }

    @Test
    void sortsIpv4BeforeIpv6AndNumericallyNotAlphabetically() {
        List<IpNetwork> networks = new ArrayList<>(List.of(IpNetwork.parse("2001:db8::1"), IpNetwork.parse("89.45.227.221"),
                IpNetwork.parse("9.1.1.1"), IpNetwork.parse("89.45.227.0/24")));
        Collections.sort(networks);
        assertThat(networks).extracting(IpNetwork::cidr)
                .containsExactly("9.1.1.1/32", "89.45.227.0/24", "89.45.227.221/32", "2001:db8::1/128");
    }

    /** Property: printing and parsing again gives the same network, for random addresses and prefixes. */
    @ParameterizedTest
    @ValueSource(longs = {1L, 42L, 20261125L})
    void roundTripsRandomNetworks(long seed) {
        Random random = new Random(seed);
        for (int i = 0; i < 2000; i++) {
            byte[] address = new byte[random.nextBoolean() ? 4 : 16];
            random.nextBytes(address);
            if (address.length == 16 && random.nextInt(4) == 0) {
                // runs of zero groups exercise the "::" compression
                for (int g = 2 + random.nextInt(4); g < 12; g++) {
                    address[g] = 0;
                }
            }
            IpNetwork network = IpNetwork.of(address, random.nextInt(address.length * 8 + 1));
            IpNetwork again = IpNetwork.parse(network.cidr());
            assertThat(again).as("seed %d: %s", seed, network.cidr()).isEqualTo(network);
            assertThat(again.contains(network) && network.contains(again)).isTrue();
        }
    }
}
