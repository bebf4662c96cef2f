package dev.whitelistgen.app;

import dev.whitelistgen.UserError;
import dev.whitelistgen.bundle.BundleTexts;
import dev.whitelistgen.model.DomainName;
import dev.whitelistgen.model.Flag;
import dev.whitelistgen.model.Profile;
import dev.whitelistgen.model.Server;
import dev.whitelistgen.model.SpfMode;
import dev.whitelistgen.render.Generator;
import dev.whitelistgen.render.RenderedFile;
import dev.whitelistgen.render.Target;
import dev.whitelistgen.render.TemplateRenderer;
import dev.whitelistgen.request.ChosenProfile;
import dev.whitelistgen.request.Customer;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What `validate templates/NAME` checks of one target folder beyond its target.yaml: its bundle texts in every
 * language, and that it renders for every profile version, server and declared option (each alone and all
 * together), with and without a customer domain (only with, where it needs one), in every language.
 */
public final class TargetCheck {

    /** A domain of the reserved .example TLD (RFC 2606): a customer's, for renderings that need one. */
    public static final String CUSTOMER_DOMAIN = "customer.example";

    /** One rendering: a profile version, a server, what the customer asked, the language of the target's prose. */
    public record Variant(Profile profile, Server server, Customer customer, String language) {
        @Override
        public String toString() {
            List<String> words = new ArrayList<>(List.of("profile " + profile.version(), "server " + server.id()));
            customer.domains().forEach(d -> words.add("--domain " + d));
            words.addAll(customer.flagArgs());
            words.add("language " + language);
            return String.join(", ", words);
        }
    }

    /** {@code refusals}: documented limits that refuse a variant (as generating would, exit 4), which is no fault. */
    public record Outcome(int rendered, List<String> refusals, List<String> problems) { }

    private TargetCheck() {
    }

    public static List<Variant> variants(Target target, List<Profile> profiles, List<String> languages) {
        List<List<DomainName>> domainSets = target.requiresDomain()
                ? List.of(List.of(DomainName.parse(CUSTOMER_DOMAIN)))
                : List.of(List.of(), List.of(DomainName.parse(CUSTOMER_DOMAIN)));
        List<Variant> variants = new ArrayList<>();
        for (Profile profile : profiles) {
            for (Server server : profile.servers()) {
                for (List<DomainName> domains : domainSets) {
                    for (Customer options : options(target, domains)) {
                        for (String language : languages) {
                            variants.add(new Variant(profile, server, options, language));
                        }
                    }
                }
            }
        }
        return variants;
    }

    /**
     * No option, each option alone (--behind with each gateway it names), and all together; --dkim-signed only
     * with a domain, as it says the customer's domains are signed.
     */
    private static List<Customer> options(Target target, List<DomainName> domains) {
        List<Customer> options = new ArrayList<>();
        options.add(new Customer(domains, Map.of(), SpfMode.AUTO, Set.of()));
        for (Flag flag : target.flags().stream().sorted().toList()) {
            for (String gateway : flag == Flag.BEHIND ? Flag.GATEWAYS : List.of("")) {
                options.add(new Customer(domains, Map.of(), SpfMode.AUTO, Set.of(flag), gateway));
            }
        }
        if (target.flags().size() > 1) {
            options.add(new Customer(domains, Map.of(), SpfMode.AUTO, EnumSet.copyOf(target.flags()), Flag.GATEWAYS.get(0)));
        }
        return options.stream().filter(o -> domains.size() > 0 || !o.has(Flag.DKIM_SIGNED)).toList();
    }

    /**
     * Every variant rendered; a broken template or missing text is a problem, a documented limit is not. Each
     * message is listed once, with the first variant that gave it (a broken template breaks most of them).
     */
    public static Outcome run(Target target, List<Profile> profiles, TemplateRenderer renderer, BundleTexts texts) {
        List<String> problems = new ArrayList<>(texts.problems(target, texts.languages()));
        Map<String, Variant> failures = new LinkedHashMap<>();
        Map<String, Variant> refusals = new LinkedHashMap<>();
        int rendered = 0;
        Generator generator = new Generator(renderer);
        for (Variant variant : variants(target, profiles, texts.languages())) {
            try {
                List<RenderedFile> files = generator.generate(List.of(target), ChosenProfile.byVersion(variant.profile()),
                        List.of(variant.server()), variant.customer(), variant.language());
                if (files.isEmpty()) {
                    failures.putIfAbsent("renders no file at all", variant);
                }
                rendered++;
            } catch (UserError e) {
                e.lines().forEach(line -> (e.kind() == UserError.Kind.REFUSED ? refusals : failures).putIfAbsent(line, variant));
            } catch (TemplateRenderer.RenderException e) {
                failures.putIfAbsent(e.getMessage(), variant);
            }
        }
        failures.forEach((message, variant) -> problems.add(message + " (" + variant + ")"));
        return new Outcome(rendered, refusals.entrySet().stream().map(e -> e.getKey() + " (" + e.getValue() + ")").toList(), problems);
    }
}
