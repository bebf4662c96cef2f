package dev.whitelistgen.web;

import dev.whitelistgen.Input;
import dev.whitelistgen.UserError;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the page calls each form field, and the CLI's messages put in those words for a person at the form:
 * "Login URL: …" where the CLI says "--server-from-url: …". The JSON API keeps the CLI's words; this is the page's.
 */
final class FieldLabels {

    /** The field of the "Which mail system does the customer have?" form (route /mx). */
    static final String MX_DOMAIN = "domain";

    /** Each form field's name on the page, as its label starts. */
    private static final Map<String, String> LABELS = Map.ofEntries(
            Map.entry("server", "Netigate server"),
            Map.entry("server_url", "Login URL"),
            Map.entry("target", "Mail system"),
            Map.entry("domains", "Customer domains"),
            Map.entry("existing_spf", "Existing SPF record"),
            Map.entry("spf_mode", "SPF mode"),
            Map.entry("ip_allow_list", "IP Allow List"),
            Map.entry("dkim_signed", "Signed with DKIM"),
            Map.entry("behind", "Behind a gateway"),
            Map.entry("lang", "README language"),
            Map.entry("profile", "Profile version"),
            Map.entry("from", "From version"),
            Map.entry("to", "To version"),
            Map.entry(MX_DOMAIN, "Customer's mail domain"));

    /** The element a message's link in the error summary moves to, where it is not the field's own name. */
    private static final Map<String, String> ELEMENTS = Map.of(MX_DOMAIN, "mx-domain");

    /** A flag written in a message's text (not inside a quoted value the user typed). */
    private static final Pattern FLAG = Pattern.compile("(?<=^|[\\s(])--[a-z0-9-]+(?=$|[\\s),;:.])");

    private FieldLabels() {
    }

    static Map<String, String> all() {
        return LABELS;
    }

    static String label(String field) {
        return LABELS.getOrDefault(field, field);
    }

    /** The id of the element to focus for a problem with {@code field} (a text field, a select, a fieldset). */
    static String element(String field) {
        return ELEMENTS.getOrDefault(field, field);
    }

    /**
     * The CLI's line for the page: the flag it starts with becomes the label of {@code field} (where it has one), and
     * every other flag of a field the page has becomes that field's label in quotes. Flags the page does not ask for
     * (--existing-spf-from-dns, --output) stay as they are.
     */
    static String phrase(UserError.Problem problem, String field) {
        String line = problem.line();
        if (problem.input() != null && LABELS.containsKey(field)) {
            line = LABELS.get(field) + line.substring(problem.input().flag().length());
        }
        Matcher flags = FLAG.matcher(line);
        StringBuilder out = new StringBuilder();
        while (flags.find()) {
            String mentioned = fieldOf(flags.group());
            String name = mentioned == null ? null : LABELS.get(mentioned);
            flags.appendReplacement(out, Matcher.quoteReplacement(name == null ? flags.group() : "\u201c" + name + "\u201d"));
        }
        flags.appendTail(out);
        return out.toString();
    }

    private static String fieldOf(String flag) {
        for (Input input : Input.values()) {
            if (input.flag().equals(flag)) {
                return input.field().orElse(null);
            }
        }
        return null;
    }

    /** A language's own name for itself, as a menu shows it: de → Deutsch, sv → Svenska; an unknown code as it is. */
    static String languageName(String code) {
        Locale locale = Locale.forLanguageTag(code);
        String name = locale.getDisplayLanguage(locale);
        if (name.isEmpty() || name.equalsIgnoreCase(code)) {
            return code;
        }
        return name.substring(0, 1).toUpperCase(locale) + name.substring(1);
    }
}
