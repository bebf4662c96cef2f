package dev.whitelistgen.model;

import dev.whitelistgen.Input;
import java.util.Optional;

/**
 * An option the customer asks for that only some targets offer (target.yaml's {@code flags:}); templates see it by
 * {@link #id()} in their {@code flags} list.
 */
public enum Flag {
    IP_ALLOW_LIST("ip-allow-list", Input.IP_ALLOW_LIST),
    DKIM_SIGNED("dkim-signed", Input.DKIM_SIGNED),
    /** The customer's mail passes a filtering gateway first; the gateway is the request's {@code Customer.gateway}. */
    BEHIND("behind", Input.BEHIND);

    /** The gateways --behind names (issue 29); "other" for one that is not (yet) a target of its own. */
    public static final java.util.List<String> GATEWAYS = java.util.List.of("hornetsecurity", "mimecast", "proofpoint", "barracuda", "cisco", "other");

    private final String id;
    private final Input input;

    Flag(String id, Input input) {
        this.id = id;
        this.input = input;
    }

    /** The name in target.yaml and templates; the command-line flag is "--" and this. */
    public String id() {
        return id;
    }

    public Input input() {
        return input;
    }

    public static Optional<Flag> withId(String id) {
        for (Flag flag : values()) {
            if (flag.id.equals(id)) {
                return Optional.of(flag);
            }
        }
        return Optional.empty();
    }

    public static String ids() {
        return String.join(", ", java.util.Arrays.stream(values()).map(Flag::id).toList());
    }
}
