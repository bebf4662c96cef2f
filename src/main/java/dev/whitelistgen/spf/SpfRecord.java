package dev.whitelistgen.spf;

import dev.whitelistgen.model.IpNetwork;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** An SPF record (RFC 7208 §4.6.1): "v=spf1" followed by mechanisms and modifiers. */
public final class SpfRecord {

    /** Terms that make the evaluator query DNS (RFC 7208 §4.6.4). */
    static final Set<String> LOOKUP_TERMS = Set.of("include", "a", "mx", "ptr", "exists", "redirect");
    public static final int MAX_LOOKUPS = 10;
    /** One character-string of a TXT record holds at most 255 bytes (RFC 1035 §3.3). */
    public static final int MAX_STRING_BYTES = 255;
    /** Past about 450 bytes the answer may not fit a 512-byte UDP reply and falls back to TCP. */
    public static final int COMFORTABLE_BYTES = 450;
    /** The common EDNS buffer size; a record this long could only be fetched over TCP. */
    public static final int MAX_BYTES = 4000;

    private static final Set<String> MECHANISMS = Set.of("all", "include", "a", "mx", "ptr", "ip4", "ip6", "exists");
    private static final Pattern MODIFIER_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9._-]*");
    // RFC 7208 §7.1 allows any visible character in a domain-spec; real records use letters, digits and the
    // macro syntax only. Quotes, '$', '`', ';', '(' and the like are refused so no record can carry a payload
    // into a zone file, shell or PowerShell script, whatever the escaping there.
    private static final Pattern MACRO_STRING = Pattern.compile("[A-Za-z0-9._%{}+=,-]*");
    private static final Pattern DUAL_CIDR = Pattern.compile("(/(3[0-2]|[12]\\d|\\d))?(//(12[0-8]|1[01]\\d|[1-9]?\\d))?");

    /** One mechanism ("-all", "include:x") or modifier ("redirect=x"), as written. */
    public record Term(String text, char qualifier, String name, String value, boolean modifier) {

        public boolean isLookup() {
            return LOOKUP_TERMS.contains(name);
        }

        public boolean isAll() {
            return !modifier && name.equals("all");
        }
    }

    private final List<Term> terms;

    private SpfRecord(List<Term> terms) {
        this.terms = List.copyOf(terms);
    }

    public static SpfRecord of(List<Term> terms) {
        return new SpfRecord(terms);
    }

    /**
     * Parses a record as published (one string, the TXT record's strings already joined).
     * @throws IllegalArgumentException naming the offending term
     */
    public static SpfRecord parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("is empty");
        }
        String record = text.strip();
        if (record.length() >= 2 && record.startsWith("\"") && record.endsWith("\"")) {
            throw new IllegalArgumentException("give the record without surrounding quotes");
        }
        for (char c : record.toCharArray()) {
            if (c < 0x20 || c > 0x7e) {
                throw new IllegalArgumentException("holds a control or non-ASCII character; SPF records are ASCII");
            }
        }
        String[] parts = record.split(" +");
        if (parts.length == 0 || !parts[0].equalsIgnoreCase("v=spf1")) {
            throw new IllegalArgumentException("'" + abbreviate(record) + "' does not start with v=spf1");
        }
        List<Term> terms = new ArrayList<>();
        boolean redirect = false;
        boolean exp = false;
        for (int i = 1; i < parts.length; i++) {
            Term term = parseTerm(parts[i]);
            if (term.modifier() && term.name().equals("redirect")) {
                if (redirect) {
                    throw new IllegalArgumentException("has more than one redirect= modifier (a permanent error)");
                }
                redirect = true;
            }
            if (term.modifier() && term.name().equals("exp")) {
                if (exp) {
                    throw new IllegalArgumentException("has more than one exp= modifier (a permanent error)");
                }
                exp = true;
            }
            terms.add(term);
        }
        return new SpfRecord(terms);
    }

    static Term parseTerm(String text) {
        int equals = text.indexOf('=');
        int colon = text.indexOf(':');
        int slash = text.indexOf('/');
        boolean modifier = equals > 0 && (colon < 0 || equals < colon) && (slash < 0 || equals < slash);
        if (modifier) {
            String name = text.substring(0, equals).toLowerCase(Locale.ROOT);
            String value = text.substring(equals + 1);
            if (!MODIFIER_NAME.matcher(name).matches() || !MACRO_STRING.matcher(value).matches()) {
                throw new IllegalArgumentException("term '" + text + "' is not a valid modifier");
            }
            if ((name.equals("redirect") || name.equals("exp")) && value.isEmpty()) {
                throw new IllegalArgumentException("term '" + text + "' needs a domain");
            }
            return new Term(text, '+', name, value, true);
        }
        char qualifier = '+';
        String rest = text;
        if (!rest.isEmpty() && "+-~?".indexOf(rest.charAt(0)) >= 0) {
            qualifier = rest.charAt(0);
            rest = rest.substring(1);
        }
        int split = indexOfAny(rest, ":/");
        String name = (split < 0 ? rest : rest.substring(0, split)).toLowerCase(Locale.ROOT);
        String argument = split < 0 ? "" : rest.substring(split);
        if (!MECHANISMS.contains(name)) {
            throw new IllegalArgumentException("term '" + text + "' is not an SPF mechanism or modifier");
        }
        String value = argument.startsWith(":") ? argument.substring(1) : argument;
        boolean valid = switch (name) {
            case "all" -> argument.isEmpty();
            case "include", "exists" -> argument.startsWith(":") && !value.isEmpty() && MACRO_STRING.matcher(value).matches();
            case "a", "mx" -> validDomainAndCidr(argument);
            case "ptr" -> argument.isEmpty() || (argument.startsWith(":") && MACRO_STRING.matcher(value).matches());
            case "ip4", "ip6" -> argument.startsWith(":") && validIp(name, value);
            default -> false;
        };
        if (!valid) {
            throw new IllegalArgumentException("term '" + text + "' is not a valid " + name + " mechanism");
        }
        return new Term(text, qualifier, name, value, false);
    }

    private static boolean validDomainAndCidr(String argument) {
        int slash = argument.indexOf('/');
        String domain = slash < 0 ? argument : argument.substring(0, slash);
        String cidr = slash < 0 ? "" : argument.substring(slash);
        if (!domain.isEmpty() && (!domain.startsWith(":") || domain.length() == 1
                || !MACRO_STRING.matcher(domain.substring(1)).matches())) {
            return false;
        }
        return DUAL_CIDR.matcher(cidr).matches();
    }

    private static boolean validIp(String name, String value) {
        int slash = value.indexOf('/');
        String address = slash < 0 ? value : value.substring(0, slash);
        try {
            // SPF masks host bits itself, so a network like 192.0.2.1/24 is legal here.
            IpNetwork parsed = IpNetwork.parse(address);
            if (parsed.isIpv4() != name.equals("ip4")) {
                return false;
            }
            if (slash >= 0) {
                String prefix = value.substring(slash + 1);
                return prefix.matches("0|[1-9]\\d{0,2}") && Integer.parseInt(prefix) <= parsed.maxPrefix();
            }
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static int indexOfAny(String text, String chars) {
        for (int i = 0; i < text.length(); i++) {
            if (chars.indexOf(text.charAt(i)) >= 0) {
                return i;
            }
        }
        return -1;
    }

    private static String abbreviate(String text) {
        return text.length() <= 60 ? text : text.substring(0, 57) + "...";
    }

    public List<Term> terms() {
        return terms;
    }

    public Optional<Term> allTerm() {
        return terms.stream().filter(Term::isAll).findFirst();
    }

    /** DNS-querying terms in this record itself; includes and redirects add their own when evaluated. */
    public int lookupTerms() {
        return (int) terms.stream().filter(Term::isLookup).count();
    }

    public boolean hasTerm(String text) {
        return terms.stream().anyMatch(t -> t.text().equalsIgnoreCase(text));
    }

    public String text() {
        StringBuilder text = new StringBuilder("v=spf1");
        for (Term term : terms) {
            text.append(' ').append(term.text());
        }
        return text.toString();
    }

    /**
     * The record as TXT character-strings of at most 255 bytes. Receivers join them without a separator
     * (RFC 7208 §3.3), so a split keeps the space at the end of the earlier string.
     */
    public List<String> characterStrings() {
        String text = text();
        List<String> strings = new ArrayList<>();
        int start = 0;
        while (text.length() - start > MAX_STRING_BYTES) {
            int end = start + MAX_STRING_BYTES;
            int space = text.lastIndexOf(' ', end - 1);
            if (space > start) {
                end = space + 1;
            }
            strings.add(text.substring(start, end));
            start = end;
        }
        strings.add(text.substring(start));
        return strings;
    }

    public int byteLength() {
        return text().getBytes(StandardCharsets.US_ASCII).length;
    }

    @Override
    public String toString() {
        return text();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SpfRecord r && r.text().equals(text());
    }

    @Override
    public int hashCode() {
        return text().hashCode();
    }
}
