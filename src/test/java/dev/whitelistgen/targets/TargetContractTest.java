package dev.whitelistgen.targets;

import static org.assertj.core.api.Assertions.assertThat;

import dev.whitelistgen.UserError;
import dev.whitelistgen.app.TargetCheck;
import dev.whitelistgen.bundle.BundleTexts;
import dev.whitelistgen.cli.ExitCodes;
import dev.whitelistgen.model.DomainName;
import dev.whitelistgen.model.Flag;
import dev.whitelistgen.model.Profile;
import dev.whitelistgen.model.Server;
import dev.whitelistgen.model.SpfMode;
import dev.whitelistgen.render.Escapers;
import dev.whitelistgen.render.Generator;
import dev.whitelistgen.render.RenderedFile;
import dev.whitelistgen.render.Target;
import dev.whitelistgen.render.TargetCatalog;
import dev.whitelistgen.render.TemplateRenderer;
import dev.whitelistgen.request.ChosenProfile;
import dev.whitelistgen.request.Customer;
import dev.whitelistgen.spf.SpfRecord;
import dev.whitelistgen.testing.Cli;
import dev.whitelistgen.testing.Rendered;
import dev.whitelistgen.testing.Repo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every target in templates/ promises, run over the catalog: a new target folder is covered without an edit
 * here. Target-specific behaviour (a real program accepting the output) stays in the target's own test.
 */
class TargetContractTest {

    static final List<Path> ROOTS = List.of(Repo.path("templates"));
    /** FreeMarker syntax that would mean a template was not (fully) rendered. */
    static final List<String> LEFTOVERS = List.of("[=", "[#", "[/#", "[@", "[/@", "${profile", "${server", "<#", "</#");
    /**
     * Free text that would leave a comment or a string, expand in a shell or PowerShell, trip a templater or open
     * HTML in some output language. The profile loader accepts it (one printable line).
     */
    static final String HOSTILE = "Evil \"q\" 'a' $HOME ${x} $(id) `id` \\ ; : } { {{ x }} {% if false %} {# c #} [=x] <% <b>";
    /** How each output language may carry free text outside a comment: only through the escaper for it. */
    static final List<String> ESCAPED = List.of(Escapers.json(HOSTILE), Escapers.powerShell(HOSTILE), Escapers.zone(HOSTILE),
            Escapers.csv(HOSTILE), Escapers.shell(HOSTILE));
    static final List<String> COMMENT_STARTS = List.of("#", ";", "//", "--", "REM ");
    static final String DOMAIN = TargetCheck.CUSTOMER_DOMAIN;

    @TempDir
    Path work;

    final TargetCatalog catalog = new TargetCatalog(ROOTS);
    final TemplateRenderer renderer = new TemplateRenderer(ROOTS);
    final BundleTexts texts = new BundleTexts(ROOTS);

    @TestFactory
    Stream<DynamicNode> everyTarget() {
        List<Target> targets = catalog.all();
        assertThat(targets).as("targets in templates/").hasSizeGreaterThan(5);
        return targets.stream().map(target -> DynamicContainer.dynamicContainer(target.name(), Stream.of(
                DynamicTest.dynamicTest("renders for every profile version, server, option, with and without --domain",
                        () -> rendersEverywhereAndCompletely(target)),
                DynamicTest.dynamicTest("free text of the profile stays inert", () -> profileFreeTextStaysInert(target)),
                DynamicTest.dynamicTest("hostile customer input is refused, nothing written", () -> hostileInputIsRefused(target)),
                DynamicTest.dynamicTest("bundle texts complete in every language", () ->
                        assertThat(texts.problems(target, texts.languages())).as("docs/development.md, 'Adding a target'").isEmpty()),
                DynamicTest.dynamicTest("README.md names every output file", () -> readmeNamesEveryOutput(target)),
                DynamicTest.dynamicTest("uses _common's helpers, defines none of them again", () -> definesNoCommonHelper(target)),
                // issue 23: `diff` ends with how each target's newer output is applied over an older one
                DynamicTest.dynamicTest("target.yaml says how to upgrade", () -> assertThat(target.upgrade())
                        .as("templates/%s/target.yaml: upgrade", target.name()).isNotBlank()))));
    }

    void rendersEverywhereAndCompletely(Target target) {
        List<Profile> profiles = Rendered.profiles();
        List<Customer> extra = new ArrayList<>();
        if (target.spfRecords()) {
            // the merge path: an existing record to add Netigate to
            extra.add(new Customer(List.of(DomainName.parse(DOMAIN)), Map.of(DomainName.parse(DOMAIN),
                    SpfRecord.parseForOutput("v=spf1 mx -all")), SpfMode.AUTO, java.util.Set.of()));
        }
        List<TargetCheck.Variant> variants = new ArrayList<>(TargetCheck.variants(target, profiles, texts.languages()));
        for (Profile profile : profiles) {
            for (Server server : profile.servers()) {
                extra.forEach(customer -> variants.add(new TargetCheck.Variant(profile, server, customer, "en")));
            }
        }
        assertThat(variants).as("renderings with --domain").anyMatch(v -> v.customer().hasDomains());
        assertThat(variants.stream().anyMatch(v -> !v.customer().hasDomains())).as("renderings without --domain")
                .isEqualTo(!target.requiresDomain());
        target.flags().forEach(flag -> assertThat(variants).as("renderings with --" + flag.id()).anyMatch(v -> v.customer().has(flag)));
        Generator generator = new Generator(renderer);
        List<String> rendered = new ArrayList<>();
        for (TargetCheck.Variant variant : variants) {
            List<RenderedFile> files;
            try {
                files = generator.generate(List.of(target), ChosenProfile.byVersion(variant.profile()), List.of(variant.server()),
                        variant.customer(), variant.language());
            } catch (UserError e) {
                // a documented limit may refuse a rendering (exit 4); anything else is a broken target
                assertThat(e.kind()).as(variant + ": " + e.getMessage()).isEqualTo(UserError.Kind.REFUSED);
                continue;
            }
            assertThat(files).as(variant.toString()).isNotEmpty();
            for (RenderedFile file : files) {
                for (String leftover : LEFTOVERS) {
                    assertThat(file.content()).as("%s, %s holds %s", variant, file.path(), leftover).doesNotContain(leftover);
                }
            }
            rendered.add(variant.profile().version());
        }
        assertThat(rendered).as("versions that render at all").containsAll(profiles.stream().map(Profile::version).toList());
    }

    void profileFreeTextStaysInert(Target target) throws IOException {
        Profile hostile = Rendered.hostileProfile(work.resolve(target.name()), HOSTILE);
        // every option at once, except --behind (m365 refuses it with --ip-allow-list), which renders on its own
        List<DomainName> domains = List.of(DomainName.parse(DOMAIN));
        List<Customer> customers = new ArrayList<>(List.of(new Customer(domains, Map.of(), SpfMode.AUTO,
                target.flags().stream().filter(f -> f != Flag.BEHIND).collect(Collectors.toSet()))));
        if (target.flags().contains(Flag.BEHIND)) {
            customers.add(new Customer(domains, Map.of(), SpfMode.AUTO, Set.of(Flag.BEHIND), Flag.GATEWAYS.get(0)));
        }
        int seen = 0;
        for (Server server : hostile.servers()) {
            for (String language : texts.languages()) {
                for (Customer customer : customers) {
                    for (RenderedFile file : new Generator(renderer).generate(List.of(target), ChosenProfile.byVersion(hostile),
                            List.of(server), customer, language)) {
                        seen += assertInert(file, language + ", " + customer.flagArgs());
                    }
                }
            }
        }
        assertThat(seen).as("the profile's free text appears somewhere (a header names the server and the article)").isPositive();
    }

    /** Every line of the file holding the profile's free text holds it inert; how many did. */
    static int assertInert(RenderedFile file, String variant) {
        int seen = 0;
        List<String> lines = file.content().lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.contains("Evil")) {
                seen++;
                assertThat(inert(file.path(), line)).as("%s line %d (%s): %s", file.path(), i + 1, variant, line).isTrue();
            }
        }
        return seen;
    }

    /**
     * The hostile text whole on a comment line (a comment ends only at the line's end, and the loader refuses line
     * breaks), or quoted by an escaper; in Markdown prose, with every markup character escaped (no HTML, no code span).
     */
    static boolean inert(String path, String line) {
        if (ESCAPED.stream().anyMatch(line::contains)) {
            return true;
        }
        if (path.endsWith(".md")) {
            return line.contains(Escapers.markdown(HOSTILE));
        }
        String stripped = line.strip();
        return COMMENT_STARTS.stream().anyMatch(stripped::startsWith)
                && (line.contains(HOSTILE) || line.contains(Escapers.jinjaInert(HOSTILE)));
    }

    void hostileInputIsRefused(Target target) throws IOException {
        List<List<String>> attempts = new ArrayList<>();
        for (String domain : List.of("a.example;rm -rf /", "$(id).example", "`id`.example", "a.example\nREJECT", "a.example'",
                "a.example\"")) {
            attempts.add(List.of("--domain", domain));
        }
        if (target.spfRecords()) {
            for (String record : List.of("v=spf1 -all\"; rm -rf /", "v=spf1 include:$(id).example -all", "v=spf1 -all\nx. IN TXT evil",
                    "v=spf1 include:`id` -all")) {
                attempts.add(List.of("--domain", DOMAIN, "--existing-spf", record));
            }
        }
        for (List<String> attempt : attempts) {
            Path out = work.resolve("refused-" + target.name());
            List<String> args = new ArrayList<>(List.of("--target", target.name(), "--server", "all", "--output", out.toString()));
            args.addAll(attempt);
            Cli.Result result = Cli.run(args.toArray(String[]::new));
            assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.INVALID_INPUT);
            assertThat(result.out()).isEmpty();
            assertThat(out).as("nothing written").doesNotExist();
        }
    }

    /** A function or macro of templates/_common/ written again in a target's folder: a copy that drifts (say()). */
    static final Pattern DEFINITION = Pattern.compile("\\[#(?:function|macro) ([A-Za-z0-9_]+)");

    void definesNoCommonHelper(Target target) throws IOException {
        Set<String> common = definitions(Repo.path("templates/_common"));
        assertThat(common).as("templates/_common defines helpers").contains("say");
        assertThat(definitions(target.folder())).as("templates/%s defines again what templates/_common has", target.name())
                .doesNotContainAnyElementsOf(common);
    }

    static Set<String> definitions(Path folder) throws IOException {
        Set<String> names = new TreeSet<>();
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".ftl")).toList()) {
                Matcher definition = DEFINITION.matcher(Files.readString(file));
                while (definition.find()) {
                    names.add(definition.group(1));
                }
            }
        }
        return names;
    }

    void readmeNamesEveryOutput(Target target) throws IOException {
        Path readme = target.folder().resolve("README.md");
        assertThat(readme).as("templates/%s/README.md, the target's page", target.name()).isRegularFile();
        String text = Files.readString(readme);
        for (String template : target.templates()) {
            assertThat(text).as("templates/%s/README.md names its output", target.name()).contains(Target.outputName(template));
        }
    }
}
