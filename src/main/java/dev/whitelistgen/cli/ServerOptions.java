package dev.whitelistgen.cli;

import dev.whitelistgen.model.Profile;
import dev.whitelistgen.model.Server;
import dev.whitelistgen.request.ServerChoice;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Option;

/** How a command is told the Netigate server: by id or alias, or by the address support sees in a ticket. */
final class ServerOptions {

    @Option(names = {"-s", "--server"}, paramLabel = "SERVER",
            description = "Netigate server: azure, dach, or an alias (sweden, se, netigate.se, germany, de, ntgt.de);"
                    + " generate and diff also take 'all'.")
    String server;

    @Option(names = "--server-from-url", paramLabel = "URL",
            description = "Pick the server from the address the customer's browser shows when logged in to Netigate"
                    + " (a host under netigate.se means azure, under ntgt.de dach).")
    String serverFromUrl;

    /** The choice these flags make; resolving it lives in request.ServerChoice, which the web page uses too. */
    ServerChoice choice() {
        return new ServerChoice(server, serverFromUrl);
    }

    List<Server> servers(Profile profile) {
        return choice().servers(profile);
    }

    Server single(Profile profile) {
        return choice().single(profile);
    }

    Optional<String> idIn(List<Profile> profiles) {
        return choice().idIn(profiles);
    }

    static String names(Profile profile, boolean withAll) {
        return ServerChoice.names(profile, withAll);
    }
}
