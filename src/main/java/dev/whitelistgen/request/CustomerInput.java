package dev.whitelistgen.request;

import dev.whitelistgen.UserError;
import dev.whitelistgen.model.DomainName;
import dev.whitelistgen.model.Profile;
import dev.whitelistgen.model.Server;
import dev.whitelistgen.model.SpfMode;
import dev.whitelistgen.spf.SpfRecord;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What the customer tells about their own domains (scenario 2): {@code --domain}, {@code --existing-spf} and
 * {@code --spf-mode}, checked here for the CLI and the web page alike. Looking records up in DNS stays with the CLI.
 */
public record CustomerInput(List<String> domains, List<String> existingSpf, String spfModeName) {

    public CustomerInput {
        domains = List.copyOf(domains);
        existingSpf = List.copyOf(existingSpf);
    }

    /** The --domain values, checked against every profile given (none may be one of Netigate's own domains). */
    public List<DomainName> customerDomains(Profile... profiles) {
        List<DomainName> parsed = new ArrayList<>();
        for (String text : domains) {
            DomainName domain;
            try {
                domain = DomainName.parse(text);
            } catch (IllegalArgumentException e) {
                throw new UserError(UserError.Kind.INVALID_INPUT, "--domain: " + e.getMessage());
            }
            for (Profile profile : profiles) {
                for (Server s : profile.servers()) {
                    if (s.senderDomains().stream().anyMatch(domain::isSubdomainOf)) {
                        throw new UserError(UserError.Kind.INVALID_INPUT, "--domain: '" + domain
                                + "' is Netigate's own sender domain; give the customer's domain");
                    }
                }
            }
            if (!parsed.contains(domain)) {
                parsed.add(domain);
            }
        }
        return parsed;
    }

    /** The records given with --existing-spf, each for one of the customer's domains. */
    public Map<DomainName, SpfRecord> existingRecords(List<DomainName> customerDomains) {
        Map<DomainName, SpfRecord> records = new LinkedHashMap<>();
        for (String value : existingSpf) {
            DomainName domain;
            String record;
            if (value.strip().toLowerCase(Locale.ROOT).startsWith("v=")) {
                if (customerDomains.size() != 1) {
                    throw new UserError(UserError.Kind.USAGE, "--existing-spf: with " + (customerDomains.isEmpty() ? "no" : "several")
                            + " --domain, write DOMAIN=RECORD (e.g. example.com=\"v=spf1 mx -all\")");
                }
                domain = customerDomains.get(0);
                record = value;
            } else {
                int equals = value.indexOf('=');
                if (equals < 0) {
                    throw new UserError(UserError.Kind.INVALID_INPUT, "--existing-spf: '" + value + "' is neither an SPF record (v=spf1 …) nor DOMAIN=RECORD");
                }
                try {
                    domain = DomainName.parse(value.substring(0, equals));
                } catch (IllegalArgumentException e) {
                    throw new UserError(UserError.Kind.INVALID_INPUT, "--existing-spf: domain " + e.getMessage());
                }
                if (!customerDomains.contains(domain)) {
                    throw new UserError(UserError.Kind.USAGE, "--existing-spf: " + domain + " is not one of the --domain values");
                }
                record = value.substring(equals + 1);
            }
            if (records.containsKey(domain)) {
                throw new UserError(UserError.Kind.USAGE, "--existing-spf: given twice for " + domain);
            }
            try {
                records.put(domain, SpfRecord.parseForOutput(record));
            } catch (IllegalArgumentException e) {
                throw new UserError(UserError.Kind.INVALID_INPUT, "--existing-spf for " + domain + ": " + e.getMessage());
            }
        }
        return records;
    }

    public SpfMode spfMode() {
        try {
            return SpfMode.valueOf(spfModeName.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new UserError(UserError.Kind.USAGE, "--spf-mode: '" + spfModeName + "' is not one of auto, include, ip");
        }
    }
}
