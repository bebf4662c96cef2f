package dev.whitelistgen.web;

import dev.whitelistgen.Input;
import dev.whitelistgen.UserError;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A request's problems, each with the form field of the input it concerns: the JSON API gives the CLI's own message
 * word for word with its field; the page puts it in the form's words ({@link FieldLabels}) next to the field and in
 * the error summary.
 */
record Problems(List<Entry> entries, int status) {

    /** {@code field}: the form field, or {@link #GENERAL} for a problem about nothing the form asks. */
    record Entry(String field, UserError.Problem problem) {
        String pageMessage() {
            return FieldLabels.phrase(problem, field);
        }
    }

    /** Where a message about nothing the form asks goes (a target's documented limit, a profile problem). */
    static final String GENERAL = "";

    static Problems of(UserError error) {
        List<Entry> entries = new ArrayList<>();
        for (UserError.Problem problem : error.problems()) {
            entries.add(new Entry(problem.about().flatMap(Input::field).orElse(GENERAL), problem));
        }
        return new Problems(List.copyOf(entries), status(error.kind()));
    }

    /** Every problem placed at one field: a form of one field (the MX lookup), whatever input the message names. */
    static Problems at(String field, UserError error) {
        return new Problems(error.problems().stream().map(p -> new Entry(field, p)).toList(), status(error.kind()));
    }

    /** Bad input is the client's (400); a file the server cannot read, or a network failure, is the server's. */
    private static int status(UserError.Kind kind) {
        return kind == UserError.Kind.IO ? 500 : kind == UserError.Kind.NETWORK ? 502 : 400;
    }

    /** The CLI's lines with their field (null for a general one), for the JSON API. */
    List<Map<String, Object>> json() {
        List<Map<String, Object>> errors = new ArrayList<>();
        for (Entry entry : entries) {
            Map<String, Object> error = new LinkedHashMap<>();
            error.put("field", entry.field().equals(GENERAL) ? null : entry.field());
            error.put("message", entry.problem().line());
            errors.add(error);
        }
        return errors;
    }

    /** The page's messages by field, for the message below each field. */
    Map<String, List<String>> byField() {
        Map<String, List<String>> byField = new LinkedHashMap<>();
        for (Entry entry : entries) {
            byField.computeIfAbsent(entry.field(), f -> new ArrayList<>()).add(entry.pageMessage());
        }
        return byField;
    }

    List<String> general() {
        return byField().getOrDefault(GENERAL, List.of());
    }

    /** The error summary: each message, linked to its field's element where it has one. */
    List<Map<String, String>> summary() {
        List<Map<String, String>> lines = new ArrayList<>();
        for (Entry entry : entries) {
            lines.add(Map.of("message", entry.pageMessage(),
                    "element", entry.field().equals(GENERAL) ? "" : FieldLabels.element(entry.field())));
        }
        return lines;
    }
}
