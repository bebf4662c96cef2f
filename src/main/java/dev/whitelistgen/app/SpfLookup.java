package dev.whitelistgen.app;

import dev.whitelistgen.Input;
import dev.whitelistgen.UserError;
import dev.whitelistgen.check.Report;
import dev.whitelistgen.check.SpfCheck;
import dev.whitelistgen.dns.DnsResolver;
import dev.whitelistgen.model.DomainName;
import dev.whitelistgen.model.Profile;
import dev.whitelistgen.model.Server;
import dev.whitelistgen.spf.SpfEvaluator;
import java.time.Clock;
import java.time.Duration;

/**
 * `whitelist-gen check spf`: the domain checked as --domain is, then the customer's SPF record evaluated for every IP
 * of the Netigate server, as MxLookup does for check mx.
 */
public final class SpfLookup {

    /** RFC 7208 §4.6.4: an evaluation may take at least 20 s. */
    private static final Duration RFC_MINIMUM = Duration.ofSeconds(20);

    private SpfLookup() {
    }

    /**
     * @param domain as typed; blank or malformed is the user's error on --domain
     * @param perAnswer the longest wait for one DNS answer: four of them may make up one evaluation's limit
     */
    public static Report run(String domain, Server server, Profile profile, DnsResolver dns, Duration perAnswer) {
        DomainName customer;
        try {
            customer = DomainName.parse(domain == null ? "" : domain.strip());
        } catch (IllegalArgumentException e) {
            throw new UserError(UserError.Kind.INVALID_INPUT, Input.DOMAIN, e.getMessage());
        }
        Duration limit = perAnswer.multipliedBy(4).compareTo(RFC_MINIMUM) > 0 ? perAnswer.multipliedBy(4) : RFC_MINIMUM;
        return new SpfCheck(dns, new SpfEvaluator(dns, limit, Clock.systemUTC())).run(customer, server, profile);
    }
}
