package dev.whitelistgen.dns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DnsjavaResolverTest {

    @Test
    void serverForms() {
        assertThat(DnsjavaResolver.parseServer("127.0.0.1").getPort()).isEqualTo(53);
        assertThat(DnsjavaResolver.parseServer("127.0.0.1:5353").getPort()).isEqualTo(5353);
        assertThat(DnsjavaResolver.parseServer("[::1]:5353").getAddress().getHostAddress()).isEqualTo("0:0:0:0:0:0:0:1");
        assertThat(DnsjavaResolver.parseServer("::1").getPort()).isEqualTo(53);
    }

    @Test
    void badServers() {
        assertThatThrownBy(() -> DnsjavaResolver.parseServer("127.0.0.1:0")).hasMessageContaining("port must be 1 to 65535");
        assertThatThrownBy(() -> DnsjavaResolver.parseServer("127.0.0.1:99999")).hasMessageContaining("port must be 1 to 65535");
        assertThatThrownBy(() -> DnsjavaResolver.parseServer("[::1")).hasMessageContaining("missing ']'");
        assertThatThrownBy(() -> DnsjavaResolver.parseServer(":53")).hasMessageContaining("no host");
    }
}
