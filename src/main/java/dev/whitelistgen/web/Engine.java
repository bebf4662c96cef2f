package dev.whitelistgen.web;

import dev.whitelistgen.UserError;
import dev.whitelistgen.bundle.Bundle;
import dev.whitelistgen.bundle.BundleTexts;
import dev.whitelistgen.bundle.DeterministicZip;
import dev.whitelistgen.diff.DiffReport;
import dev.whitelistgen.diff.OutputDiff;
import dev.whitelistgen.diff.ProfileDiff;
import dev.whitelistgen.model.DomainName;
import dev.whitelistgen.model.Profile;
import dev.whitelistgen.model.Server;
import dev.whitelistgen.model.SpfMode;
import dev.whitelistgen.profile.ProfileCatalog;
import dev.whitelistgen.render.Escapers;
import dev.whitelistgen.render.Generator;
import dev.whitelistgen.render.RenderedFile;
import dev.whitelistgen.render.Target;
import dev.whitelistgen.render.TargetCatalog;
import dev.whitelistgen.render.TargetSelection;
import dev.whitelistgen.render.TemplateRenderer;
import dev.whitelistgen.request.CustomerInput;
import dev.whitelistgen.request.ServerChoice;
import dev.whitelistgen.spf.SpfRecord;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The page's use of the engine: the same catalogs, renderer, generator, bundle and diff code the CLI calls, with
 * the form's fields read as the CLI reads its flags (request.ServerChoice, request.CustomerInput). One instance
 * serves every request thread: the catalogs are read once at start and synchronized, FreeMarker's configuration
 * is thread-safe once set up, and everything else is built per request. Nothing is written to disk.
 */
final class Engine {

    /** Generate, download and bundle take these; the API may repeat domains and existing_spf. */
    static final Set<String> GENERATE_FIELDS = Set.of("server", "server_url", "target", "domains", "existing_spf",
            "ip_allow_list", "lang", "spf_mode", "profile");
    static final Set<String> VERSIONS_FIELDS = Set.of("from", "to", "target", "server", "domains");
    static final String ALL = "all";

    /** Words on the command line that need no quoting. */
    private static final Pattern PLAIN_WORD = Pattern.compile("[A-Za-z0-9._:/@,+=-]+");

    /** {@code leftOut}: targets that 'all' skipped for want of a customer domain, as the CLI says on standard error. */
    record Generated(String command, Profile profile, List<Server> servers, List<RenderedFile> files, List<String> leftOut) { }

    record Zip(String fileName, byte[] bytes) { }

    private final ProfileCatalog profiles;
    private final TargetCatalog targets;
    private final TemplateRenderer renderer;
    private final BundleTexts texts;

    Engine(ProfileCatalog profiles, TargetCatalog targets, TemplateRenderer renderer, BundleTexts texts) {
        this.profiles = profiles;
        this.targets = targets;
        this.renderer = renderer;
        this.texts = texts;
        // read every profile and target now: a broken one stops serve at start, not a customer's request
        profiles.current();
        targets.all();
    }

    ProfileCatalog profiles() {
        return profiles;
    }

    TargetCatalog targets() {
        return targets;
    }

    BundleTexts texts() {
        return texts;
    }

    Generated generate(Form form) {
        Problems problems = new Problems();
        Profile profile = profile(form.one("profile"), "--profile");
        String targetName = form.one("target");
        if (targetName == null) {
            problems.add(new UserError(UserError.Kind.USAGE, "--target: choose a mail system; valid targets: "
                    + String.join(", ", targets.names()) + ", all"));
        }
        ServerChoice server = serverChoice(form);
        List<Server> servers = problems.attempt(() -> server.servers(profile));
        CustomerInput customer = customer(form);
        List<DomainName> domains = problems.attempt(() -> customer.customerDomains(profile));
        Map<DomainName, SpfRecord> existing = domains == null ? null : problems.attempt(() -> customer.existingRecords(domains));
        SpfMode mode = problems.attempt(customer::spfMode);
        // as GenerateCommand: a target, or 'all', which leaves out the targets that need a domain when none is given
        TargetSelection selection = targetName == null || domains == null ? null
                : problems.attempt(() -> TargetSelection.of(targets, List.of(targetName), !domains.isEmpty()));
        problems.throwIfAny();
        List<Target> chosen = selection.included();
        Set<String> flags = new LinkedHashSet<>();
        if (form.checked("ip_allow_list")) {
            flags.add("ip-allow-list");
        }
        List<RenderedFile> files = problems.attempt(() ->
                new Generator(renderer).withHistory(profiles::earlierThan).generate(chosen, profile, servers, domains, existing, mode, flags));
        problems.throwIfAny();

        List<String> words = new ArrayList<>(List.of("whitelist-gen", "--target", targetName.toLowerCase(Locale.ROOT)));
        addServer(words, server);
        words.addAll(List.of("--profile", profile.version()));
        domains.forEach(d -> words.addAll(List.of("--domain", d.name())));
        customer.existingSpf().forEach(value -> words.addAll(List.of("--existing-spf", value)));
        if (mode != SpfMode.AUTO) {
            words.addAll(List.of("--spf-mode", mode.name().toLowerCase(Locale.ROOT)));
        }
        if (!flags.isEmpty()) {
            words.add("--ip-allow-list");
        }
        return new Generated(commandLine(words), profile, servers, files, selection.skipped().stream().map(Target::name).toList());
    }

    /** What `whitelist-gen bundle` writes with the same options, in the same order of checks as BundleCommand. */
    Zip bundle(Form form) {
        Problems problems = new Problems();
        Profile profile = profile(form.one("profile"), "--profile");
        CustomerInput customer = customer(form);
        List<DomainName> domains = problems.attempt(() -> customer.customerDomains(profile));
        List<String> named = form.all("target").stream().filter(t -> !t.isBlank() && !t.strip().equalsIgnoreCase(ALL)).toList();
        TargetSelection plan = problems.attempt(() -> TargetSelection.of(targets, named, domains != null && !domains.isEmpty()));
        Server server = problems.attempt(() -> serverChoice(form).single(profile));
        Map<DomainName, SpfRecord> existing = domains == null ? null : problems.attempt(() -> customer.existingRecords(domains));
        SpfMode mode = problems.attempt(customer::spfMode);
        if (form.checked("ip_allow_list")) {
            // `whitelist-gen bundle` has no --ip-allow-list: a bundle made with it could not be the CLI's
            problems.add(new UserError(UserError.Kind.USAGE, "--ip-allow-list: whitelist-gen bundle has no such option;"
                    + " untick it to download the bundle, or download the files one by one"));
        }
        problems.throwIfAny();
        String language = Optional.ofNullable(form.one("lang")).orElse("en").toLowerCase(Locale.ROOT);
        Bundle.Request request = new Bundle.Request(plan, profile, server, domains, existing, mode, language);
        List<RenderedFile> files = problems.attempt(() -> new Bundle(renderer, texts).withHistory(profiles::earlierThan).files(request));
        problems.throwIfAny();
        return new Zip("netigate-" + server.id() + "-" + language + ".zip", DeterministicZip.of(files));
    }

    /** `whitelist-gen diff --from F --to T [--target X]… [--server S] [--domain D]…`, as DiffCommand builds it. */
    DiffReport diff(Form form) {
        Problems problems = new Problems();
        String from = form.one("from");
        if (from == null) {
            problems.add(new UserError(UserError.Kind.USAGE, "--from: choose the older version; known versions: " + versions()));
            throw problems;
        }
        Profile before = profile(from, "--from");
        Profile after = profile(form.one("to"), "--to");
        String toLabel = after.version();
        String serverValue = form.one("server");
        ServerChoice server = new ServerChoice(serverValue, null);
        Optional<String> serverId = problems.attempt(() -> server.idIn(List.of(after, before)));
        CustomerInput customer = new CustomerInput(form.split("domains", "[\\s,]+"), List.of(), "auto");
        List<DomainName> domains = problems.attempt(() -> customer.customerDomains(before, after));
        List<String> named = form.all("target").stream().filter(t -> !t.isBlank() && !t.strip().equalsIgnoreCase(ALL)).toList();
        List<Target> chosen = problems.attempt(() -> TargetSelection.of(targets, named, domains != null && !domains.isEmpty()).included());
        problems.throwIfAny();
        Generator generator = new Generator(renderer).withHistory(profiles::earlierThan);
        Map<DomainName, SpfRecord> existing = Map.of();
        OutputDiff outputs = problems.attempt(() -> OutputDiff.between(
                OutputDiff.render(generator, chosen, before, from, serverId, domains, existing, SpfMode.AUTO),
                OutputDiff.render(generator, chosen, after, toLabel, serverId, domains, existing, SpfMode.AUTO), from, toLabel));
        problems.throwIfAny();
        return new DiffReport(from, before, toLabel, after, ProfileDiff.between(before, after, serverId), outputs);
    }

    /**
     * A version of the catalog (the current one when not given). Unlike the CLI's --profile, never a file path:
     * the page must not read files its caller names.
     */
    private Profile profile(String version, String flag) {
        if (version == null) {
            return wrap(profiles::current);
        }
        for (Profile p : profiles.all()) {
            if (p.version().equals(version)) {
                return p;
            }
        }
        Problems problems = new Problems();
        problems.add(new UserError(UserError.Kind.USAGE, flag + ": unknown version '" + version + "'; known versions: " + versions()));
        throw problems;
    }

    private String versions() {
        return String.join(", ", profiles.all().stream().map(Profile::version).toList());
    }

    private static <T> T wrap(java.util.function.Supplier<T> step) {
        Problems problems = new Problems();
        T value = problems.attempt(step);
        problems.throwIfAny();
        return value;
    }

    private static ServerChoice serverChoice(Form form) {
        return new ServerChoice(form.one("server"), form.one("server_url"));
    }

    /** Domains one per line or separated by commas or spaces; existing SPF records one per line. */
    private static CustomerInput customer(Form form) {
        String mode = Optional.ofNullable(form.one("spf_mode")).orElse("auto");
        return new CustomerInput(form.split("domains", "[\\s,]+"), form.split("existing_spf", "\r?\n"), mode);
    }

    private static void addServer(List<String> words, ServerChoice server) {
        if (server.serverFromUrl() != null) {
            words.addAll(List.of("--server-from-url", server.serverFromUrl()));
        } else {
            words.addAll(List.of("--server", server.server()));
        }
    }

    static String commandLine(List<String> words) {
        List<String> quoted = new ArrayList<>();
        for (String word : words) {
            quoted.add(PLAIN_WORD.matcher(word).matches() ? word : Escapers.shell(word));
        }
        return String.join(" ", quoted);
    }
}
