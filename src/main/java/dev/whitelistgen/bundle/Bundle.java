package dev.whitelistgen.bundle;

import dev.whitelistgen.UserError;
import dev.whitelistgen.model.DomainName;
import dev.whitelistgen.model.Profile;
import dev.whitelistgen.model.Server;
import dev.whitelistgen.model.SpfMode;
import dev.whitelistgen.render.Escapers;
import dev.whitelistgen.render.Generator;
import dev.whitelistgen.render.RenderModel;
import dev.whitelistgen.render.RenderedFile;
import dev.whitelistgen.render.Target;
import dev.whitelistgen.render.TargetSelection;
import dev.whitelistgen.render.TemplateRenderer;
import dev.whitelistgen.spf.SpfRecord;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What support attaches to a ticket: every chosen target's files for one server, each under its target's
 * folder, a README.md in the customer's language saying what each file is, how to apply and undo it and
 * which scenario it solves, and a SHA256SUMS manifest (sha256sum(1) format) of all of them.
 */
public final class Bundle {

    public static final String README = "README.md";
    public static final String CHECKSUMS = "SHA256SUMS";
    static final String FRAME_TEMPLATE = BundleTexts.FRAME_FOLDER + "/README.md.ftl";

    /** {@code profileArgument}: the --profile value that makes the bundle again, a version or the profile file as given. */
    public record Request(TargetSelection plan, Profile profile, Server server, List<DomainName> domains,
                          Map<DomainName, SpfRecord> existingSpf, SpfMode spfMode, String language, String profileArgument) {
        public Request {
            domains = List.copyOf(domains);
            existingSpf = new TreeMap<>(existingSpf);
        }

        /** A built-in version, named by its number. */
        public Request(TargetSelection plan, Profile profile, Server server, List<DomainName> domains,
                       Map<DomainName, SpfRecord> existingSpf, SpfMode spfMode, String language) {
            this(plan, profile, server, domains, existingSpf, spfMode, language, profile.version());
        }
    }

    private final TemplateRenderer renderer;
    private final BundleTexts texts;
    private final java.util.function.Function<Profile, List<Profile>> earlierVersions;

    public Bundle(TemplateRenderer renderer, BundleTexts texts) {
        this(renderer, texts, p -> List.of());
    }

    private Bundle(TemplateRenderer renderer, BundleTexts texts, java.util.function.Function<Profile, List<Profile>> earlierVersions) {
        this.renderer = renderer;
        this.texts = texts;
        this.earlierVersions = earlierVersions;
    }

    /** As {@link Generator#withHistory}: the bundle's files name what earlier versions allowed. */
    public Bundle withHistory(java.util.function.Function<Profile, List<Profile>> earlierVersions) {
        return new Bundle(renderer, texts, earlierVersions);
    }

    /** README.md, then each target's files in name order, then SHA256SUMS: always the same order. */
    public List<RenderedFile> files(Request request) {
        if (!texts.languages().contains(request.language())) {
            throw new UserError(UserError.Kind.USAGE, "--lang: no texts for '" + request.language() + "'; languages: "
                    + String.join(", ", texts.languages()));
        }
        if (request.plan().included().isEmpty()) {
            throw new UserError(UserError.Kind.USAGE, "nothing to bundle: every target needs --domain");
        }
        List<String> problems = new ArrayList<>();
        request.plan().included().forEach(t -> problems.addAll(texts.problems(t, List.of(request.language()))));
        if (!problems.isEmpty()) {
            throw new UserError(UserError.Kind.INVALID_INPUT, problems);
        }
        Generator generator = new Generator(renderer, dev.whitelistgen.render.Progress.NONE, p -> request.profileArgument())
                .withHistory(earlierVersions);
        List<RenderedFile> targetFiles = new ArrayList<>();
        List<Map<String, Object>> targetModels = new ArrayList<>();
        for (Target target : request.plan().included()) {
            List<RenderedFile> rendered = generator.generate(List.of(target), request.profile(), List.of(request.server()),
                    request.domains(), request.existingSpf(), request.spfMode(), Set.of(), request.language());
            rendered.forEach(file -> targetFiles.add(new RenderedFile(target.name() + "/" + file.path(), file.content())));
            targetModels.add(targetModel(target, texts.target(target, request.language()), rendered));
        }
        List<Map<String, Object>> skipped = new ArrayList<>();
        for (Target target : request.plan().skipped()) {
            skipped.add(Map.of("name", target.name()));
        }
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("language", request.language());
        model.put("m", texts.frame(request.language()));
        model.put("profile", RenderModel.profile(request.profile()));
        model.put("server", RenderModel.server(request.server()));
        model.put("customerDomains", request.domains().stream().map(DomainName::name).sorted().toList());
        model.put("command", commandLine(request));
        model.put("targets", targetModels);
        model.put("skipped", skipped);
        List<RenderedFile> files = new ArrayList<>();
        files.add(new RenderedFile(README, renderer.renderTemplate(FRAME_TEMPLATE, model)));
        files.addAll(targetFiles);
        files.add(checksums(files));
        return files;
    }

    /** What the README says about one target: its texts, and each of its files (as TARGET/FILE) with its description. */
    private static Map<String, Object> targetModel(Target target, Map<String, String> words, List<RenderedFile> rendered) {
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("name", target.name());
        for (String key : BundleTexts.TARGET_KEYS) {
            model.put(key, words.get(key));
        }
        model.put("files", rendered.stream().map(file -> Map.of("path", target.name() + "/" + file.path(),
                "description", words.get("file." + file.path()))).toList());
        return model;
    }

    /** The command that makes the same bundle again (without --output), for the README. */
    static String commandLine(Request request) {
        List<String> words = new ArrayList<>(List.of("whitelist-gen", "bundle", "--server", request.server().id(),
                "--profile", Escapers.shellWord(request.profileArgument()), "--lang", request.language()));
        if (request.plan().named()) {
            for (Target target : request.plan().included()) {
                words.add("--target");
                words.add(target.name());
            }
        }
        request.domains().stream().map(DomainName::name).sorted().forEach(domain -> {
            words.add("--domain");
            words.add(domain);
        });
        request.existingSpf().forEach((domain, record) -> {
            words.add("--existing-spf");
            words.add(Escapers.shell(domain + "=" + record.text()));
        });
        if (request.spfMode() != SpfMode.AUTO) {
            words.add("--spf-mode");
            words.add(request.spfMode().name().toLowerCase(Locale.ROOT));
        }
        return String.join(" ", words);
    }

    /** sha256sum(1)'s format: hash, two spaces, path; checked with `sha256sum -c SHA256SUMS`. */
    static RenderedFile checksums(List<RenderedFile> files) {
        StringBuilder text = new StringBuilder();
        for (RenderedFile file : files) {
            text.append(sha256(file.content().getBytes(StandardCharsets.UTF_8))).append("  ").append(file.path()).append('\n');
        }
        return new RenderedFile(CHECKSUMS, text.toString());
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }
}
