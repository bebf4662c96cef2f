package dev.whitelistgen.cli;

import dev.whitelistgen.app.ServerChoice;
import picocli.CommandLine.Option;

/** How a command is told the Netigate server: by id or alias, or by the address support sees in a ticket. */
final class ServerOptions {

    @Option(names = {"-s", "--server"}, paramLabel = "SERVER", completionCandidates = Candidates.Servers.class,
            description = "Netigate server, by id or alias: ${COMPLETION-CANDIDATES}; generate also takes several"
                    + " (comma-separated) or 'all', diff 'all'.")
    String server;

    @Option(names = "--server-from-url", paramLabel = "URL",
            description = "Pick the server from the address the customer's browser shows when logged in to Netigate"
                    + " (a host under netigate.se means azure, under ntgt.de dach).")
    String serverFromUrl;

    /** The choice these flags make; resolving it lives in app.ServerChoice, which the web page uses too. */
    ServerChoice choice() {
        return new ServerChoice(server, serverFromUrl);
    }
}
