package dev.whitelistgen.spf;

import dev.whitelistgen.model.DomainName;
import java.util.List;
import java.util.Optional;

/** The SPF record to publish for one customer domain, and what a person should know about it. */
public record SpfPlan(
        DomainName domain,
        Optional<SpfRecord> existing,
        SpfRecord record,
        List<String> addedTerms,
        List<String> removedTerms,
        List<String> notes) {

    public SpfPlan {
        addedTerms = List.copyOf(addedTerms);
        removedTerms = List.copyOf(removedTerms);
        notes = List.copyOf(notes);
    }

    public boolean changed() {
        return !addedTerms.isEmpty() || !removedTerms.isEmpty();
    }
}
