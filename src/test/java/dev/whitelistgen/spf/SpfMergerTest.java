package dev.whitelistgen.spf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.whitelistgen.UserError;
import dev.whitelistgen.model.DomainName;
import dev.whitelistgen.model.IpNetwork;
import dev.whitelistgen.model.Server;
import dev.whitelistgen.model.SpfMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SpfMergerTest {

    private static final DomainName DOMAIN = DomainName.parse("customer.example");
    private static final List<String> INCLUDE = List.of("include:_spf.netigate.se");

    static Server server(String include, String... networks) {
        return new Server("azure", "Azure", List.of(), Optional.ofNullable(include).map(DomainName::parseDnsName),
                List.of(networks).stream().map(IpNetwork::parse).toList(), List.of(DomainName.parse("netigate.se")),
                List.of(), List.of(), List.of());
    }

    static SpfPlan merge(String existing) {
        return SpfMerger.plan(DOMAIN, Optional.ofNullable(existing).map(SpfRecord::parse), INCLUDE);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "v=spf1 include:spf.protection.outlook.com -all|v=spf1 include:spf.protection.outlook.com include:_spf.netigate.se -all",
        "v=spf1 mx ~all|v=spf1 mx include:_spf.netigate.se ~all",
        "v=spf1 -all|v=spf1 include:_spf.netigate.se -all",
        "v=spf1 mx redirect=_spf.example.com|v=spf1 mx include:_spf.netigate.se redirect=_spf.example.com",
        "v=spf1 redirect=_spf.example.com|v=spf1 include:_spf.netigate.se redirect=_spf.example.com",
        "v=spf1 mx exp=explain.example.com ?all|v=spf1 mx include:_spf.netigate.se exp=explain.example.com ?all",
        "v=spf1 mx|v=spf1 mx include:_spf.netigate.se"})
    void addsTheIncludeBeforeAllAndKeepsEverythingElse(String existing, String merged) {
        SpfPlan plan = merge(existing);
        assertThat(plan.record().text()).isEqualTo(merged);
        assertThat(plan.addedTerms()).containsExactly("include:_spf.netigate.se");
        assertThat(plan.changed()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"v=spf1 include:_spf.netigate.se -all", "v=spf1 +include:_SPF.netigate.se ~all"})
    void leavesARecordThatAlreadyAuthorisesTheVendorAlone(String existing) {
        SpfPlan plan = merge(existing);
        assertThat(plan.record().text()).isEqualTo(existing);
        assertThat(plan.changed()).isFalse();
        assertThat(plan.notes()).anyMatch(n -> n.contains("already authorises"));
    }

    @Test
    void withoutAnExistingRecordWritesANeutralNewOneAndSaysWhy() {
        SpfPlan plan = merge(null);
        assertThat(plan.record().text()).isEqualTo("v=spf1 include:_spf.netigate.se ?all");
        assertThat(plan.notes()).anyMatch(n -> n.contains("second v=spf1 record"));
    }

    @Test
    void refusesARecordOverTenLookups() {
        String nine = "v=spf1 a mx include:a.example include:b.example include:c.example include:d.example"
                + " include:e.example include:f.example include:g.example -all";
        assertThat(merge(nine).record().lookupTerms()).isEqualTo(10);
        String ten = nine.replace(" -all", " include:h.example -all");
        assertThatThrownBy(() -> merge(ten)).isInstanceOf(UserError.class)
                .hasMessageContaining("11 DNS-querying terms").hasMessageContaining("RFC 7208 allows 10")
                .satisfies(e -> assertThat(((UserError) e).kind()).isEqualTo(UserError.Kind.REFUSED));
    }

    @Test
    void refusesARecordTooLongForADnsAnswer() {
        List<String> many = new ArrayList<>();
        for (int i = 0; i < 250; i++) {
            many.add("ip4:198.51." + (i / 200) + "." + i % 200);
        }
        assertThatThrownBy(() -> SpfMerger.plan(DOMAIN, Optional.empty(), many)).isInstanceOf(UserError.class)
                .hasMessageContaining("bytes; more than 4000 does not fit a DNS answer").hasMessageContaining("--spf-mode include");
    }

    @Test
    void warnsAboutPlusAllPtrAndTermsAfterAll() {
        assertThat(merge("v=spf1 +all").notes()).anyMatch(n -> n.contains("authorises every host"));
        assertThat(merge("v=spf1 ptr -all").notes()).anyMatch(n -> n.contains("ptr"));
        assertThat(merge("v=spf1 -all mx").notes()).anyMatch(n -> n.contains("after 'all'"));
    }

    @Test
    void vendorTermsFollowTheMode() {
        Server withInclude = server("_spf.netigate.se", "89.45.227.221", "2a00:1450:4001::/48");
        assertThat(SpfMerger.vendorTerms(withInclude, SpfMode.AUTO, "2")).containsExactly("include:_spf.netigate.se");
        assertThat(SpfMerger.vendorTerms(withInclude, SpfMode.IP, "2")).containsExactly("ip4:89.45.227.221", "ip6:2a00:1450:4001::/48");
        Server withoutInclude = server(null, "193.44.77.163");
        assertThat(SpfMerger.vendorTerms(withoutInclude, SpfMode.AUTO, "1")).containsExactly("ip4:193.44.77.163");
        assertThatThrownBy(() -> SpfMerger.vendorTerms(withoutInclude, SpfMode.INCLUDE, "1"))
                .hasMessageContaining("profile version 1 gives no SPF include for server azure");
    }

    /**
     * Property: for random existing records, the merge keeps every original term in order, keeps 'all' last
     * with its qualifier, holds one v=spf1, splits into strings of at most 255 bytes, and never passes 10 lookups.
     */
    @ParameterizedTest
    @ValueSource(longs = {7L, 1234L, 20261125L})
    void mergePreservesTheRecordForRandomInputs(long seed) {
        Random random = new Random(seed);
        String[] pool = {"a", "mx", "ptr", "a:mail.example.com", "mx:example.org/24", "include:spf.example.net",
            "exists:%{i}.example.com", "ip4:198.51.100.0/24", "ip6:2001:db8::/48", "-ip4:203.0.113.7", "~include:x.example"};
        for (int round = 0; round < 500; round++) {
            List<String> terms = new ArrayList<>();
            for (int i = random.nextInt(12); i > 0; i--) {
                terms.add(pool[random.nextInt(pool.length)]);
            }
            String all = List.of("-all", "~all", "?all", "").get(random.nextInt(4));
            String text = "v=spf1" + (terms.isEmpty() ? "" : " " + String.join(" ", terms)) + (all.isEmpty() ? "" : " " + all);
            SpfRecord existing = SpfRecord.parse(text);
            SpfPlan plan;
            try {
                plan = SpfMerger.plan(DOMAIN, Optional.of(existing), INCLUDE);
            } catch (UserError e) {
                assertThat(existing.lookupTerms() + 1).as("seed %d: %s", seed, text).isGreaterThan(10);
                continue;
            }
            String merged = plan.record().text();
            assertThat(merged).as("seed %d", seed).startsWith("v=spf1 ").doesNotContain("v=spf1 v=spf1");
            assertThat(plan.record().terms().stream().map(SpfRecord.Term::text).filter(t -> !INCLUDE.contains(t)).toList())
                    .as("seed %d: %s", seed, text).isEqualTo(existing.terms().stream().map(SpfRecord.Term::text).toList());
            if (!all.isEmpty()) {
                assertThat(merged).endsWith(" " + all);
            }
            assertThat(plan.record().lookupTerms()).isLessThanOrEqualTo(10);
            assertThat(String.join("", plan.record().characterStrings())).isEqualTo(merged);
            assertThat(SpfRecord.parse(merged)).isEqualTo(plan.record());
        }
    }
}
