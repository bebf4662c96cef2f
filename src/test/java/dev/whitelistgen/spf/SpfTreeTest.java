package dev.whitelistgen.spf;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SpfTreeTest {

    private static SuiteZone zone(Object... nameThenRecords) {
        Map<String, Object> data = new LinkedHashMap<>();
        for (int i = 0; i < nameThenRecords.length; i += 2) {
            data.put((String) nameThenRecords[i], nameThenRecords[i + 1]);
        }
        return new SuiteZone(data);
    }

    @Test
    void listsWhatPlusTermsAuthoriseThroughIncludesAAndMx() {
        SuiteZone dns = zone(
                "_spf.vendor.example", List.of(Map.of("TXT", "v=spf1 ip4:192.0.2.1 -ip4:192.0.2.2 include:more.vendor.example"
                        + " ~include:soft.vendor.example a:web.vendor.example/31 mx -all")),
                "more.vendor.example", List.of(Map.of("TXT", "v=spf1 ip6:2001:db8::/64 redirect=last.vendor.example")),
                "last.vendor.example", List.of(Map.of("TXT", "v=spf1 ip4:198.51.100.0/28")),
                "soft.vendor.example", List.of(Map.of("TXT", "v=spf1 ip4:203.0.113.9 -all")),
                "web.vendor.example", List.of(Map.of("A", "192.0.2.10")),
                "_spf.vendor.example.mx", List.of());

        SpfTree.Walk walk = SpfTree.walk(dns, "_spf.vendor.example");

        assertThat(walk.networks()).extracting(a -> a.network().toString())
                .containsExactly("192.0.2.1", "2001:db8::/64", "198.51.100.0/28", "192.0.2.10/31");
        assertThat(walk.networks().get(2).via()).isEqualTo("last.vendor.example: ip4:198.51.100.0/28");
        // include:more, its redirect, ~include:soft, a, mx
        assertThat(walk.lookups()).isEqualTo(5);
        // mx of _spf.vendor.example finds nothing
        assertThat(walk.voidLookups()).isEqualTo(1);
        assertThat(walk.problems()).isEmpty();
        assertThat(walk.unlisted()).isEmpty();
    }

    @Test
    void reportsLoopsMissingRecordsAndTermsThatCannotBeListed() {
        SuiteZone dns = zone(
                "a.example", List.of(Map.of("TXT", "v=spf1 include:b.example include:none.example exists:%{i}.x.example ptr")),
                "b.example", List.of(Map.of("TXT", "v=spf1 include:a.example")),
                "none.example", List.of(Map.of("TXT", "not spf")));

        SpfTree.Walk walk = SpfTree.walk(dns, "a.example");

        assertThat(walk.problems()).containsExactly(
                "b.example: include:a.example: loops back to a.example",
                "a.example: include:none.example: none.example publishes no SPF record (receivers: permerror)");
        assertThat(walk.unlisted()).hasSize(2);
        assertThat(walk.usesPtr()).isTrue();
    }

    @Test
    void aTimeoutIsADnsError() {
        SpfTree.Walk walk = SpfTree.walk(zone("slow.example", List.of("TIMEOUT")), "slow.example");

        assertThat(walk.dnsErrors()).hasSize(1);
        assertThat(walk.networks()).isEmpty();
    }
}
