package dev.whitelistgen.spf;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the suite does not look at: the path of terms, the lookup counts, the time limit. */
class SpfEvaluatorTest {

    private static final SuiteZone DNS = new SuiteZone(Map.of(
            "customer.example", List.of(Map.of("TXT", "v=spf1 mx redirect=_spf.customer.example")),
            "_spf.customer.example", List.of(Map.of("TXT", "v=spf1 -ip4:192.0.2.66 include:_spf.vendor.example ~all")),
            "_spf.vendor.example", List.of(Map.of("TXT", "v=spf1 ip4:192.0.2.0/25 -all")),
            "slow.example", List.of(Map.of("TXT", "v=spf1 include:timeout.example -all")),
            "timeout.example", List.of("TIMEOUT")));

    private static SpfResult check(SpfEvaluator evaluator, String ip, String domain) {
        return evaluator.checkDomain(IpAddresses.parse(ip), domain, domain);
    }

    @Test
    void thePathNamesEveryTermOnTheWay() {
        SpfResult result = check(new SpfEvaluator(DNS), "192.0.2.7", "customer.example");

        assertThat(result.outcome()).isEqualTo(SpfOutcome.PASS);
        assertThat(result.describePath()).isEqualTo("redirect=_spf.customer.example → include:_spf.vendor.example → ip4:192.0.2.0/25");
        assertThat(result.lookups()).isEqualTo(3); // mx, redirect, include
        assertThat(result.voidLookups()).isEqualTo(1); // customer.example has no MX
    }

    @Test
    void aQualifierBeforeTheIncludeDecides() {
        SpfResult result = check(new SpfEvaluator(DNS), "192.0.2.66", "customer.example");

        assertThat(result.outcome()).isEqualTo(SpfOutcome.FAIL);
        assertThat(result.describePath()).isEqualTo("redirect=_spf.customer.example → -ip4:192.0.2.66");
    }

    @Test
    void anIpOutsideEveryNetworkFallsToTheAllTerm() {
        SpfResult result = check(new SpfEvaluator(DNS), "198.51.100.1", "customer.example");

        assertThat(result.outcome()).isEqualTo(SpfOutcome.SOFTFAIL);
        assertThat(result.describePath()).isEqualTo("redirect=_spf.customer.example → ~all");
    }

    @Test
    void aDnsTimeoutIsATemperrorThatSaysWhere() {
        SpfResult result = check(new SpfEvaluator(DNS), "192.0.2.7", "slow.example");

        assertThat(result.outcome()).isEqualTo(SpfOutcome.TEMPERROR);
        assertThat(result.describePath()).isEqualTo("TXT timeout.example: timeout (test zone)");
    }

    @Test
    void theTimeLimitEndsAnEvaluation() {
        // A clock that moves 10 s on every reading: the limit of 20 s is passed on the third query.
        Clock jumping = new Clock() {
            private Instant now = Instant.parse("2026-01-01T00:00:00Z");

            @Override
            public ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                now = now.plusSeconds(10);
                return now;
            }
        };
        SpfResult result = check(new SpfEvaluator(DNS, Duration.ofSeconds(20), jumping), "192.0.2.7", "customer.example");

        assertThat(result.outcome()).isEqualTo(SpfOutcome.TEMPERROR);
        assertThat(result.problem()).isEqualTo("evaluation took longer than 20 s");
    }
}
