package dev.whitelistgen.app;

import dev.whitelistgen.Input;
import dev.whitelistgen.UserError;
import dev.whitelistgen.bundle.Bundle;
import dev.whitelistgen.model.Flag;
import dev.whitelistgen.model.Profile;
import dev.whitelistgen.model.Server;
import dev.whitelistgen.render.Escapers;
import dev.whitelistgen.render.TargetSelection;
import dev.whitelistgen.request.ChosenProfile;
import dev.whitelistgen.request.Customer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** `whitelist-gen bundle` and the page's "Download bundle": one server's zip for a support ticket, checked. */
public record BundleRequest(ChosenProfile profile, Server server, TargetSelection targets, Customer customer, String language,
                            boolean existingSpfFromDns, String dnsServer) implements Bundle.Request {

    /** As a flag or form field gives each value; {@code targets} may be empty or hold 'all' (every target). */
    public record Fields(String profile, List<String> targets, ServerChoice server, CustomerFields customer, String language) { }

    public static BundleRequest of(Fields fields, Sources sources) {
        Profile profile = sources.profile(fields.profile(), Input.PROFILE);
        Problems problems = new Problems();
        Customer customer = fields.customer().check(problems, profile);
        List<String> named = GenerateRequest.nonBlank(fields.targets()).stream().filter(t -> !t.strip().equalsIgnoreCase("all")).toList();
        TargetSelection targets = problems.attempt(() -> TargetSelection.of(sources.targets(), named, !fields.customer().domains().isEmpty()));
        Server server = problems.attempt(() -> fields.server().single(profile));
        for (Flag flag : Flag.values()) {
            if (fields.customer().flags().contains(flag)) {
                // `whitelist-gen bundle` has no such flag: a bundle made with it could not be the CLI's
                problems.add(UserError.Kind.USAGE, flag.input().problem("whitelist-gen bundle has no such option;"
                        + " untick it to download the bundle, or download the files one by one"));
            }
        }
        String language = (fields.language() == null ? "en" : fields.language()).toLowerCase(Locale.ROOT);
        if (!sources.texts().languages().contains(language)) {
            problems.add(UserError.Kind.USAGE, Input.LANG.problem("no texts for '" + language + "'; languages: "
                    + String.join(", ", sources.texts().languages())));
        }
        if (targets != null && customer != null) {
            if (targets.included().isEmpty()) {
                problems.add(new UserError(UserError.Kind.USAGE, "nothing to bundle: every target needs --domain"));
            }
            GenerateRequest.checkOffered(targets, customer, problems);
        }
        problems.throwIfAny();
        return new BundleRequest(ChosenProfile.asGiven(fields.profile(), profile).withEarlier(sources.profiles().earlierThan(profile)),
                server, targets, customer, language,
                fields.customer().existingSpfFromDns(), fields.customer().dnsServer());
    }

    public BundleRequest withCustomer(Customer resolved) {
        return new BundleRequest(profile, server, targets, resolved, language, existingSpfFromDns, dnsServer);
    }

    /** The command that makes the same bundle again (without --output), for its README. */
    public List<String> args() {
        List<String> words = new ArrayList<>(List.of("whitelist-gen", "bundle", Input.SERVER.flag(), server.id(),
                Input.PROFILE.flag(), profile.argument(), Input.LANG.flag(), language));
        if (targets.named()) {
            targets.included().forEach(t -> words.addAll(List.of(Input.TARGET.flag(), t.name())));
        }
        GenerateRequest.addCustomer(words, customer);
        return words;
    }

    @Override
    public String commandLine() {
        return Escapers.commandLine(args());
    }
}
