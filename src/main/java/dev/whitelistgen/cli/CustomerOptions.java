package dev.whitelistgen.cli;

import dev.whitelistgen.UserError;
import dev.whitelistgen.model.DomainName;
import dev.whitelistgen.model.Profile;
import dev.whitelistgen.model.Server;
import dev.whitelistgen.model.SpfMode;
import dev.whitelistgen.dns.DnsResolver;
import dev.whitelistgen.request.CustomerInput;
import dev.whitelistgen.spf.PublishedSpf;
import dev.whitelistgen.spf.SpfMerger;
import dev.whitelistgen.spf.SpfRecord;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** What the customer tells about their own domains (scenario 2), shared by every command that renders. */
final class CustomerOptions {

    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    @Option(names = {"-d", "--domain"}, paramLabel = "DOMAIN",
            description = "A domain of the customer's own that surveys are sent as (repeatable).")
    List<String> domains = new ArrayList<>();

    @Option(names = "--existing-spf", paramLabel = "[DOMAIN=]RECORD",
            description = "The SPF record a domain publishes today, to merge into (repeatable; DOMAIN= is needed with several --domain).")
    List<String> existingSpf = new ArrayList<>();

    @Option(names = "--existing-spf-from-dns",
            description = "Look up each --domain's SPF record in DNS and merge into it (where --existing-spf gives none).")
    boolean existingSpfFromDns;

    @Option(names = "--dns-server", paramLabel = "HOST[:PORT]",
            description = "DNS server for --existing-spf-from-dns (default: the system's resolvers).")
    String dnsServer;

    @Option(names = "--spf-mode", paramLabel = "MODE", defaultValue = "auto", completionCandidates = Candidates.SpfModes.class,
            description = "auto (include where the profile has one), include, or ip (ip4:/ip6: terms). Default: ${DEFAULT-VALUE}.")
    String spfMode;

    /** The flags' values; checking them lives in request.CustomerInput, which the web page uses too. */
    CustomerInput input() {
        return new CustomerInput(domains, existingSpf, spfMode);
    }

    List<DomainName> customerDomains(Profile... profiles) {
        return input().customerDomains(profiles);
    }

    Map<DomainName, SpfRecord> existingRecords(List<DomainName> customerDomains) {
        Map<DomainName, SpfRecord> records = new LinkedHashMap<>(input().existingRecords(customerDomains));
        if (existingSpfFromDns) {
            DnsResolver dns = resolver();
            for (DomainName domain : customerDomains) {
                if (!records.containsKey(domain)) {
                    PublishedSpf published = PublishedSpf.lookup(dns, domain);
                    if (!published.exists()) {
                        // merging into "no record" would hide a mistyped --domain behind a record for a name nobody uses
                        throw new UserError(UserError.Kind.NETWORK, "--existing-spf-from-dns: " + domain
                                + " does not exist in DNS (NXDOMAIN); check the --domain spelling");
                    }
                    if (published.records().isEmpty()) {
                        command.commandLine().getErr().println("whitelist-gen: warning: " + domain
                                + " publishes no SPF record; the record written for it is a new one (ending in ?all)");
                    }
                    published.toMerge().ifPresent(found -> {
                        try {
                            records.put(domain, SpfRecord.parseForOutput(found.text()));
                        } catch (IllegalArgumentException e) {
                            throw new UserError(UserError.Kind.REFUSED, "--existing-spf-from-dns: the record published for "
                                    + domain + " " + e.getMessage());
                        }
                    });
                }
            }
        } else if (dnsServer != null) {
            throw new UserError(UserError.Kind.USAGE, "--dns-server: only used with --existing-spf-from-dns");
        }
        return records;
    }

    private DnsResolver resolver() {
        return CheckOptions.resolver(dnsServer, Duration.ofSeconds(5));
    }

    /**
     * With --existing-spf-from-dns, DNS is at hand: each merged record's whole include tree is counted as a
     * receiver would, and a record over RFC 7208's limits is refused. Without it only the record's own terms
     * are counted (SpfMerger.plan), and the record's notes say so.
     */
    void refuseMergedRecordsOverTreeLimits(Profile profile, List<Server> servers, List<DomainName> customerDomains,
                                           Map<DomainName, SpfRecord> existing) {
        if (!existingSpfFromDns) {
            return;
        }
        DnsResolver dns = resolver();
        for (Server server : servers) {
            List<String> vendorTerms = SpfMerger.vendorTerms(server, spfMode(), profile.version());
            for (DomainName domain : customerDomains) {
                SpfMerger.refuseOverTreeLimits(dns, SpfMerger.plan(domain, java.util.Optional.ofNullable(existing.get(domain)), vendorTerms));
            }
        }
    }

    SpfMode spfMode() {
        return input().spfMode();
    }
}
