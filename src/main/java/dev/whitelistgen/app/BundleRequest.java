package dev.whitelistgen.app;

import dev.whitelistgen.Input;
import dev.whitelistgen.UserError;
import dev.whitelistgen.bundle.Bundle;
import dev.whitelistgen.model.Flag;
import dev.whitelistgen.model.Profile;
import dev.whitelistgen.model.Server;
import dev.whitelistgen.render.Escapers;
import dev.whitelistgen.render.Target;
import dev.whitelistgen.render.TargetCatalog;
import dev.whitelistgen.render.TargetSelection;
import dev.whitelistgen.request.ChosenProfile;
import dev.whitelistgen.request.Customer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** `whitelist-gen bundle` and the page's "Download bundle": one server's zip for a support ticket, checked. */
public record BundleRequest(ChosenProfile profile, Server server, TargetSelection targets, Customer customer, String language,
                            boolean existingSpfFromDns, String dnsServer) implements Bundle.Request {

    /** The mailbox systems a gateway customer's bundle holds besides the gateway's part: those with a step behind a gateway. */
    public static final List<String> MAILBOX_TARGETS = List.of("m365", "google");

    /** As a flag or form field gives each value; {@code targets} may be empty or hold 'all' (every target). */
    public record Fields(String profile, List<String> targets, ServerChoice server, CustomerFields customer, String language) { }

    public static BundleRequest of(Fields fields, Sources sources) {
        Profile profile = sources.profile(fields.profile(), Input.PROFILE);
        Problems problems = new Problems();
        Customer customer = fields.customer().check(problems, profile);
        List<String> named = GenerateRequest.nonBlank(fields.targets()).stream().filter(t -> !t.strip().equalsIgnoreCase("all")).toList();
        boolean everyTarget = named.size() < GenerateRequest.nonBlank(fields.targets()).size();
        boolean haveDomain = !fields.customer().domains().isEmpty();
        String gateway = customer == null ? "" : customer.gateway();
        TargetSelection targets = problems.attempt(() -> named.isEmpty() && !everyTarget && !gateway.isEmpty()
                ? behindGateway(sources.targets(), gateway, haveDomain)
                : TargetSelection.of(sources.targets(), named, haveDomain));
        Server server = problems.attempt(() -> fields.server().single(profile));
        for (Flag flag : Flag.values()) {
            if (flag != Flag.BEHIND && fields.customer().flags().contains(flag)) {
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
            GenerateRequest.checkOffered(targets, partOfAGatewayBundle(targets, gateway) ? customer.offeredBy(EnumSet.complementOf(
                    EnumSet.of(Flag.BEHIND))) : customer, problems);
            anotherGateway(targets, gateway).ifPresent(other -> problems.add(UserError.Kind.USAGE, Input.BEHIND.problem(
                    "the mail passes " + gateway + " first, but --target names " + other + ", another gateway; a bundle is for"
                            + " the one gateway in front of the mailboxes: name " + other + " with --behind, or leave it out")));
        }
        problems.throwIfAny();
        return new BundleRequest(ChosenProfile.asGiven(fields.profile(), profile).withEarlier(sources.profiles().earlierThan(profile)),
                server, targets, customer, language,
                fields.customer().existingSpfFromDns(), fields.customer().dnsServer());
    }

    /**
     * What `bundle --behind GATEWAY` holds without --target: the gateway's own target (for one without a target, json:
     * the values to enter in its console), the mailbox systems behind it (m365 rendered with --behind, google's
     * inbound gateway step) and, with --domain, bind for the customer's SPF record. Targets needing --domain are left
     * out without one, as the bundle of every target does.
     */
    static TargetSelection behindGateway(TargetCatalog catalog, String gateway, boolean haveDomain) {
        List<String> names = new ArrayList<>();
        names.add(catalog.names().contains(gateway) ? gateway : "json");
        names.addAll(MAILBOX_TARGETS);
        names.add("bind");
        List<Target> chosen = names.stream().filter(catalog.names()::contains).map(catalog::get)
                .sorted(Comparator.comparing(Target::name)).toList();
        return new TargetSelection(chosen.stream().filter(t -> haveDomain || !t.requiresDomain()).toList(),
                chosen.stream().filter(t -> !haveDomain && t.requiresDomain()).toList(), false);
    }

    /**
     * Whether every target belongs in a bundle for a customer behind the gateway: one that renders its part behind it
     * (m365), a gateway's own part (another gateway than --behind's is refused on its own), google's inbound gateway
     * step, or json's values for a gateway without a target. Only m365 renders differently with --behind, so the others
     * take it without a "has no such option" refusal here, unlike when generating.
     */
    private static boolean partOfAGatewayBundle(TargetSelection targets, String gateway) {
        return !gateway.isEmpty() && targets.included().stream().allMatch(t -> t.flags().contains(Flag.BEHIND)
                || Flag.GATEWAYS.contains(t.name()) || MAILBOX_TARGETS.contains(t.name()) || (gateway.equals("other") && t.name().equals("json")));
    }

    /** A gateway's target among the named ones that is not the gateway --behind names: two gateways in one bundle contradict. */
    private static Optional<String> anotherGateway(TargetSelection targets, String gateway) {
        if (gateway.isEmpty() || !targets.named()) {
            return Optional.empty();
        }
        return targets.included().stream().map(Target::name).filter(name -> Flag.GATEWAYS.contains(name) && !name.equals(gateway)).findFirst();
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
        words.addAll(customer.args(true));
        words.addAll(customer.flagArgs());
        return words;
    }

    @Override
    public String commandLine() {
        return Escapers.commandLine(args());
    }
}
