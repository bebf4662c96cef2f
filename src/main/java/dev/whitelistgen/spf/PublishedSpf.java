package dev.whitelistgen.spf;

import dev.whitelistgen.UserError;
import dev.whitelistgen.dns.DnsAnswer;
import dev.whitelistgen.dns.DnsResolver;
import dev.whitelistgen.model.DomainName;
import java.util.List;

/**
 * The v=spf1 TXT records a domain publishes now, as DNS answers them (none, one, or wrongly several), and whether
 * the domain exists at all (NXDOMAIN: a mistyped domain, not one without a record).
 */
public record PublishedSpf(DomainName domain, boolean exists, List<String> records, List<List<String>> strings) {

    public PublishedSpf {
        records = List.copyOf(records);
        strings = strings.stream().map(List::copyOf).toList();
    }

    public PublishedSpf(DomainName domain, boolean exists, List<String> records) {
        this(domain, exists, records, records.stream().map(List::of).toList());
    }

    /** @throws UserError NETWORK when DNS does not answer */
    public static PublishedSpf lookup(DnsResolver dns, DomainName domain) {
        DnsAnswer<List<String>> answer = dns.txtStrings(domain.name());
        if (answer.failed()) {
            throw new UserError(UserError.Kind.NETWORK, "cannot look up the SPF record of " + domain + ": " + answer.problem());
        }
        List<List<String>> spf = answer.records().stream().filter(strings -> SpfRecord.isSpf(String.join("", strings))).toList();
        return new PublishedSpf(domain, answer.status() != DnsAnswer.Status.NXDOMAIN,
                spf.stream().map(strings -> String.join("", strings)).toList(), spf);
    }

    /** The one record to merge into, or none when the domain has none. @throws UserError when it cannot be used */
    public java.util.Optional<SpfRecord> toMerge() {
        if (records.isEmpty()) {
            return java.util.Optional.empty();
        }
        if (records.size() > 1) {
            throw new UserError(UserError.Kind.INVALID_INPUT, domain + " publishes " + records.size()
                    + " v=spf1 records (a permanent error for every sender); merge them into one by hand first");
        }
        try {
            return java.util.Optional.of(SpfRecord.parse(records.get(0)).withPublishedStrings(strings.get(0)));
        } catch (IllegalArgumentException e) {
            throw new UserError(UserError.Kind.INVALID_INPUT, "the SPF record of " + domain + " in DNS " + e.getMessage());
        }
    }
}
