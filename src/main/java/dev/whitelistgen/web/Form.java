package dev.whitelistgen.web;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The fields of one request (query string or url-encoded body), within the page's limits. */
final class Form {

    /** More fields than any form of the page has, with room for repeated domains and records from the API. */
    static final int MAX_FIELDS = 64;

    private final Map<String, List<String>> fields;

    private Form(Map<String, List<String>> fields) {
        this.fields = fields;
    }

    static Form empty() {
        return new Form(Map.of());
    }

    /**
     * @throws WebError 400 for more than {@link #MAX_FIELDS} fields, a field the route does not know, or bad encoding
     */
    static Form parse(String encoded, Set<String> known) {
        Map<String, List<String>> fields = new LinkedHashMap<>();
        if (encoded == null || encoded.isEmpty()) {
            return new Form(fields);
        }
        String[] pairs = encoded.split("&", -1);
        if (pairs.length > MAX_FIELDS) {
            throw new WebError(400, "too many fields: " + pairs.length + " (at most " + MAX_FIELDS + ")");
        }
        for (String pair : pairs) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = decode(equals < 0 ? pair : pair.substring(0, equals));
            String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
            if (!known.contains(name)) {
                throw new WebError(400, "unknown field '" + name + "'; fields: " + String.join(", ", known.stream().sorted().toList()));
            }
            fields.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
        }
        return new Form(fields);
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new WebError(400, "badly encoded field: " + e.getMessage());
        }
    }

    /** The field's value, stripped; null when absent or blank. */
    String one(String name) {
        List<String> values = fields.getOrDefault(name, List.of());
        if (values.size() > 1) {
            throw new WebError(400, "field '" + name + "' given " + values.size() + " times; give it once");
        }
        if (values.isEmpty() || values.get(0).isBlank()) {
            return null;
        }
        return values.get(0).strip();
    }

    List<String> all(String name) {
        return fields.getOrDefault(name, List.of());
    }

    /** Every non-blank value of a repeatable field, each split on {@code separators} (a regex). */
    List<String> split(String name, String separators) {
        List<String> values = new ArrayList<>();
        for (String value : all(name)) {
            for (String part : value.split(separators)) {
                if (!part.isBlank()) {
                    values.add(part.strip());
                }
            }
        }
        return values;
    }

    boolean checked(String name) {
        String value = one(name);
        return value != null && !value.equals("false") && !value.equals("0");
    }

    /** The fields as given, for links that repeat the request (downloads) and for refilling the form. */
    Map<String, List<String>> asMap() {
        return fields;
    }
}
