package dev.whitelistgen.spf;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** SPF macro strings (RFC 7208 §7): syntax checks and expansion. */
public final class Macros {

    /** The values macros expand to, by lower-case letter (s l o d i p h v, and c r t in explanations). */
    public interface Values {
        String value(char letter);
    }

    private static final String LETTERS = "slodiphv";
    private static final String EXPLANATION_ONLY_LETTERS = "crt";
    private static final String DELIMITERS = ".-+,/_=";
    private static final Pattern TOPLABEL = Pattern.compile("[A-Za-z0-9]*[A-Za-z][A-Za-z0-9]*|[A-Za-z0-9]+-[A-Za-z0-9-]*[A-Za-z0-9]");

    private Macros() {
    }

    /**
     * Checks a domain-spec (§7.1): a macro-string that ends in "." toplabel ["."] or in a macro.
     * @throws IllegalArgumentException saying what is wrong
     */
    public static void checkDomainSpec(String spec) {
        if (spec.isEmpty()) {
            throw new IllegalArgumentException("needs a domain");
        }
        if (endsWithMacro(spec, false)) {
            return;
        }
        String body = spec.endsWith(".") ? spec.substring(0, spec.length() - 1) : spec;
        int dot = body.lastIndexOf('.');
        if (dot < 0 || !TOPLABEL.matcher(body.substring(dot + 1)).matches()) {
            throw new IllegalArgumentException("'" + spec + "' does not end in a valid top-level label (a domain such as example.com)");
        }
    }

    /** Checks macro syntax; c, r and t are allowed only in explanation text. */
    public static void check(String text, boolean explanation) {
        endsWithMacro(text, explanation);
    }

    private static boolean endsWithMacro(String text, boolean explanation) {
        boolean lastWasMacro = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == ' ' && explanation) {
                lastWasMacro = false;
                continue;
            }
            if (c < 0x21 || c > 0x7e) {
                throw new IllegalArgumentException("holds a character that is not visible ASCII");
            }
            if (c != '%') {
                lastWasMacro = false;
                continue;
            }
            char next = i + 1 < text.length() ? text.charAt(i + 1) : 0;
            if (next == '%' || next == '_' || next == '-') {
                i++;
            } else if (next == '{') {
                int close = text.indexOf('}', i);
                if (close < 0) {
                    throw new IllegalArgumentException("macro '" + text.substring(i) + "' is not closed with }");
                }
                parseMacro(text.substring(i + 2, close), explanation);
                i = close;
            } else {
                throw new IllegalArgumentException("'%' must be followed by {, %, _ or - (in '" + text + "')");
            }
            lastWasMacro = true;
        }
        return lastWasMacro;
    }

    private record Macro(char letter, boolean upper, int rightParts, boolean reverse, String delimiters) { }

    private static Macro parseMacro(String body, boolean explanation) {
        String bad = "invalid macro '%{" + body + "}'";
        if (body.isEmpty()) {
            throw new IllegalArgumentException(bad);
        }
        char raw = body.charAt(0);
        char letter = Character.toLowerCase(raw);
        if (LETTERS.indexOf(letter) < 0 && !(explanation && EXPLANATION_ONLY_LETTERS.indexOf(letter) >= 0)) {
            throw new IllegalArgumentException(bad + (EXPLANATION_ONLY_LETTERS.indexOf(letter) >= 0
                    ? ": %{" + raw + "} is allowed only in explanation text" : ": unknown macro letter"));
        }
        int i = 1;
        int digitsStart = i;
        while (i < body.length() && Character.isDigit(body.charAt(i))) {
            i++;
        }
        int rightParts = 0;
        if (i > digitsStart) {
            String digits = body.substring(digitsStart, i);
            rightParts = digits.length() > 3 ? 128 : Math.min(128, Integer.parseInt(digits));
            if (rightParts == 0) {
                throw new IllegalArgumentException(bad + ": the number of parts must not be zero");
            }
        }
        boolean reverse = false;
        if (i < body.length() && (body.charAt(i) == 'r' || body.charAt(i) == 'R')) {
            reverse = true;
            i++;
        }
        String delimiters = body.substring(i);
        for (char d : delimiters.toCharArray()) {
            if (DELIMITERS.indexOf(d) < 0) {
                throw new IllegalArgumentException(bad + ": '" + d + "' is not a delimiter");
            }
        }
        return new Macro(letter, Character.isUpperCase(raw), rightParts, reverse, delimiters.isEmpty() ? "." : delimiters);
    }

    /** Expands a macro string that {@link #check} accepted. */
    public static String expand(String text, Values values, boolean explanation) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c != '%') {
                out.append(c);
                continue;
            }
            char next = text.charAt(i + 1);
            switch (next) {
                case '%' -> out.append('%');
                case '_' -> out.append(' ');
                case '-' -> out.append("%20");
                default -> {
                    int close = text.indexOf('}', i);
                    out.append(expandMacro(parseMacro(text.substring(i + 2, close), explanation), values));
                    i = close - 1;
                }
            }
            i++;
        }
        return out.toString();
    }

    private static String expandMacro(Macro macro, Values values) {
        String value = values.value(macro.letter());
        List<String> parts = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < value.length(); i++) {
            if (macro.delimiters().indexOf(value.charAt(i)) >= 0) {
                parts.add(value.substring(start, i));
                start = i + 1;
            }
        }
        parts.add(value.substring(start));
        if (macro.reverse()) {
            Collections.reverse(parts);
        }
        if (macro.rightParts() > 0 && macro.rightParts() < parts.size()) {
            parts = parts.subList(parts.size() - macro.rightParts(), parts.size());
        }
        String joined = String.join(".", parts);
        return macro.upper() ? urlEscape(joined) : joined;
    }

    /** Upper-case macros are URL-escaped: everything but the unreserved characters (§7.3). */
    private static String urlEscape(String text) {
        StringBuilder out = new StringBuilder();
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "-._~".indexOf(c) >= 0) {
                out.append(c);
            } else {
                out.append('%').append(String.format(Locale.ROOT, "%02X", (int) c));
            }
        }
        return out.toString();
    }
}
