package dev.whitelistgen.model;

import java.net.IDN;
import java.util.Locale;
import java.util.regex.Pattern;

/** A DNS domain name in its ASCII (A-label) form, lower case, without a trailing dot. */
public record DomainName(String name) implements Comparable<DomainName> {

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
        }
        if (!TOP_LEVEL.matcher(labels[labels.length - 1]).matches()) {
            throw new IllegalArgumentException("'" + text + "' does not end in a valid top-level domain");
        }
        return new DomainName(lower);
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
