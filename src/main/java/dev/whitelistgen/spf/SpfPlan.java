package dev.whitelistgen.spf;

import dev.whitelistgen.model.DomainName;
import java.util.List;
import java.util.Optional;

/**
 * The SPF record to publish for one customer domain, and what a person should know about it. {@code removed}: the
 * existing record's terms taken out, as written there, each with the Netigate version (or --spf-mode) that adds it.
 */
public record SpfPlan(
        DomainName domain,
        Optional<SpfRecord> existing,
        SpfRecord record,
        List<String> addedTerms,
        List<SpfMerger.RetiredTerm> removed,
        List<String> notes) {

    public SpfPlan {
        addedTerms = List.copyOf(addedTerms);
        removed = List.copyOf(removed);
        notes = List.copyOf(notes);
    }

    public List<String> removedTerms() {
        return removed.stream().map(SpfMerger.RetiredTerm::term).toList();
    }

    public boolean changed() {
        return !addedTerms.isEmpty() || !removed.isEmpty();
    }
}
