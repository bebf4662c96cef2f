package dev.whitelistgen.spf;

import dev.whitelistgen.UserError;
import dev.whitelistgen.dns.DnsResolver;
import dev.whitelistgen.model.DomainName;
import dev.whitelistgen.model.IpNetwork;
import dev.whitelistgen.model.Profile;
import dev.whitelistgen.model.Server;
import dev.whitelistgen.model.SpfMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Adds a vendor server to a customer's SPF record: the record's own terms stay as they are and in their
 * order, terms an earlier version of the vendor's data added are taken out, the vendor's current terms go
 * just before "all" (or before the modifiers when there is no "all"), and the
 * result is refused when its own terms pass RFC 7208's limit of 10 DNS-querying terms; with DNS at hand,
 * {@link #refuseOverTreeLimits} counts the nested records too.
 */
public final class SpfMerger {

    private SpfMerger() {
    }

    public static List<String> vendorTerms(Server server, SpfMode mode, String profileVersion) {
        boolean useInclude = switch (mode) {
            case INCLUDE -> {
                if (server.spfInclude().isEmpty()) {
                    throw new UserError(UserError.Kind.REFUSED, "--spf-mode include: profile version " + profileVersion
                            + " gives no SPF include for server " + server.id() + "; use --spf-mode ip or auto");
                }
                yield true;
            }
            case AUTO -> server.spfInclude().isPresent();
            case IP -> false;
        };
        if (useInclude) {
            return List.of("include:" + server.spfInclude().orElseThrow());
        }
        List<String> terms = new ArrayList<>();
        for (IpNetwork network : server.networks()) {
            terms.add((network.isIpv4() ? "ip4:" : "ip6:") + network);
        }
        if (terms.isEmpty()) {
            throw new UserError(UserError.Kind.REFUSED, "--spf-mode ip: server " + server.id() + " of profile version "
                    + profileVersion + " lists no networks");
        }
        return terms;
    }

    /**
     * A term an earlier profile version (or another --spf-mode) of the same server adds, and which version that is;
     * {@code listedNow}: the requested version still gives it (in the --spf-mode no longer chosen).
     */
    public record RetiredTerm(String term, String source, boolean listedNow) {

        /** "ip4:178.77.90.228 (profile version 1)" */
        public String described() {
            return term + " (" + source + ")";
        }

        /**
         * Whether Netigate still sends from this term's addresses: an ip4/ip6 term within one of the server's current
         * networks (auto mode takes the current version's own IPs out too, in favour of its include).
         */
        public boolean withinCurrentNetworks(Server server) {
            SpfRecord.Term parsed = SpfRecord.parseTerm(term);
            return (parsed.name().equals("ip4") || parsed.name().equals("ip6"))
                    && server.networks().stream().anyMatch(current -> current.contains(parsed.network()));
        }
    }

    /**
     * The terms the vendor's {@code versions} (the shipped versions up to the requested one, that one included)
     * add for this server in any --spf-mode, minus {@code vendorTerms}: what an earlier run may have put in the
     * customer's record and the current one would not.
     */
    public static List<RetiredTerm> retiredTerms(List<Profile> versions, Server server, List<String> vendorTerms) {
        List<String> listedNow = termsOfEitherMode(server);
        java.util.Map<String, RetiredTerm> retired = new java.util.LinkedHashMap<>();
        for (Profile version : versions) {
            version.server(server.id()).ifPresent(earlier -> {
                boolean hasInclude = earlier.spfInclude().isPresent();
                for (String term : termsOfEitherMode(earlier)) {
                    boolean ip = !term.startsWith("include:");
                    retired.putIfAbsent(term, new RetiredTerm(term, "profile version " + version.version()
                            + (ip && hasInclude ? " with --spf-mode ip" : ""), listedNow.contains(term)));
                }
            });
        }
        List<SpfRecord.Term> current = vendorTerms.stream().map(SpfRecord::parseTerm).toList();
        return retired.values().stream()
                .filter(r -> current.stream().noneMatch(c -> sameTerm(c, SpfRecord.parseTerm(r.term()))))
                .toList();
    }

    private static List<String> termsOfEitherMode(Server server) {
        List<String> terms = new ArrayList<>();
        server.spfInclude().ifPresent(include -> terms.add("include:" + include));
        for (IpNetwork network : server.networks()) {
            terms.add((network.isIpv4() ? "ip4:" : "ip6:") + network);
        }
        return terms;
    }

    public static SpfPlan plan(DomainName domain, Optional<SpfRecord> existing, List<String> vendorTerms) {
        return plan(domain, existing, vendorTerms, List.of());
    }

    /**
     * The record to publish: the existing one without the {@code retired} terms it holds (an earlier Netigate
     * version's networks or include no longer authorise Netigate, but whoever holds those addresses now), and with
     * the vendor's terms added.
     */
    public static SpfPlan plan(DomainName domain, Optional<SpfRecord> existing, List<String> vendorTerms, List<RetiredTerm> retired) {
        List<String> notes = new ArrayList<>();
        List<SpfRecord.Term> terms = new ArrayList<>(existing.map(SpfRecord::terms).orElse(List.of()));
        List<RetiredTerm> removed = new ArrayList<>();
        List<String> noLongerListed = new ArrayList<>();
        terms.removeIf(term -> {
            Optional<RetiredTerm> match = term.modifier() || term.qualifier() != '+' ? Optional.empty()
                    : retired.stream().filter(r -> sameTerm(term, SpfRecord.parseTerm(r.term()))).findFirst();
            match.ifPresent(r -> {
                removed.add(new RetiredTerm(term.text(), r.source(), r.listedNow()));
                if (!r.listedNow()) {
                    noLongerListed.add(term.text());
                }
            });
            return match.isPresent();
        });
        List<String> added = new ArrayList<>();
        int insertAt = insertionPoint(terms);
        for (String text : vendorTerms) {
            boolean present = terms.stream().anyMatch(t -> t.text().equalsIgnoreCase(text)
                    || t.text().equalsIgnoreCase("+" + text));
            if (!present) {
                terms.add(insertAt++, SpfRecord.parseTerm(text));
                added.add(text);
            }
        }
        if (!removed.isEmpty()) {
            notes.add("Removed, as terms of an earlier Netigate profile version or of an --spf-mode no longer given: "
                    + String.join(", ", removed.stream().map(RetiredTerm::described).toList()) + "; the record now holds what a first run of this version writes.");
        }
        if (!noLongerListed.isEmpty()) {
            // The articles are undated and neither says an address stopped sending: say what the data shows, no more.
            String them = noLongerListed.size() == 1 ? "it" : "them";
            notes.add(String.join(", ", noLongerListed) + ": this profile version's article does not list " + them
                    + "; whether Netigate still sends from there, the profiles do not say (confirm with Netigate if surveys"
                    + " still come from " + them + "). Kept, a term for an address Netigate no longer holds would let"
                    + " whoever holds it now pass SPF as " + domain + ".");
        }
        if (existing.isEmpty()) {
            // Neutral, not fail: a domain without SPF may send from servers nobody listed here yet.
            terms.add(SpfRecord.parseTerm("?all"));
            notes.add("No existing record was given (--existing-spf), so this is a new record ending in ?all (neutral):"
                    + " it authorises the vendor and penalises nobody. If " + domain + " already publishes an SPF record,"
                    + " merge into it instead: a second v=spf1 record makes SPF fail with permerror for every sender.");
            notes.add("Once every server that sends as " + domain + " is listed, tighten ?all to ~all or -all.");
        } else if (added.isEmpty() && removed.isEmpty()) {
            notes.add("The existing record already authorises the vendor (" + String.join(" ", vendorTerms) + "): nothing to change.");
        }
        SpfRecord record = SpfRecord.of(terms);
        int lookups = record.lookupTerms();
        if (lookups > SpfRecord.MAX_LOOKUPS) {
            throw new UserError(UserError.Kind.REFUSED, "--existing-spf for " + domain + ": the merged record would have "
                    + lookups + " DNS-querying terms (include, a, mx, ptr, exists, redirect); RFC 7208 allows "
                    + SpfRecord.MAX_LOOKUPS + ". Remove unused terms or use --spf-mode ip");
        }
        Optional<SpfRecord.TreeCount> tree = existing.flatMap(e -> e.mergedTreeCount(record));
        if (tree.isPresent()) {
            notes.add("DNS-querying terms across the whole tree, counted through DNS before writing (--existing-spf-from-dns): "
                    + tree.get().lookups() + " of " + SpfRecord.MAX_LOOKUPS + "; void lookups: " + tree.get().voidLookups() + " of "
                    + SpfEvaluator.MAX_VOID_LOOKUPS + " (RFC 7208 §4.6.4).");
        } else {
            notes.add("DNS-querying terms in this record itself: " + lookups + " of " + SpfRecord.MAX_LOOKUPS + ". RFC 7208 §4.6.4 also"
                    + " counts the terms of every record an include or redirect names, and allows " + SpfEvaluator.MAX_VOID_LOOKUPS
                    + " void lookups; this count is this record's only (with --existing-spf-from-dns whitelist-gen counts the"
                    + " whole tree through DNS), so run `whitelist-gen check spf --domain " + domain
                    + " --server SERVER` after publishing.");
        }
        if (terms.stream().anyMatch(t -> t.name().equals("include") || t.name().equals("redirect"))) {
            notes.add("If a domain this record includes stops publishing its SPF record, the whole record of " + domain
                    + " evaluates to permerror for every sender (RFC 7208 §5.2).");
        }
        existing.flatMap(SpfRecord::allTerm).filter(t -> t.qualifier() == '+').ifPresent(t -> notes.add(
                "WARNING: '" + t.text() + "' authorises every host on the internet to send as " + domain
                        + ", which defeats SPF; replace it with ~all or -all."));
        terms.stream().filter(t -> !t.modifier() && t.qualifier() == '+' && (t.name().equals("ip4") || t.name().equals("ip6"))
                        && t.network().prefix() == 0)
                .forEach(t -> notes.add("WARNING: '" + t.text() + "' authorises every " + (t.name().equals("ip4") ? "IPv4" : "IPv6")
                        + " address to send as " + domain + ", which defeats SPF; remove it."));
        if (terms.stream().anyMatch(t -> !t.modifier() && t.name().equals("ptr"))) {
            notes.add("The record uses ptr, which RFC 7208 §5.5 says not to use: it is slow and unreliable.");
        }
        int allIndex = indexOfAll(terms);
        if (allIndex >= 0 && terms.subList(allIndex + 1, terms.size()).stream().anyMatch(t -> !t.modifier())) {
            notes.add("Mechanisms after 'all' are never evaluated; move them before it.");
        }
        if (record.byteLength() > SpfRecord.MAX_BYTES) {
            throw new UserError(UserError.Kind.REFUSED, "SPF record for " + domain + " would be " + record.byteLength()
                    + " bytes; more than " + SpfRecord.MAX_BYTES + " does not fit a DNS answer over UDP even with EDNS"
                    + (vendorTerms.size() > 1 ? " (use --spf-mode include)" : ""));
        }
        if (record.byteLength() > SpfRecord.COMFORTABLE_BYTES) {
            notes.add("The record is " + record.byteLength() + " bytes; past about " + SpfRecord.COMFORTABLE_BYTES
                    + " the DNS answer may not fit in 512 bytes of UDP and needs TCP.");
        }
        return new SpfPlan(domain, existing, record, added, removed, notes);
    }

    /** The same authorisation: ip4/ip6 by network (ip4:192.0.2.1 is ip4:192.0.2.1/32), include by domain, any case. */
    private static boolean sameTerm(SpfRecord.Term a, SpfRecord.Term b) {
        if (a.modifier() || b.modifier() || !a.name().equals(b.name())) {
            return false;
        }
        return switch (a.name()) {
            case "ip4", "ip6" -> a.network().equals(b.network());
            case "include" -> strip(a.domainSpec()).equalsIgnoreCase(strip(b.domainSpec()));
            default -> a.text().equalsIgnoreCase(b.text());
        };
    }

    private static String strip(String name) {
        return name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
    }

    /**
     * Counts the merged record's whole tree through DNS, as a receiver would (RFC 7208 §4.6.4: the terms of
     * every included or redirected record count towards 10, void lookups towards 2; §5.2: an include that
     * does not resolve is a permerror for the whole record), and refuses a record that would break.
     */
    public static SpfRecord.TreeCount refuseOverTreeLimits(DnsResolver dns, SpfPlan plan) {
        String domain = plan.domain().name();
        SpfTree.Walk walk = SpfTree.walk(dns, domain, plan.record());
        if (!walk.dnsErrors().isEmpty()) {
            throw new UserError(UserError.Kind.NETWORK, "--existing-spf-from-dns: counting the lookups of the record for " + domain
                    + " failed: " + String.join("; ", walk.dnsErrors()));
        }
        List<String> problems = new ArrayList<>();
        if (walk.lookups() > SpfRecord.MAX_LOOKUPS) {
            problems.add("the merged record for " + domain + " would need " + walk.lookups() + " DNS-querying terms across nested"
                    + " includes; RFC 7208 §4.6.4 allows " + SpfRecord.MAX_LOOKUPS + " (receivers: permerror). Remove unused"
                    + " terms or use --spf-mode ip");
        }
        if (walk.voidLookups() > SpfEvaluator.MAX_VOID_LOOKUPS) {
            problems.add("the merged record for " + domain + " would make " + walk.voidLookups() + " void lookups (names that"
                    + " do not exist or hold no address); RFC 7208 §4.6.4 allows " + SpfEvaluator.MAX_VOID_LOOKUPS);
        }
        for (String problem : walk.problems()) {
            problems.add("the merged record for " + domain + ": " + problem + "; this makes the whole record permerror"
                    + " (RFC 7208 §5.2)");
        }
        if (!problems.isEmpty()) {
            throw new UserError(UserError.Kind.REFUSED, problems);
        }
        return new SpfRecord.TreeCount(walk.lookups(), walk.voidLookups());
    }

    /** Just after the last mechanism before "all" (or of the record), so "all" and modifiers stay last. */
    private static int insertionPoint(List<SpfRecord.Term> terms) {
        int all = indexOfAll(terms);
        if (all >= 0) {
            while (all > 0 && terms.get(all - 1).modifier()) {
                all--;
            }
            return all;
        }
        int lastMechanism = -1;
        for (int i = 0; i < terms.size(); i++) {
            if (!terms.get(i).modifier()) {
                lastMechanism = i;
            }
        }
        return lastMechanism + 1;
    }

    private static int indexOfAll(List<SpfRecord.Term> terms) {
        for (int i = 0; i < terms.size(); i++) {
            if (terms.get(i).isAll()) {
                return i;
            }
        }
        return -1;
    }
}
