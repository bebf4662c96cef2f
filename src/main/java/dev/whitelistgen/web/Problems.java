package dev.whitelistgen.web;

import dev.whitelistgen.Input;
import dev.whitelistgen.UserError;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A request's problems, each placed next to the form field of the input it concerns. The messages are the CLI's
 * own, word for word.
 */
record Problems(Map<String, List<String>> byField, int status) {

    /** Where a message about nothing the form asks goes (a target's documented limit, a profile problem). */
    static final String GENERAL = "";

    static Problems of(UserError error) {
        Map<String, List<String>> byField = new LinkedHashMap<>();
        for (UserError.Problem problem : error.problems()) {
            String field = problem.about().flatMap(Input::field).orElse(GENERAL);
            byField.computeIfAbsent(field, f -> new ArrayList<>()).add(problem.line());
        }
        return new Problems(byField, status(error.kind()));
    }

    /** Bad input is the client's (400); a file the server cannot read, or a network failure, is the server's. */
    private static int status(UserError.Kind kind) {
        return kind == UserError.Kind.IO ? 500 : kind == UserError.Kind.NETWORK ? 502 : 400;
    }

    List<String> general() {
        return byField.getOrDefault(GENERAL, List.of());
    }
}
