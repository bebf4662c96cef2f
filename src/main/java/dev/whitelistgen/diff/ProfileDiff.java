package dev.whitelistgen.diff;

import dev.whitelistgen.model.DomainName;
import dev.whitelistgen.model.Profile;
import dev.whitelistgen.model.Server;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/** What changed in Netigate's data between two profiles, per server: what ops reads first when IPs change. */
public record ProfileDiff(List<ServerChange> servers) {

    public enum Status { ADDED, REMOVED, CHANGED }

    /** One field of a server: the values it lost and gained (a changed single value is one of each). */
    public record FieldChange(String field, List<String> removed, List<String> added) { }

    public record ServerChange(String id, Status status, List<FieldChange> changes) { }

    public ProfileDiff {
        servers = List.copyOf(servers);
    }

    public boolean isEmpty() {
        return servers.isEmpty();
    }

    /** Servers by id in the order of the newer profile, then those only the older one has; only {@code onlyId} if given. */
    public static ProfileDiff between(Profile from, Profile to, Optional<String> onlyId) {
        Set<String> ids = new LinkedHashSet<>();
        to.servers().forEach(s -> ids.add(s.id()));
        from.servers().forEach(s -> ids.add(s.id()));
        List<ServerChange> changes = new ArrayList<>();
        for (String id : ids) {
            if (onlyId.isPresent() && !onlyId.get().equals(id)) {
                continue;
            }
            Optional<Server> before = byId(from, id);
            Optional<Server> after = byId(to, id);
            List<FieldChange> fields = fields(before, after);
            if (before.isEmpty() || after.isEmpty()) {
                changes.add(new ServerChange(id, before.isEmpty() ? Status.ADDED : Status.REMOVED, fields));
            } else if (!fields.isEmpty()) {
                changes.add(new ServerChange(id, Status.CHANGED, fields));
            }
        }
        return new ProfileDiff(changes);
    }

    private static Optional<Server> byId(Profile profile, String id) {
        return profile.servers().stream().filter(s -> s.id().equals(id)).findFirst();
    }

    private static List<FieldChange> fields(Optional<Server> before, Optional<Server> after) {
        List<FieldChange> fields = new ArrayList<>();
        compare(fields, "name", before, after, s -> List.of(s.name()));
        compare(fields, "aliases", before, after, Server::aliases);
        compare(fields, "spf_include", before, after, s -> s.spfInclude().map(DomainName::name).stream().toList());
        compare(fields, "networks", before, after, s -> strings(s.networks()));
        compare(fields, "mail_domains", before, after, s -> strings(s.mailDomains()));
        compare(fields, "sender_addresses", before, after, s -> strings(s.senderAddresses()));
        compare(fields, "web_domains", before, after, s -> strings(s.webDomains()));
        return fields;
    }

    private static void compare(List<FieldChange> fields, String field, Optional<Server> before, Optional<Server> after,
                                Function<Server, List<String>> values) {
        List<String> old = before.map(values).orElse(List.of());
        List<String> now = after.map(values).orElse(List.of());
        List<String> removed = old.stream().filter(v -> !now.contains(v)).toList();
        List<String> added = now.stream().filter(v -> !old.contains(v)).toList();
        if (!removed.isEmpty() || !added.isEmpty()) {
            fields.add(new FieldChange(field, removed, added));
        }
    }

    private static List<String> strings(List<?> values) {
        return values.stream().map(Object::toString).toList();
    }
}
