package dev.whitelistgen.cli;

import dev.whitelistgen.app.CustomerFields;
import dev.whitelistgen.model.Flag;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import picocli.CommandLine.Option;


/** What the customer tells about their own domains (scenario 2), shared by every command that renders. */
final class CustomerOptions {

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

    /** The flags' values as typed; the application layer checks them, as it does the page's fields. */
    CustomerFields fields(Set<Flag> flags) {
        return fields(flags, null);
    }

    /** {@code gateway}: what --behind names (with Flag.BEHIND). */
    CustomerFields fields(Set<Flag> flags, String gateway) {
        return new CustomerFields(domains, existingSpf, spfMode, flags, existingSpfFromDns, dnsServer, gateway);
    }
}
