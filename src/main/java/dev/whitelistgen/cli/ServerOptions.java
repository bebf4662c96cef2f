package dev.whitelistgen.cli;

import dev.whitelistgen.UserError;
import dev.whitelistgen.model.Profile;
import dev.whitelistgen.model.Server;
import dev.whitelistgen.request.ServerChoice;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
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

    /** The choice these flags make; resolving it lives in request.ServerChoice, which the web page uses too. */
    ServerChoice choice() {
        return new ServerChoice(server, serverFromUrl);
    }

    /** One server, 'all', or several comma-separated as -t takes targets (in the profile's order). */
    List<Server> servers(Profile profile) {
        if (server == null || !server.contains(",")) {
            return choice().servers(profile);
        }
        Set<Server> chosen = new HashSet<>();
        for (String one : server.split(",")) {
            if (!one.isBlank()) {
                chosen.addAll(new ServerChoice(one.strip(), serverFromUrl).servers(profile));
            }
        }
        return profile.servers().stream().filter(chosen::contains).toList();
    }

    Server single(Profile profile) {
        if (server != null && server.contains(",")) {
            throw new UserError(UserError.Kind.USAGE, "--server: give one server (this is made for one customer), not a list;"
                    + " valid servers: " + names(profile, false));
        }
        return choice().single(profile);
    }

    Optional<String> idIn(List<Profile> profiles) {
        return choice().idIn(profiles);
    }

    static String names(Profile profile, boolean withAll) {
        return ServerChoice.names(profile, withAll);
    }
}
