package dev.whitelistgen.web;

import dev.whitelistgen.UserError;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The engine's messages for one request, each placed next to the form field it is about. The messages are the
 * CLI's own, word for word; the field is read from the flag a message starts with ("--domain: …" → domains).
 */
final class Problems extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Where a message about nothing in particular goes (a target's documented limit, a profile problem). */
    static final String GENERAL = "";

    /** Flag prefixes, longest first where one begins another, and the field that carries each. */
    private static final List<Map.Entry<String, String>> FIELDS = List.of(
            Map.entry("--server-from-url", "server_url"), Map.entry("--server", "server"),
            Map.entry("--target", "target"), Map.entry("--domain", "domains"),
            Map.entry("--existing-spf", "existing_spf"), Map.entry("--ip-allow-list", "ip_allow_list"),
            Map.entry("--lang", "lang"), Map.entry("--spf-mode", "spf_mode"), Map.entry("--profile", "profile"),
            Map.entry("--from", "from"), Map.entry("--to", "to"));

    private final Map<String, List<String>> byField = new LinkedHashMap<>();
    private UserError.Kind worst;

    Problems() {
        super(null, null, false, false);
    }

    static String fieldOf(String message) {
        for (Map.Entry<String, String> entry : FIELDS) {
            if (message.startsWith(entry.getKey() + ":") || message.startsWith(entry.getKey() + " ")) {
                return entry.getValue();
            }
        }
        return GENERAL;
    }

    /** Runs one step of validation; a UserError is recorded (null returned) so the other fields are still checked. */
    <T> T attempt(Supplier<T> step) {
        try {
            return step.get();
        } catch (UserError e) {
            add(e);
            return null;
        }
    }

    void add(UserError error) {
        for (String line : error.lines()) {
            byField.computeIfAbsent(fieldOf(line), f -> new ArrayList<>()).add(line);
        }
        if (worst == null) {
            worst = error.kind();
        }
    }

    boolean any() {
        return !byField.isEmpty();
    }

    void throwIfAny() {
        if (any()) {
            throw this;
        }
    }

    Map<String, List<String>> byField() {
        return byField;
    }

    /** Bad input is the client's (400); a file the server cannot read, or a network failure, is the server's. */
    int status() {
        return worst == UserError.Kind.IO ? 500 : worst == UserError.Kind.NETWORK ? 502 : 400;
    }

    @Override
    public String getMessage() {
        return String.join("\n", byField.values().stream().flatMap(List::stream).toList());
    }
}
