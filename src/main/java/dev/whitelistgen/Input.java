package dev.whitelistgen;

import java.util.Optional;

/**
 * A value the user gives, known by its command-line flag and, where serve's page asks for it, its form field: a
 * problem names its input, so the CLI prints the flag and the page shows the message next to the field.
 */
public enum Input {
    PROFILE("--profile", "profile"),
    FROM("--from", "from"),
    TO("--to", "to"),
    TARGET("--target", "target"),
    SERVER("--server", "server"),
    SERVER_FROM_URL("--server-from-url", "server_url"),
    DOMAIN("--domain", "domains"),
    EXISTING_SPF("--existing-spf", "existing_spf"),
    EXISTING_SPF_FROM_DNS("--existing-spf-from-dns", null),
    DNS_SERVER("--dns-server", null),
    SPF_MODE("--spf-mode", "spf_mode"),
    IP_ALLOW_LIST("--ip-allow-list", "ip_allow_list"),
    DKIM_SIGNED("--dkim-signed", "dkim_signed"),
    BEHIND("--behind", "behind"),
    LANG("--lang", "lang"),
    OUTPUT("--output", null),
    PROFILES_DIR("--profiles-dir", null),
    TEMPLATES_DIR("--templates-dir", null),
    ALLOW_PREFIX("--allow-prefix", null),
    ALLOW_PREFIX6("--allow-prefix6", null);

    private final String flag;
    private final String field;

    Input(String flag, String field) {
        this.flag = flag;
        this.field = field;
    }

    public String flag() {
        return flag;
    }

    /** The page's form field; empty for what only the command line takes. */
    public Optional<String> field() {
        return Optional.ofNullable(field);
    }

    /** A problem with this input, printed as "--flag: detail". */
    public UserError.Problem problem(String detail) {
        return new UserError.Problem(this, flag + ": " + detail);
    }
}
