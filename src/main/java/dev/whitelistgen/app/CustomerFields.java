package dev.whitelistgen.app;

import dev.whitelistgen.Input;
import dev.whitelistgen.UserError;
import dev.whitelistgen.model.DomainName;
import dev.whitelistgen.model.Flag;
import dev.whitelistgen.model.Profile;
import dev.whitelistgen.model.Server;
import dev.whitelistgen.model.SpfMode;
import dev.whitelistgen.request.Customer;
import dev.whitelistgen.spf.SpfRecord;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What the customer tells, as typed (flags or the page's fields): their own domains (scenario 2), the SPF records those
 * publish today or whether to look them up in DNS, how Netigate goes into SPF, and the options only some targets
 * offer. {@link #check} makes the one {@link Customer} value of a request.
 */
public record CustomerFields(List<String> domains, List<String> existingSpf, String spfModeName, Set<Flag> flags,
                             boolean existingSpfFromDns, String dnsServer, String gateway) {

    /** Nothing typed: Netigate's own addresses only (scenario 1). */
    public static final CustomerFields NONE = new CustomerFields(List.of(), List.of(), "auto", Set.of(), false, null);

    /** Without --behind. */
    public CustomerFields(List<String> domains, List<String> existingSpf, String spfModeName, Set<Flag> flags,
                          boolean existingSpfFromDns, String dnsServer) {
        this(domains, existingSpf, spfModeName, flags, existingSpfFromDns, dnsServer, null);
    }

    public CustomerFields {
        domains = List.copyOf(domains);
        existingSpf = List.copyOf(existingSpf);
        flags = Set.copyOf(flags);
    }

    /**
     * Every field checked, each problem recorded; null when any was wrong. The DNS lookup itself waits for the
     * service (AllowlistService), after every check: no network for a request that is refused anyway.
     */
    Customer check(Problems problems, Profile... profiles) {
        List<DomainName> parsed = problems.attempt(() -> customerDomains(profiles));
        Map<DomainName, SpfRecord> existing = parsed == null ? null : problems.attempt(() -> existingRecords(parsed));
        SpfMode mode = problems.attempt(this::spfMode);
        if (flags.contains(Flag.DKIM_SIGNED) && parsed != null && parsed.isEmpty()) {
            problems.add(UserError.Kind.USAGE, Input.DKIM_SIGNED.problem(
                    "says the customer's --domain values are DKIM-signed; give at least one --domain"));
        }
        boolean knownGateway = !flags.contains(Flag.BEHIND) || Flag.GATEWAYS.contains(gateway);
        if (!knownGateway) {
            problems.add(UserError.Kind.USAGE, Input.BEHIND.problem("'" + gateway + "' is not one of " + String.join(", ", Flag.GATEWAYS)));
        }
        if (dnsServer != null && !existingSpfFromDns) {
            problems.add(UserError.Kind.USAGE, Input.DNS_SERVER.problem("only used with --existing-spf-from-dns"));
        }
        if (parsed == null || existing == null || mode == null || !knownGateway) {
            return null;
        }
        return new Customer(parsed, existing, mode, flags, gateway == null ? "" : gateway);
    }

    /**
     * The --domain values, checked against every profile given (none may be one of Netigate's own domains); every
     * bad value is reported, not only the first, so a list pasted from a ticket is fixed in one go.
     */
    List<DomainName> customerDomains(Profile... profiles) {
        List<DomainName> parsed = new ArrayList<>();
        List<UserError.Problem> bad = new ArrayList<>();
        for (String text : domains) {
            DomainName domain;
            try {
                domain = DomainName.parse(text);
            } catch (IllegalArgumentException e) {
                bad.add(Input.DOMAIN.problem(e.getMessage()));
                continue;
            }
            if (isNetigates(domain, profiles)) {
                bad.add(Input.DOMAIN.problem("'" + domain + "' is Netigate's own sender domain; give the customer's domain"));
            } else if (!parsed.contains(domain)) {
                parsed.add(domain);
            }
        }
        if (!bad.isEmpty()) {
            throw UserError.of(UserError.Kind.INVALID_INPUT, bad);
        }
        return parsed;
    }

    private static boolean isNetigates(DomainName domain, Profile... profiles) {
        for (Profile profile : profiles) {
            for (Server s : profile.servers()) {
                if (s.senderDomains().stream().anyMatch(domain::isSubdomainOf)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The records given with --existing-spf, each for one of the customer's domains. */
    Map<DomainName, SpfRecord> existingRecords(List<DomainName> customerDomains) {
        Map<DomainName, SpfRecord> records = new LinkedHashMap<>();
        for (String value : existingSpf) {
            DomainName domain;
            String record;
            if (value.strip().toLowerCase(Locale.ROOT).startsWith("v=")) {
                if (customerDomains.size() != 1) {
                    throw new UserError(UserError.Kind.USAGE, Input.EXISTING_SPF, "with " + (customerDomains.isEmpty() ? "no" : "several")
                            + " --domain, write DOMAIN=RECORD (e.g. example.com=\"v=spf1 mx -all\")");
                }
                domain = customerDomains.get(0);
                record = value;
            } else {
                int equals = value.indexOf('=');
                if (equals < 0) {
                    throw new UserError(UserError.Kind.INVALID_INPUT, Input.EXISTING_SPF, "'" + value + "' is neither an SPF record (v=spf1 …) nor DOMAIN=RECORD");
                }
                try {
                    domain = DomainName.parse(value.substring(0, equals));
                } catch (IllegalArgumentException e) {
                    throw new UserError(UserError.Kind.INVALID_INPUT, Input.EXISTING_SPF, "domain " + e.getMessage());
                }
                if (!customerDomains.contains(domain)) {
                    throw new UserError(UserError.Kind.USAGE, Input.EXISTING_SPF, domain + " is not one of the --domain values");
                }
                record = value.substring(equals + 1);
            }
            if (records.containsKey(domain)) {
                throw new UserError(UserError.Kind.USAGE, Input.EXISTING_SPF, "given twice for " + domain);
            }
            try {
                records.put(domain, SpfRecord.parseForOutput(record));
            } catch (IllegalArgumentException e) {
                throw new UserError(UserError.Kind.INVALID_INPUT, new UserError.Problem(Input.EXISTING_SPF,
                        Input.EXISTING_SPF.flag() + " for " + domain + ": " + e.getMessage()));
            }
        }
        return records;
    }

    SpfMode spfMode() {
        try {
            return SpfMode.valueOf(spfModeName.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new UserError(UserError.Kind.USAGE, Input.SPF_MODE, "'" + spfModeName + "' is not one of auto, include, ip");
        }
    }
}
