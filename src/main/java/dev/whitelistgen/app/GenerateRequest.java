package dev.whitelistgen.app;

import dev.whitelistgen.Input;
import dev.whitelistgen.UserError;
import dev.whitelistgen.model.Flag;
import dev.whitelistgen.model.Profile;
import dev.whitelistgen.model.Server;
import dev.whitelistgen.render.Target;
import dev.whitelistgen.render.TargetSelection;
import dev.whitelistgen.request.ChosenProfile;
import dev.whitelistgen.request.Customer;
import java.util.ArrayList;
import java.util.List;

/** `whitelist-gen --target …` and the page's "Show files": targets × servers for one profile, checked. */
public record GenerateRequest(ChosenProfile profile, ServerChoice serverChoice, List<Server> servers, TargetSelection targets,
                              Customer customer, boolean existingSpfFromDns, String dnsServer) {

    /** As a flag or form field gives each value; {@code targets} may hold 'all'. */
    public record Fields(String profile, List<String> targets, ServerChoice server, CustomerFields customer) { }

    public GenerateRequest {
        servers = List.copyOf(servers);
    }

    /** Every problem of the fields at once; the profile first, as every other check depends on it. */
    public static GenerateRequest of(Fields fields, Sources sources) {
        Profile profile = sources.profile(fields.profile(), Input.PROFILE);
        Problems problems = new Problems();
        if (nonBlank(fields.targets()).isEmpty()) {
            problems.add(UserError.Kind.USAGE, Input.TARGET.problem("choose a mail system; valid targets: "
                    + String.join(", ", sources.targets().names()) + ", all"));
        }
        List<Server> servers = problems.attempt(() -> fields.server().servers(profile));
        Customer customer = fields.customer().check(problems, profile);
        List<String> named = nonBlank(fields.targets());
        TargetSelection targets = named.isEmpty() ? null
                : problems.attempt(() -> TargetSelection.of(sources.targets(), named, !fields.customer().domains().isEmpty()));
        if (targets != null && customer != null) {
            checkOffered(targets, customer, problems);
        }
        problems.throwIfAny();
        return new GenerateRequest(ChosenProfile.asGiven(fields.profile(), profile).withEarlier(sources.profiles().earlierThan(profile)),
                fields.server(), servers, targets, customer,
                fields.customer().existingSpfFromDns(), fields.customer().dnsServer());
    }

    /**
     * What the named targets cannot take: none without a customer domain when it writes their records, and an option
     * only from a target that offers it (among several targets, each takes the options it offers).
     */
    static void checkOffered(TargetSelection targets, Customer customer, Problems problems) {
        for (Target target : targets.included()) {
            if (target.requiresDomain() && !customer.hasDomains()) {
                problems.add(UserError.Kind.USAGE, Input.DOMAIN.problem("target " + target.name()
                        + " writes records for the customer's domains; give at least one --domain"));
            }
            if (targets.included().size() > 1) {
                continue;
            }
            for (Flag flag : Flag.values()) {
                if (customer.has(flag) && !target.flags().contains(flag)) {
                    problems.add(UserError.Kind.USAGE, flag.input().problem("target " + target.name() + " has no such option"
                            + (target.flags().isEmpty() ? "" : " (it takes: " + String.join(", ",
                            target.flags().stream().map(f -> f.input().flag()).sorted().toList()) + ")")));
                }
            }
        }
    }

    static List<String> nonBlank(List<String> values) {
        return values.stream().filter(v -> !v.isBlank()).toList();
    }

    public GenerateRequest withCustomer(Customer resolved) {
        return new GenerateRequest(profile, serverChoice, servers, targets, resolved, existingSpfFromDns, dnsServer);
    }

    /** The command that does the same (the page shows it); each file's own Reproduce line is its RenderRequest's. */
    public List<String> args() {
        List<String> words = new ArrayList<>(List.of("whitelist-gen"));
        if (targets.named()) {
            targets.included().forEach(t -> words.addAll(List.of(Input.TARGET.flag(), t.name())));
        } else {
            words.addAll(List.of(Input.TARGET.flag(), "all"));
        }
        if (serverChoice.serverFromUrl() != null) {
            words.addAll(List.of(Input.SERVER_FROM_URL.flag(), serverChoice.serverFromUrl()));
        } else {
            words.addAll(List.of(Input.SERVER.flag(), servers.size() == 1 && !serverChoice.server().equalsIgnoreCase("all")
                    ? servers.get(0).id() : "all"));
        }
        words.addAll(List.of(Input.PROFILE.flag(), profile.argument()));
        words.addAll(customer.args(true));
        words.addAll(customer.flagArgs());
        return words;
    }
}
