package dev.whitelistgen.app;

import dev.whitelistgen.Input;
import dev.whitelistgen.UserError;
import dev.whitelistgen.model.LoginUrl;
import dev.whitelistgen.model.Profile;
import dev.whitelistgen.model.Server;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Which Netigate server a request is for: by id or alias ({@code --server}), or by the address the customer's browser
 * shows ({@code --server-from-url}). The CLI and the web page both resolve it here, so they give the same messages.
 */
public record ServerChoice(String server, String serverFromUrl) {

    /** The servers for generate: one, several comma-separated (as targets are; in the profile's order), or 'all'. */
    public List<Server> servers(Profile profile) {
        if (server != null && server.contains(",")) {
            Set<Server> chosen = new HashSet<>();
            for (String one : server.split(",")) {
                if (!one.isBlank()) {
                    chosen.addAll(new ServerChoice(one.strip(), serverFromUrl).servers(profile));
                }
            }
            return profile.servers().stream().filter(chosen::contains).toList();
        }
        Optional<String> chosen = chosen(profile, true);
        if (chosen.isEmpty()) {
            throw required(profile, true);
        }
        return chosen.get().equals("all") ? profile.servers() : List.of(profile.server(chosen.get()).orElseThrow());
    }

    /** Exactly one server, for what is made for one customer. */
    public Server single(Profile profile) {
        if (server != null && server.contains(",")) {
            throw new UserError(UserError.Kind.USAGE, Input.SERVER, "give one server (this is made for one customer), not a list;"
                    + " valid servers: " + names(profile, false));
        }
        Optional<String> chosen = chosen(profile, false);
        if (chosen.isEmpty()) {
            throw required(profile, false);
        }
        return profile.server(chosen.get()).orElseThrow();
    }

    /**
     * The id of the chosen server, known in at least one of the profiles (a server may be new or gone between
     * versions), or empty when none or 'all' was chosen.
     */
    public Optional<String> idIn(List<Profile> profiles) {
        List<UserError.Problem> unknown = new ArrayList<>();
        for (Profile profile : profiles) {
            try {
                return chosen(profile, true).filter(id -> !id.equals("all")).map(id -> profile.server(id).orElseThrow().id());
            } catch (UserError e) {
                unknown.addAll(e.problems());
            }
        }
        throw new UserError(UserError.Kind.USAGE, unknown.get(unknown.size() - 1));
    }

    /** A valid server id or alias of the profile, "all" (when allowed), or empty when neither flag is given. */
    private Optional<String> chosen(Profile profile, boolean allowAll) {
        if (server != null && serverFromUrl != null) {
            throw new UserError(UserError.Kind.USAGE, new UserError.Problem(Input.SERVER,
                    Input.SERVER.flag() + " and " + Input.SERVER_FROM_URL.flag() + ": give one of them, not both"));
        }
        if (serverFromUrl != null) {
            try {
                return Optional.of(LoginUrl.server(profile, serverFromUrl).id());
            } catch (IllegalArgumentException e) {
                throw new UserError(UserError.Kind.USAGE, Input.SERVER_FROM_URL, e.getMessage());
            }
        }
        if (server == null) {
            return Optional.empty();
        }
        if (server.equalsIgnoreCase("all")) {
            if (!allowAll) {
                throw new UserError(UserError.Kind.USAGE, Input.SERVER, "give one server (this is made for one customer); valid servers: "
                        + names(profile, false));
            }
            return Optional.of("all");
        }
        if (profile.server(server).isEmpty()) {
            throw new UserError(UserError.Kind.USAGE, Input.SERVER, "unknown server '" + server + "'; valid servers: " + names(profile, allowAll));
        }
        return Optional.of(server);
    }

    private static UserError required(Profile profile, boolean withAll) {
        return new UserError(UserError.Kind.USAGE, new UserError.Problem(Input.SERVER, Input.SERVER.flag() + " (or "
                + Input.SERVER_FROM_URL.flag() + ") is required; valid servers: " + names(profile, withAll)));
    }

    public static String names(Profile profile, boolean withAll) {
        List<String> names = new ArrayList<>();
        for (Server s : profile.servers()) {
            names.add(s.id() + (s.aliases().isEmpty() ? "" : " (" + String.join(", ", s.aliases()) + ")"));
        }
        if (withAll) {
            names.add("all");
        }
        return String.join(", ", names);
    }
}
