package dev.whitelistgen.spf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IpAddressesTest {

    @Test
    void ipv6FormsAndMappedIpv4() {
        assertThat(IpAddresses.format(IpAddresses.parse("CAFE:BABE::1"))).isEqualTo("cafe:babe::1");
        assertThat(IpAddresses.format(IpAddresses.parse("::"))).isEqualTo("::");
        assertThat(IpAddresses.parse("::FFFF:1.2.3.4")).hasSize(16);
        assertThat(IpAddresses.unmapped(IpAddresses.parse("::FFFF:1.2.3.4"))).containsExactly(1, 2, 3, 4);
        assertThat(IpAddresses.unmapped(IpAddresses.parse("::1.2.3.4"))).hasSize(16);
        assertThat(IpAddresses.reverseName(IpAddresses.parse("192.0.2.3"))).isEqualTo("3.2.0.192.in-addr.arpa");
        assertThat(IpAddresses.reverseName(IpAddresses.parse("2001:db8::cb01")))
                .isEqualTo("1.0.b.c.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa");
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.2.3", "1.2.3.4.5", "01.2.3.4", "256.1.1.1", "1.2.3.4:25", ":CAFE::BABE", "1::2::3",
        "1:2:3:4:5:6:7:8:9", "12345::", "g::1", "1.2.3.4/24", ""})
    void refusesWhatIsNoAddress(String text) {
        assertThatThrownBy(() -> IpAddresses.parse(text)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void agreesWithTheJdkOnRandomIpv6Addresses() throws Exception {
        long seed = new Random().nextLong();
        System.out.println("IpAddressesTest seed " + seed);
        Random random = new Random(seed);
        for (int i = 0; i < 500; i++) {
            byte[] address = new byte[16];
            random.nextBytes(address);
            // Runs of zero groups, so "::" compression is exercised.
            int zeroFrom = random.nextInt(16);
            for (int j = zeroFrom; j < Math.min(16, zeroFrom + random.nextInt(10)); j++) {
                address[j] = 0;
            }
            String text = IpAddresses.format(address);
            assertThat(IpAddresses.parse(text)).as("seed " + seed + ": " + text).isEqualTo(address);
            assertThat(InetAddress.getByName(text).getAddress()).as("seed " + seed + ": " + text).isEqualTo(
                    IpAddresses.unmapped(address).length == 4 ? IpAddresses.unmapped(address) : address);
        }
    }
}
