package dev.whitelistgen.cli;

import dev.whitelistgen.model.Flag;
import java.util.Set;
import picocli.CommandLine.Option;


/** --behind GATEWAY, one definition for generate and bundle (issue 29); the application layer checks the value. */
final class BehindOption {

    @Option(names = "--behind", paramLabel = "GATEWAY", completionCandidates = Candidates.Gateways.class,
            description = "The customer's mail passes this filtering gateway first (${COMPLETION-CANDIDATES}): targets that"
                    + " offer it write the mailbox part behind the gateway; a bundle then holds the gateway's part and the"
                    + " mailbox systems' parts.")
    String gateway;

    /** Adds Flag.BEHIND when given; the gateway itself goes with the customer's fields. */
    void addTo(Set<Flag> flags) {
        if (gateway != null) {
            flags.add(Flag.BEHIND);
        }
    }
}
