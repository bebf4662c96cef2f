package dev.whitelistgen.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.whitelistgen.render.RenderModel;
import dev.whitelistgen.render.RenderRequest;
import dev.whitelistgen.render.RenderedFile;
import dev.whitelistgen.render.TemplateRenderer;
import dev.whitelistgen.request.ChosenProfile;
import dev.whitelistgen.request.Customer;
import dev.whitelistgen.render.Target;
import dev.whitelistgen.render.TargetCatalog;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * What the gateway targets' tests share: one target's files generated into a folder and read back, a guide cut into
 * sections, a file out of a bundle, and the target rendered as an upgrade from version 1 would render it.
 */
public final class TargetFiles {

    private final String target;
    private final Supplier<Path> folder;

    /** {@code folder}: asked for when generating, because JUnit injects a {@code @TempDir} after the test is built. */
    public TargetFiles(String target, Supplier<Path> folder) {
        this.target = target;
        this.folder = folder;
    }

    /** Runs {@code whitelist-gen --target TARGET --output FOLDER OPTIONS…}, which must exit 0. */
    public Path generate(String... options) {
        List<String> args = new ArrayList<>(List.of("--target", target, "--output", folder.get().toString()));
        args.addAll(List.of(options));
        Cli.Result result = Cli.run(args.toArray(String[]::new));
        assertThat(result.exitCode()).as(result.toString()).isZero();
        return folder.get();
    }

    public String read(String file) throws IOException {
        return Files.readString(folder.get().resolve(file), StandardCharsets.UTF_8);
    }

    /** From the first {@code from} up to (not including) the first {@code to} after it. */
    public static String section(String text, String from, String to) {
        int start = text.indexOf(from);
        assertThat(start).as("'" + from + "' in the text").isNotNegative();
        int end = text.indexOf(to, start);
        assertThat(end).as("'" + to + "' after '" + from + "'").isNotNegative();
        return text.substring(start, end);
    }

    /** The entry of a bundle whose name ends in {@code name}. */
    public static String fromBundle(Path zip, String name) throws IOException {
        try (ZipFile file = new ZipFile(zip.toFile())) {
            ZipEntry entry = file.stream().filter(e -> e.getName().endsWith(name)).findFirst().orElseThrow();
            return new String(file.getInputStream(entry).readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /**
     * The target's files, by name, for version 2 and azure with the render model's {@code earlier} as an upgrade from
     * version 1 fills it when 193.44.77.163 is no longer listed: given directly, so the test does not depend on which
     * versions ship.
     */
    public static Map<String, String> renderedAfterVersion1(String target) {
        Target chosen = new TargetCatalog(List.of(Repo.path("templates"))).get(target);
        Map<String, Object> model = new LinkedHashMap<>(RenderModel.of(new RenderRequest(chosen,
                ChosenProfile.byVersion(Profiles.version("2")), Profiles.server("azure"), Customer.NONE, "en")));
        model.put("earlier", Map.of("versions", List.of("1"),
                "networks", List.of(Map.of("text", "193.44.77.163", "cidr", "193.44.77.163/32", "version", "1")),
                "senderDomains", List.of(), "spfIncludes", List.of(), "webDomains", List.of()));
        Map<String, String> files = new LinkedHashMap<>();
        for (RenderedFile file : new TemplateRenderer(List.of(Repo.path("templates"))).render(chosen, model)) {
            files.put(file.path(), file.content());
        }
        return files;
    }
}
