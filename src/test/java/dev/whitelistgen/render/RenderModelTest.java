package dev.whitelistgen.render;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RenderModelTest {

    @ParameterizedTest
    @CsvSource({"0, 0.0.0.0", "1, 128.0.0.0", "8, 255.0.0.0", "23, 255.255.254.0", "24, 255.255.255.0", "31, 255.255.255.254",
        "32, 255.255.255.255"})
    void netmaskOfAPrefix(int prefix, String netmask) {
        assertThat(RenderModel.netmask(prefix)).isEqualTo(netmask);
    }
}
