package dev.whitelistgen.model;

import java.net.IDN;
import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/** A DNS domain name in its ASCII (A-label) form, lower case, without a trailing dot. */
public record DomainName(String name) implements Comparable<DomainName> {

    // Written out rather than a record's generated ones: those are bootstrapped on first use (java.lang.runtime.
    // ObjectMethods), which spins about 20 method-handle classes at run time that the class-data sharing archive
    // cannot hold, about 7 ms of every call (-Xlog:class+load). A domain name's equality is its name's.
    @Override
    public boolean equals(Object other) {
        return other instanceof DomainName domain && domain.name.equals(name);
    }

    @Override
    public int hashCode() {
        return name.hashCode();
    }


    private static final Pattern HOST_LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");
    // Service labels such as _spf in _spf.netigate.se are valid DNS names, but not host names.
    private static final Pattern SERVICE_LABEL = Pattern.compile("_[a-z0-9]([a-z0-9_-]{0,60}[a-z0-9])?");
    private static final Pattern TOP_LEVEL = Pattern.compile("[a-z]{2,63}|xn--[a-z0-9-]{1,59}");

    public DomainName {
        name = name.toLowerCase(Locale.ROOT);
    }

    /** A mail or web domain: letters, digits and hyphens only. */
    public static DomainName parse(String text) {
        return parse(text, false);
    }

    /** A DNS name that may hold service labels starting with '_' (SPF include targets). */
    public static DomainName parseDnsName(String text) {
        return parse(text, true);
    }

    private static DomainName parse(String text, boolean allowServiceLabels) {
        if (text == null || text.isEmpty()) {
            throw new IllegalArgumentException("is empty; expected a domain name");
        }
        String name = text.endsWith(".") ? text.substring(0, text.length() - 1) : text;
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c > 0x7e) {
                throw new IllegalArgumentException("'" + text + "' is an internationalised name; write its ASCII form"
                        + asciiHint(name));
            }
            if (c < 0x21) {
                throw new IllegalArgumentException("'" + printable(text) + "' holds whitespace or a control character");
            }
        }
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.length() > 253) {
            throw new IllegalArgumentException("'" + abbreviate(text) + "' is longer than 253 characters");
        }
        String[] labels = lower.split("\\.", -1);
        if (labels.length < 2) {
            throw new IllegalArgumentException("'" + text + "' is not a fully qualified domain name (needs a dot)");
        }
        for (String label : labels) {
            if (label.isEmpty()) {
                throw new IllegalArgumentException("'" + text + "' has an empty label");
            }
            if (label.length() > 63) {
                throw new IllegalArgumentException("'" + abbreviate(text) + "' has a label longer than 63 characters");
            }
            boolean valid = HOST_LABEL.matcher(label).matches()
                    || (allowServiceLabels && SERVICE_LABEL.matcher(label).matches());
            if (!valid) {
                throw new IllegalArgumentException("'" + printable(text) + "' is not a valid domain name (label '"
                        + printable(label) + "': letters, digits and inner hyphens only)");
            }
            if (label.startsWith("xn--")) {
                checkALabel(text, label);
            }
        }
        if (!TOP_LEVEL.matcher(labels[labels.length - 1]).matches()) {
            throw new IllegalArgumentException("'" + text + "' does not end in a valid top-level domain");
        }
        return new DomainName(lower);
    }

    /**
     * An xn-- label must be an A-label (RFC 5890 §2.3.2.1): valid Punycode of an internationalised label that
     * encodes back to itself. java.net.IDN implements IDNA 2003 only; its toUnicode returns the label unchanged when
     * it is not such an encoding, which settles the Punycode and the round trip. The decoded label then gets the
     * IDNA 2008 checks (RFC 5891 §5.4, RFC 5892) that need no more than the JDK's Unicode data: not all ASCII, in
     * NFC, unchanged by case folding (no upper case), only letters, marks, digits and inner hyphens, no leading
     * mark, no "--" in the third and fourth place. Not checked: the contextual rules (CONTEXTJ/CONTEXTO) and the
     * bidi rule (RFC 5893), which need Unicode tables the JDK lacks. Stricter than IDNA 2008 where IDNA 2003 maps
     * a letter away (ß, final ς: xn--zca is refused) or does not know it (letters added after Unicode 3.2).
     */
    private static void checkALabel(String text, String label) {
        String unicode = IDN.toUnicode(label, IDN.USE_STD3_ASCII_RULES);
        String reason = null;
        if (unicode.equalsIgnoreCase(label) || unicode.chars().allMatch(c -> c < 0x80)) {
            reason = "is not valid Punycode for an internationalised name";
        } else if (!Normalizer.isNormalized(unicode, Normalizer.Form.NFC)
                || !Normalizer.normalize(unicode, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT).equals(unicode)) {
            reason = "decodes to '" + unicode + "', which IDNA 2008 does not allow (not in its normal, lower-case form)";
        } else if (!unicode.codePoints().allMatch(DomainName::idnaLetterOrDigit) || isMark(unicode.codePointAt(0))
                || unicode.startsWith("-") || unicode.endsWith("-") || unicode.length() > 3 && unicode.startsWith("--", 2)) {
            reason = "decodes to '" + unicode + "', which IDNA 2008 does not allow (only letters, marks, digits and inner hyphens)";
        }
        if (reason != null) {
            throw new IllegalArgumentException("'" + printable(text) + "' is not a valid domain name (label '" + label + "' "
                    + reason + "; RFC 5891)");
        }
    }

    private static boolean idnaLetterOrDigit(int codePoint) {
        int type = Character.getType(codePoint);
        return codePoint == '-' || type == Character.LOWERCASE_LETTER || type == Character.OTHER_LETTER
                || type == Character.MODIFIER_LETTER || type == Character.DECIMAL_DIGIT_NUMBER || isMark(codePoint);
    }

    private static boolean isMark(int codePoint) {
        int type = Character.getType(codePoint);
        return type == Character.NON_SPACING_MARK || type == Character.COMBINING_SPACING_MARK;
    }

    private static String asciiHint(String name) {
        try {
            return " (" + IDN.toASCII(name, IDN.USE_STD3_ASCII_RULES) + ")";
        } catch (IllegalArgumentException e) {
            return " (punycode)";
        }
    }

    static String printable(String text) {
        StringBuilder out = new StringBuilder();
        for (char c : abbreviate(text).toCharArray()) {
            if (c < 0x20 || c == 0x7f) {
                out.append(String.format("\\x%02x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static String abbreviate(String text) {
        return text.length() <= 80 ? text : text.substring(0, 60) + "…";
    }

    public boolean isSubdomainOf(DomainName parent) {
        return name.equals(parent.name) || name.endsWith("." + parent.name);
    }

    @Override
    public int compareTo(DomainName other) {
        return name.compareTo(other.name);
    }

    @Override
    public String toString() {
        return name;
    }
}
