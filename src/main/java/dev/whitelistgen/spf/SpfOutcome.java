package dev.whitelistgen.spf;

import java.util.Locale;

/** The results of check_host() (RFC 7208 §2.6). */
public enum SpfOutcome {
    PASS, FAIL, SOFTFAIL, NEUTRAL, NONE, PERMERROR, TEMPERROR;

    static SpfOutcome ofQualifier(char qualifier) {
        return switch (qualifier) {
            case '-' -> FAIL;
            case '~' -> SOFTFAIL;
            case '?' -> NEUTRAL;
            default -> PASS;
        };
    }

    /** As RFC 7208 and the OpenSPF suite write it: "pass", "permerror". */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
