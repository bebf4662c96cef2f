package dev.whitelistgen.spf;

import dev.whitelistgen.model.IpNetwork;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
    private static final Pattern CIDR_SUFFIX = Pattern.compile("(.*?)((?:/\\d+)?(?://\\d+)?)");
    private static final Pattern CIDR4 = Pattern.compile("0|[1-9]\\d?");
    private static final Pattern CIDR6 = Pattern.compile("0|[1-9]\\d{0,2}");

    /**
     * One mechanism ("-all", "include:x", "a:x/24//64") or modifier ("redirect=x"), as written. For a, mx, ptr,
     * include and exists, {@code domainSpec} is the (unexpanded) target or "" for the current domain; for a and
     * mx, {@code cidr4}/{@code cidr6} are the prefix lengths (32/128 when not given).
     */
    public record Term(String text, char qualifier, String name, String value, boolean modifier,
                       String domainSpec, int cidr4, int cidr6) {

        public boolean isLookup() {
            return LOOKUP_TERMS.contains(name);
        }

        public boolean isAll() {
            return !modifier && name.equals("all");
        }

        /** The network of an ip4/ip6 mechanism; SPF ignores host bits, so they are cleared here. */
        public IpNetwork network() {
            int slash = value.indexOf('/');
            byte[] address = IpAddresses.parse(slash < 0 ? value : value.substring(0, slash));
            int prefix = slash < 0 ? address.length * 8 : Integer.parseInt(value.substring(slash + 1));
            return IpNetwork.of(address, prefix);
        }
    }

    /** A whole tree's cost as counted through DNS (RFC 7208 §4.6.4): DNS-querying terms and void lookups. */
    public record TreeCount(int lookups, int voidLookups) { }

    private final List<Term> terms;
    // What DNS showed of this record when it was looked up (--existing-spf-from-dns), else empty: its
    // character-strings as published (an nsupdate delete must name them exactly), and the whole-tree counts of
    // the records merged from it, by merged text (SpfMerger.countTrees).
    private final List<String> publishedStrings;
    private final Map<String, TreeCount> mergedTreeCounts;

    private SpfRecord(List<Term> terms) {
        this(terms, List.of(), Map.of());
    }

    private SpfRecord(List<Term> terms, List<String> publishedStrings, Map<String, TreeCount> mergedTreeCounts) {
        this.terms = List.copyOf(terms);
        this.publishedStrings = List.copyOf(publishedStrings);
        this.mergedTreeCounts = Map.copyOf(mergedTreeCounts);
    }

    /** This record as DNS published it: its character-strings, exactly (their join is this record). */
    public SpfRecord withPublishedStrings(List<String> strings) {
        return new SpfRecord(terms, strings, mergedTreeCounts);
    }

    /** The character-strings as published, when this record was looked up in DNS; else empty. */
    public List<String> publishedStrings() {
        return publishedStrings;
    }

    /** This record, remembering the whole-tree count of a record merged from it. */
    public SpfRecord withMergedTreeCount(SpfRecord merged, TreeCount count) {
        Map<String, TreeCount> counts = new java.util.HashMap<>(mergedTreeCounts);
        counts.put(merged.text(), count);
        return new SpfRecord(terms, publishedStrings, counts);
    }

    /** The whole-tree count of {@code merged}, when it was counted through DNS. */
    public Optional<TreeCount> mergedTreeCount(SpfRecord merged) {
        return Optional.ofNullable(mergedTreeCounts.get(merged.text()));
    }

    public static SpfRecord of(List<Term> terms) {
        return new SpfRecord(terms);
    }

    /** Whether a TXT record is an SPF record: "v=spf1" (any case) alone or followed by a space (RFC 7208 §4.5). */
    public static boolean isSpf(String txt) {
        return txt.regionMatches(true, 0, "v=spf1", 0, 6) && (txt.length() == 6 || txt.charAt(6) == ' ');
    }

    /**
     * Parses a record as published (one string, the TXT record's strings already joined), checking the whole
     * syntax of RFC 7208 §4.6 and §7.1: a record with an error anywhere is a permanent error.
     * @throws IllegalArgumentException naming the offending term
     */
    public static SpfRecord parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("is empty");
        }
        // RFC 7208 §4.6.1 allows trailing spaces only; any other whitespace is a control character and an error.
        String record = text.replaceAll("^ +| +$", "");
        if (record.length() >= 2 && record.startsWith("\"") && record.endsWith("\"")) {
            throw new IllegalArgumentException("give the record without surrounding quotes");
        }
        for (char c : record.toCharArray()) {
            if (c < 0x20 || c > 0x7e) {
                throw new IllegalArgumentException("holds a control or non-ASCII character; SPF records are ASCII"
                        + " and terms are separated by spaces only");
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

    // RFC 7208 §7.1 allows any visible character in a domain-spec, and parse() accepts them all (check spf must
    // judge real records as receivers do). Real records use letters, digits and the macro syntax only, so a
    // record this tool writes out is held to that: quotes, '$', '`', ';', '(' and the like could carry a
    // payload into a zone file, shell or PowerShell script, whatever the escaping there.
    private static final Pattern OUTPUT_SAFE_TERM = Pattern.compile("[A-Za-z0-9._%{}+=,:/~?-]*");

    /**
     * A record that will be written into an output (merged by the bind target): parsed as {@link #parse}, and
     * refused when a term holds a character no real record needs.
     */
    public static SpfRecord parseForOutput(String text) {
        SpfRecord record = parse(text);
        for (Term term : record.terms()) {
            if (!OUTPUT_SAFE_TERM.matcher(term.text()).matches()) {
                throw new IllegalArgumentException("term '" + term.text() + "' holds a character that no real SPF record needs"
                        + " (letters, digits and . _ % { } + = , : / ~ ? - only); refused so it cannot reach an output");
            }
        }
        return record;
    }

    static Term parseTerm(String text) {
        int equals = text.indexOf('=');
        int colon = text.indexOf(':');
        int slash = text.indexOf('/');
        boolean modifier = equals > 0 && (colon < 0 || equals < colon) && (slash < 0 || equals < slash);
        if (modifier) {
            return parseModifier(text, equals);
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
        String domainSpec = "";
        int cidr4 = 32;
        int cidr6 = 128;
        try {
            switch (name) {
                case "all" -> require(argument.isEmpty(), "takes no argument");
                case "include", "exists" -> {
                    require(argument.startsWith(":"), "needs ':' and a domain");
                    domainSpec = checkedDomainSpec(value);
                }
                case "ptr" -> {
                    require(argument.isEmpty() || argument.startsWith(":"), "takes only ':' and a domain");
                    domainSpec = argument.isEmpty() ? "" : checkedDomainSpec(value);
                }
                case "a", "mx" -> {
                    var parts = CIDR_SUFFIX.matcher(argument);
                    parts.matches();
                    String domainPart = parts.group(1);
                    String cidr = parts.group(2);
                    require(domainPart.isEmpty() || domainPart.startsWith(":"), "has an invalid CIDR length");
                    domainSpec = domainPart.isEmpty() ? "" : checkedDomainSpec(domainPart.substring(1));
                    int doubleSlash = cidr.indexOf("//");
                    String four = doubleSlash < 0 ? cidr : cidr.substring(0, doubleSlash);
                    String six = doubleSlash < 0 ? "" : cidr.substring(doubleSlash + 2);
                    if (!four.isEmpty()) {
                        cidr4 = prefix(four.substring(1), CIDR4, 32);
                    }
                    if (!six.isEmpty()) {
                        cidr6 = prefix(six, CIDR6, 128);
                    }
                }
                case "ip4", "ip6" -> {
                    require(argument.startsWith(":"), "needs ':' and an address");
                    checkIp(name, value);
                }
                default -> throw new IllegalStateException(name);
            }
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("term '" + text + "' is not a valid " + name + " mechanism: " + e.getMessage());
        }
        return new Term(text, qualifier, name, value, false, domainSpec, cidr4, cidr6);
    }

    private static Term parseModifier(String text, int equals) {
        String name = text.substring(0, equals).toLowerCase(Locale.ROOT);
        String value = text.substring(equals + 1);
        if (!MODIFIER_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("term '" + text + "' is not a valid modifier (a name starts with a letter)");
        }
        try {
            if (name.equals("redirect") || name.equals("exp")) {
                checkedDomainSpec(value);
            } else {
                Macros.check(value, false);
            }
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("term '" + text + "' is not a valid " + name + "= modifier: " + e.getMessage());
        }
        return new Term(text, '+', name, value, true, "", 32, 128);
    }

    private static String checkedDomainSpec(String spec) {
        Macros.check(spec, false);
        Macros.checkDomainSpec(spec);
        return spec;
    }

    private static int prefix(String digits, Pattern form, int max) {
        if (!form.matcher(digits).matches() || Integer.parseInt(digits) > max) {
            throw new IllegalArgumentException("'/" + digits + "' is not a prefix length from 0 to " + max);
        }
        return Integer.parseInt(digits);
    }

    private static void checkIp(String name, String value) {
        int slash = value.indexOf('/');
        String address = slash < 0 ? value : value.substring(0, slash);
        byte[] parsed = name.equals("ip4") ? IpAddresses.parseIpv4(address) : IpAddresses.parseIpv6(address);
        if (slash >= 0) {
            prefix(value.substring(slash + 1), name.equals("ip4") ? CIDR4 : CIDR6, parsed.length * 8);
        }
    }

    private static void require(boolean condition, String problem) {
        if (!condition) {
            throw new IllegalArgumentException(problem);
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
