package dev.whitelistgen.render;

import freemarker.template.TemplateMethodModelEx;
import freemarker.template.TemplateModelException;
import freemarker.template.TemplateScalarModel;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Quoting for each output language, offered to templates as functions: {@code [=ps(value)]} gives a
 * PowerShell single-quoted string. Validation already refuses values with quotes, '$' or line breaks; this
 * is the second line of defence, so a value that slipped through still cannot leave its string.
 */
public final class Escapers {

    private Escapers() {
    }

    /** PowerShell single-quoted literal: no expansion at all; every kind of single quote doubled. */
    public static String powerShell(String value) {
        if (!hasPowerShellQuote(value)) { // the usual case (every network), without copying character by character
            return "'" + value + "'";
        }
        StringBuilder out = new StringBuilder("'");
        for (char c : value.toCharArray()) {
            // PowerShell also treats the typographic quotes U+2018..U+201B as single quotes.
            if (c == '\'' || (c >= '\u2018' && c <= '\u201b')) {
                out.append(c);
            }
            out.append(c);
        }
        return out.append('\'').toString();
    }

    private static boolean hasPowerShellQuote(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\'' || (c >= '\u2018' && c <= '\u201b')) {
                return true;
            }
        }
        return false;
    }

    /**
     * Text for a line comment: every line break or other control character becomes a space, so a value can
     * never end the comment and start code, whatever the output language.
     */
    public static String oneLine(String value) {
        StringBuilder out = new StringBuilder(value.length());
        for (char c : value.toCharArray()) {
            out.append(Character.isISOControl(c) || c == '\u2028' || c == '\u2029' ? ' ' : c);
        }
        return out.toString();
    }

    /** POSIX shell single-quoted word. */
    public static String shell(String value) {
        return "'" + value.replace("'", "'\\''") + "'";
    }

    /** Characters no POSIX shell gives a meaning inside a word ('~' is left out: at a word's start it is $HOME). */
    private static final java.util.regex.Pattern PLAIN_WORD = java.util.regex.Pattern.compile("[A-Za-z0-9._/@%+=:,-]+");

    /** A shell word as it may stand unquoted when it can (a version, a plain file name), quoted otherwise. */
    public static String shellWord(String value) {
        return PLAIN_WORD.matcher(value).matches() ? value : shell(value);
    }

    /** The one quoting rule of every "Reproduce" command line: each word as {@link #shellWord}. */
    public static String commandLine(List<String> words) {
        return String.join(" ", words.stream().map(Escapers::shellWord).toList());
    }

    /**
     * Markdown prose: every character that could start markup (HTML, a code span, emphasis, a link, a table cell)
     * backslash-escaped, which CommonMark allows for any ASCII punctuation; line breaks become spaces.
     */
    public static String markdown(String value) {
        StringBuilder out = new StringBuilder(value.length());
        for (char c : oneLine(value).toCharArray()) {
            if ("\\`*_[]<>&|~".indexOf(c) >= 0) {
                out.append('\\');
            }
            out.append(c);
        }
        return out.toString();
    }

    /** DNS zone-file character-string (RFC 1035 §5.1): quoted, with '"' and '\' escaped and others as \DDD. */
    public static String zone(String value) {
        StringBuilder out = new StringBuilder("\"");
        for (byte b : value.getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c == '"' || c == '\\') {
                out.append('\\').append((char) c);
            } else if (c < 0x20 || c > 0x7e) {
                out.append(String.format("\\%03d", c));
            } else {
                out.append((char) c);
            }
        }
        return out.append('"').toString();
    }

    /** RFC 4180 field, quoted only when needed; a leading formula character is neutralised for spreadsheets. */
    public static String csv(String value) {
        String safe = !value.isEmpty() && "=+-@".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
        for (int i = 0; i < safe.length(); i++) { // one pass: a guide's CSV has a line or more for every network
            char c = safe.charAt(i);
            if (c == ',' || c == '"' || c == '\n' || c == '\r') {
                return "\"" + safe.replace("\"", "\"\"") + "\"";
            }
        }
        return safe;
    }

    /** JSON string literal. */
    public static String json(String value) {
        return json(new StringBuilder(value.length() + 16), value).toString();
    }

    /**
     * The JSON string, appended to {@code out}: runs that need no escaping are copied in one append each, since
     * serve's JSON answers carry every file of a target and a character-by-character copy was a fifth of a
     * request's time (JFR).
     */
    public static StringBuilder json(StringBuilder out, String value) {
        out.append('"');
        int run = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            String escaped = switch (c) {
                case '"' -> "\\\"";
                case '\\' -> "\\\\";
                case '\n' -> "\\n";
                case '\r' -> "\\r";
                case '\t' -> "\\t";
                default -> c < 0x20 || c == '\u2028' || c == '\u2029' ? String.format("\\u%04x", (int) c) : null;
            };
            if (escaped != null) {
                out.append(value, run, i).append(escaped);
                run = i + 1;
            }
        }
        return out.append(value, run, value.length()).append('"');
    }

    /**
     * Text that a Jinja-style templater (rspamd runs one over its configuration files, comments included)
     * passes through as is: '{' before '{', '%' or '#' would open a tag, so a space is put between them.
     */
    public static String jinjaInert(String value) {
        StringBuilder out = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            out.append(c);
            if (c == '{' && i + 1 < value.length() && "{%#".indexOf(value.charAt(i + 1)) >= 0) {
                out.append(' ');
            }
        }
        return out.toString();
    }

    static Map<String, TemplateMethodModelEx> functions() {
        return Map.of(
                "ps", function("ps", Escapers::powerShell),
                "sh", function("sh", Escapers::shell),
                "zone", function("zone", Escapers::zone),
                "csv", function("csv", Escapers::csv),
                "json", function("json", Escapers::json),
                "jinja", function("jinja", Escapers::jinjaInert),
                "md", function("md", Escapers::markdown),
                "oneline", function("oneline", Escapers::oneLine));
    }

    @SuppressWarnings("rawtypes") // FreeMarker's TemplateMethodModelEx.exec takes a raw List
    private static TemplateMethodModelEx function(String name, UnaryOperator<String> escape) {
        return (List arguments) -> {
            if (arguments.size() != 1 || !(arguments.get(0) instanceof TemplateScalarModel scalar)) {
                throw new TemplateModelException(name + "() takes exactly one text argument");
            }
            return escape.apply(scalar.getAsString());
        };
    }
}
