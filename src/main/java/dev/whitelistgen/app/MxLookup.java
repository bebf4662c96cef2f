package dev.whitelistgen.app;

import dev.whitelistgen.Input;
import dev.whitelistgen.UserError;
import dev.whitelistgen.check.MxCheck;
import dev.whitelistgen.check.MxSystems;
import dev.whitelistgen.check.Report;
import dev.whitelistgen.dns.DnsResolver;
import dev.whitelistgen.model.DomainName;

/**
 * `whitelist-gen check mx` and serve's "Which mail system does the customer have?": the domain checked as --domain
 * is, then the MX lookup, so both give the same findings, targets and messages.
 */
public final class MxLookup {

    private static final MxSystems SYSTEMS = MxSystems.builtIn();

    private MxLookup() {
    }

    /** @param domain as typed; blank or malformed is the user's error on --domain */
    public static Report run(String domain, DnsResolver dns) {
        DomainName parsed;
        try {
            parsed = DomainName.parse(domain == null ? "" : domain.strip());
        } catch (IllegalArgumentException e) {
            throw new UserError(UserError.Kind.INVALID_INPUT, Input.DOMAIN, e.getMessage());
        }
        return new MxCheck(dns, SYSTEMS).run(parsed);
    }
}
