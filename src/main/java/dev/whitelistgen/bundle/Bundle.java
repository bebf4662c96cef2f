package dev.whitelistgen.bundle;

import dev.whitelistgen.UserError;
import dev.whitelistgen.model.DomainName;
import dev.whitelistgen.model.Server;
import dev.whitelistgen.render.BundleContext;
import dev.whitelistgen.render.Generator;
import dev.whitelistgen.render.RenderModel;
import dev.whitelistgen.render.RenderedFile;
import dev.whitelistgen.render.Target;
import dev.whitelistgen.render.TargetSelection;
import dev.whitelistgen.render.TemplateRenderer;
import dev.whitelistgen.request.ChosenProfile;
import dev.whitelistgen.request.Customer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What support attaches to a ticket: every chosen target's files for one server, each under its target's
 * folder, a README.md in the customer's language saying what each file is, how to apply and undo it and
 * which scenario it solves, and a SHA256SUMS manifest (sha256sum(1) format) of all of them.
 */
public final class Bundle {

    public static final String README = "README.md";
    public static final String CHECKSUMS = "SHA256SUMS";
    static final String FRAME_TEMPLATE = BundleTexts.FRAME_FOLDER + "/README.md.ftl";

    /** What goes into one bundle, checked (app.BundleRequest); {@code commandLine} makes the same bundle again. */
    public interface Request {
        TargetSelection targets();

        ChosenProfile profile();

        Server server();

        Customer customer();

        String language();

        String commandLine();
    }

    private final TemplateRenderer renderer;
    private final BundleTexts texts;

    public Bundle(TemplateRenderer renderer, BundleTexts texts) {
        this.renderer = renderer;
        this.texts = texts;
    }

    /** README.md, then each target's files in name order, then SHA256SUMS: always the same order. */
    public List<RenderedFile> files(Request request) {
        List<String> problems = new ArrayList<>();
        request.targets().included().forEach(t -> problems.addAll(texts.problems(t, List.of(request.language()))));
        if (!problems.isEmpty()) {
            throw new UserError(UserError.Kind.INVALID_INPUT, problems);
        }
        Generator generator = new Generator(renderer);
        Map<String, String> frame = texts.frame(request.language());
        // the bundle's reader has no whitelist-gen: its guides name the bundle's files instead of commands
        BundleContext context = new BundleContext(request.targets().included().stream().map(Target::name).toList(),
                request.customer().gateway(), frame.get("part_here"), frame.get("part_ask"));
        List<RenderedFile> targetFiles = new ArrayList<>();
        List<Map<String, Object>> targetModels = new ArrayList<>();
        for (Target target : request.targets().included()) {
            List<RenderedFile> rendered = generator.generate(List.of(target), request.profile(), List.of(request.server()),
                    request.customer(), request.language(), context);
            rendered.forEach(file -> targetFiles.add(new RenderedFile(target.name() + "/" + file.path(), file.content())));
            targetModels.add(targetModel(target, texts.target(target, request.language()), rendered));
        }
        List<Map<String, Object>> skipped = new ArrayList<>();
        for (Target target : request.targets().skipped()) {
            skipped.add(Map.of("name", target.name()));
        }
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("language", request.language());
        model.put("m", frame);
        model.put("profile", RenderModel.profile(request.profile().profile()));
        model.put("server", RenderModel.server(request.server()));
        model.put("customerDomains", request.customer().domains().stream().map(DomainName::name).sorted().toList());
        model.put("command", request.commandLine());
        model.put("targets", targetModels);
        model.put("skipped", skipped);
        // bundle --behind GATEWAY: the README says to apply the gateway's part first, then the mailbox system's
        model.put("behind", request.customer().gateway());
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
