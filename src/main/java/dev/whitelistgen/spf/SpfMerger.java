package dev.whitelistgen.spf;

import dev.whitelistgen.UserError;
import dev.whitelistgen.model.DomainName;
import dev.whitelistgen.model.IpNetwork;
import dev.whitelistgen.model.Server;
import dev.whitelistgen.model.SpfMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Adds a vendor server to a customer's SPF record: the record's own terms stay as they are and in their
 * order, the vendor's terms go just before "all" (or before the modifiers when there is no "all"), and the
 * result is refused when it would pass RFC 7208's limit of 10 DNS-querying terms.
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

    public static SpfPlan plan(DomainName domain, Optional<SpfRecord> existing, List<String> vendorTerms) {
        List<String> notes = new ArrayList<>();
        List<SpfRecord.Term> terms = new ArrayList<>(existing.map(SpfRecord::terms).orElse(List.of()));
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
        if (existing.isEmpty()) {
            // Neutral, not fail: a domain without SPF may send from servers nobody listed here yet.
            terms.add(SpfRecord.parseTerm("?all"));
            notes.add("No existing record was given (--existing-spf), so this is a new record ending in ?all (neutral):"
                    + " it authorises the vendor and penalises nobody. If " + domain + " already publishes an SPF record,"
                    + " merge into it instead: a second v=spf1 record makes SPF fail with permerror for every sender.");
            notes.add("Once every server that sends as " + domain + " is listed, tighten ?all to ~all or -all.");
        } else if (added.isEmpty()) {
            notes.add("The existing record already authorises the vendor (" + String.join(" ", vendorTerms) + "): nothing to change.");
        }
        SpfRecord record = SpfRecord.of(terms);
        int lookups = record.lookupTerms();
        if (lookups > SpfRecord.MAX_LOOKUPS) {
            throw new UserError(UserError.Kind.REFUSED, "--existing-spf for " + domain + ": the merged record would have "
                    + lookups + " DNS-querying terms (include, a, mx, ptr, exists, redirect); RFC 7208 allows "
                    + SpfRecord.MAX_LOOKUPS + ". Remove unused terms or use --spf-mode ip");
        }
        notes.add("DNS-querying terms in this record: " + lookups + " of " + SpfRecord.MAX_LOOKUPS
                + "; each include and redirect adds the lookups of the record it names (`whitelist-gen check spf` counts them all).");
        existing.flatMap(SpfRecord::allTerm).filter(t -> t.qualifier() == '+').ifPresent(t -> notes.add(
                "WARNING: '" + t.text() + "' authorises every host on the internet to send as " + domain
                        + "; replace it with ~all or -all."));
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
        return new SpfPlan(domain, existing, record, added, notes);
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
