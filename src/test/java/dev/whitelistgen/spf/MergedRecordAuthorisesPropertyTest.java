package dev.whitelistgen.spf;

import static org.assertj.core.api.Assertions.assertThat;

import dev.whitelistgen.UserError;
import dev.whitelistgen.dns.DnsAnswer;
import dev.whitelistgen.dns.DnsResolver;
import dev.whitelistgen.model.DomainName;
import dev.whitelistgen.model.IpNetwork;
import dev.whitelistgen.model.Server;
import dev.whitelistgen.model.SpfMode;
import dev.whitelistgen.testing.Profiles;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Property, end to end through the RFC 7208 evaluator: for random existing records of a customer domain, the
 * record the bind target writes authorises every IP of the server (include and ip modes), keeps the verdict
 * for everyone else, and stays within the lookup limit.
 */
class MergedRecordAuthorisesPropertyTest {

    static final DomainName CUSTOMER = DomainName.parse("customer.example");

    /** customer.example's record, the customer's own includes (unrelated networks), and the vendor's include. */
    record Zone(Map<String, String> txt) implements DnsResolver {
        @Override
        public DnsAnswer<String> txt(String name) {
            String record = txt.get(name.toLowerCase(Locale.ROOT).replaceAll("\\.$", ""));
            return record == null ? DnsAnswer.nxdomain() : DnsAnswer.of(List.of(record));
        }

        @Override
        public DnsAnswer<byte[]> addresses(String name, boolean ipv6) {
            return DnsAnswer.nxdomain();
        }

        @Override
        public DnsAnswer<String> mx(String name) {
            return DnsAnswer.nxdomain();
        }

        @Override
        public DnsAnswer<String> ptr(String name) {
            return DnsAnswer.nxdomain();
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1L, 4242L, 20261125L})
    void theMergedRecordAuthorisesEveryServerIp(long seed) {
        Random random = new Random(seed);
        for (String serverId : List.of("azure", "dach")) {
            Server server = Profiles.server(serverId);
            Map<String, String> txt = new HashMap<>();
            // Test fixture standing in for Netigate's published include: the profile's own networks.
            txt.put(server.spfInclude().orElseThrow().name(), "v=spf1 " + Profiles.spfTerms(server) + " -all");
            for (int round = 0; round < 60; round++) {
                List<String> terms = new ArrayList<>();
                for (int i = random.nextInt(6); i > 0; i--) {
                    switch (random.nextInt(3)) {
                        case 0 -> terms.add("ip4:198.51.100." + random.nextInt(256));
                        case 1 -> terms.add("ip6:2001:db8:" + Integer.toHexString(random.nextInt(0xffff)) + "::/48");
                        default -> {
                            String name = "spf" + random.nextInt(5) + ".provider.example";
                            txt.put(name, "v=spf1 ip4:203.0.113." + random.nextInt(256) + " -all");
                            terms.add("include:" + name);
                        }
                    }
                }
                String all = List.of("-all", "~all", "?all").get(random.nextInt(3));
                SpfRecord existing = SpfRecord.parse("v=spf1 " + String.join(" ", terms) + (terms.isEmpty() ? "" : " ") + all);
                SpfMode mode = random.nextBoolean() ? SpfMode.INCLUDE : SpfMode.IP;
                SpfPlan plan;
                try {
                    plan = SpfMerger.plan(CUSTOMER, Optional.of(existing), SpfMerger.vendorTerms(server, mode, "2"));
                } catch (UserError tooMany) {
                    continue;
                }
                txt.put(CUSTOMER.name(), plan.record().text());
                SpfEvaluator evaluator = new SpfEvaluator(new Zone(txt));
                for (IpNetwork network : server.networks()) {
                    SpfResult result = evaluator.check(network.addressBytes(), "survey@" + CUSTOMER, CUSTOMER.name());
                    assertThat(result.outcome()).as("seed %d, %s, %s: %s", seed, network, plan.record(), result.describePath())
                            .isEqualTo(SpfOutcome.PASS);
                    assertThat(result.lookups()).isLessThanOrEqualTo(SpfRecord.MAX_LOOKUPS);
                }
                SpfResult stranger = evaluator.check(IpNetwork.parse("192.0.2.77").addressBytes(), "survey@" + CUSTOMER, CUSTOMER.name());
                assertThat(stranger.outcome().name().toLowerCase(Locale.ROOT)).as("seed %d: %s", seed, plan.record())
                        .isEqualTo(switch (all) {
                            case "-all" -> "fail";
                            case "~all" -> "softfail";
                            default -> "neutral";
                        });
            }
        }
    }
}
