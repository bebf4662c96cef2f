package dev.whitelistgen.spf;

import java.util.List;
import java.util.Optional;

/**
 * The result of one SPF evaluation and how it came about.
 *
 * @param path        the terms that decided it, outermost first ("include:_spf.example", "ip4:192.0.2.0/24")
 * @param explanation the domain's exp= text for a fail, when it has one
 * @param problem     for permerror/temperror, what went wrong; otherwise ""
 * @param lookups     DNS-querying terms evaluated (limit 10)
 * @param voidLookups lookups that found nothing (limit 2)
 */
public record SpfResult(SpfOutcome outcome, List<String> path, Optional<String> explanation, String problem,
                        int lookups, int voidLookups) {

    public SpfResult {
        path = List.copyOf(path);
    }

    /** "include:_spf.netigate.se → ip4:89.45.227.221", or what decided when no term did. */
    public String describePath() {
        if (!problem.isEmpty()) {
            return problem;
        }
        if (path.isEmpty()) {
            return outcome == SpfOutcome.NONE ? "no SPF record" : "no term matched (default: neutral)";
        }
        return String.join(" → ", path);
    }
}
