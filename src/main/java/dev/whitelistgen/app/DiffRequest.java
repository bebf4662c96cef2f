package dev.whitelistgen.app;

import dev.whitelistgen.Input;
import dev.whitelistgen.UserError;
import dev.whitelistgen.model.Profile;
import dev.whitelistgen.render.TargetSelection;
import dev.whitelistgen.request.Customer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * `whitelist-gen diff` and the page's "Compare versions": two profiles, labelled as given (a version or a file),
 * the targets to compare and at most one server, checked.
 */
public record DiffRequest(Profile from, String fromLabel, Profile to, String toLabel, Optional<String> serverId,
                          TargetSelection targets, Customer customer, boolean existingSpfFromDns, String dnsServer) {

    /** As a flag or form field gives each value; {@code to} null for the current version. */
    public record Fields(String from, String to, List<String> targets, ServerChoice server, CustomerFields customer) { }

    public static DiffRequest of(Fields fields, Sources sources) {
        if (fields.from() == null) {
            throw new UserError(UserError.Kind.USAGE, Input.FROM, "choose the older version; known versions: " + sources.versions());
        }
        Profile from = sources.profile(fields.from(), Input.FROM);
        Profile to = sources.profile(fields.to(), Input.TO);
        Problems problems = new Problems();
        Optional<String> serverId = problems.attempt(() -> fields.server().idIn(List.of(to, from)));
        Customer customer = fields.customer().check(problems, from, to);
        List<String> named = GenerateRequest.nonBlank(fields.targets()).stream().filter(t -> !t.strip().equalsIgnoreCase("all")).toList();
        TargetSelection targets = problems.attempt(() -> TargetSelection.of(sources.targets(), named, !fields.customer().domains().isEmpty()));
        if (targets != null && customer != null) {
            GenerateRequest.checkOffered(targets, customer, problems);
        }
        problems.throwIfAny();
        return new DiffRequest(from, fields.from(), to, fields.to() == null ? to.version() : fields.to(), serverId, targets, customer,
                fields.customer().existingSpfFromDns(), fields.customer().dnsServer());
    }

    public DiffRequest withCustomer(Customer resolved) {
        return new DiffRequest(from, fromLabel, to, toLabel, serverId, targets, resolved, existingSpfFromDns, dnsServer);
    }

    /** The command that shows the same diff (the page shows it). */
    public List<String> args() {
        List<String> words = new ArrayList<>(List.of("whitelist-gen", "diff", Input.FROM.flag(), fromLabel, Input.TO.flag(), toLabel));
        if (targets.named()) {
            targets.included().forEach(t -> words.addAll(List.of(Input.TARGET.flag(), t.name())));
        }
        serverId.ifPresent(id -> words.addAll(List.of(Input.SERVER.flag(), id)));
        words.addAll(customer.args(true));
        return words;
    }
}
