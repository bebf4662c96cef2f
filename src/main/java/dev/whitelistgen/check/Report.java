package dev.whitelistgen.check;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a check found: one finding per line for a person, a summary, whether it passed, and the same facts
 * as structured data for --json.
 *
 * @param data extra JSON fields (strings, numbers, booleans, lists and maps of them), in a stable order
 */
public record Report(String check, boolean passed, String summary, List<Finding> findings, Map<String, Object> data) {

    public Report {
        findings = List.copyOf(findings);
        data = new LinkedHashMap<>(data);
    }

    public boolean hasFailure() {
        return findings.stream().anyMatch(f -> f.level() == Finding.Level.FAIL);
    }
}
