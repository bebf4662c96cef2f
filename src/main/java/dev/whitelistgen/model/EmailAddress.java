package dev.whitelistgen.model;

import java.util.regex.Pattern;

/**
 * A mailbox address. The local part is held to a conservative dot-atom (letters, digits, '.', '_', '+', '-'),
 * narrower than RFC 5322 allows, because the address lands in shell, PowerShell and map files where
 * characters such as '|' or '$' would need escaping that not every target language offers.
 */
public record EmailAddress(String localPart, DomainName domain) implements Comparable<EmailAddress> {

    private static final Pattern LOCAL_PART = Pattern.compile("[A-Za-z0-9_+-]+(\\.[A-Za-z0-9_+-]+)*");

    public static EmailAddress parse(String text) {
        if (text == null || text.isEmpty()) {
            throw new IllegalArgumentException("is empty; expected an e-mail address");
        }
        int at = text.lastIndexOf('@');
        if (at <= 0 || at == text.length() - 1) {
            throw new IllegalArgumentException("'" + DomainName.printable(text) + "' is not an e-mail address (local@domain)");
        }
        String local = text.substring(0, at);
        if (local.length() > 64 || !LOCAL_PART.matcher(local).matches()) {
            throw new IllegalArgumentException("'" + DomainName.printable(text)
                    + "' has an unsupported local part (letters, digits, '.', '_', '+', '-'; at most 64)");
        }
        DomainName domain;
        try {
            domain = DomainName.parse(text.substring(at + 1));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + DomainName.printable(text) + "' has a bad domain: " + e.getMessage());
        }
        return new EmailAddress(local, domain);
    }

    @Override
    public int compareTo(EmailAddress other) {
        int byDomain = domain.compareTo(other.domain);
        return byDomain != 0 ? byDomain : localPart.compareTo(other.localPart);
    }

    @Override
    public String toString() {
        return localPart + "@" + domain;
    }
}
