package dev.whitelistgen.render;

import dev.whitelistgen.Input;
import dev.whitelistgen.UserError;
import dev.whitelistgen.model.Flag;
import dev.whitelistgen.yaml.InvalidYamlException;
import dev.whitelistgen.yaml.YamlFile;
import dev.whitelistgen.yaml.YamlProblem;
import dev.whitelistgen.yaml.YamlTree;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.yaml.snakeyaml.nodes.Node;

/**
 * The targets found in the template folders; a folder given with --templates-dir overrides built-in ones. A
 * target's target.yaml is read when the target is first asked for: a call reads only what it renders, and a
 * broken target stops only the calls that use it.
 */
public final class TargetCatalog {

    private static final Pattern TARGET_NAME = Pattern.compile("[a-z][a-z0-9-]{0,31}");
    private static final Pattern OUTPUT_PATH = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*(/[A-Za-z0-9][A-Za-z0-9._-]*)*");
    private static final YamlFile.Kind KIND = new YamlFile.Kind("target.yaml", "target.yaml", "a few lines");
    private static final Set<String> KEYS = Set.of("description", "purpose", "requires_domain", "spf_records", "flags", "crlf_files",
            "ascii_files", "limits");
    private static final Set<String> LIMIT_KEYS = Set.of("name", "doc", "flag", "with_domain", "ipv4_only", "widest_prefix",
            "count", "max_count");

    private final Map<String, Path> folders = new TreeMap<>();
    private final Map<String, Target> targets = new TreeMap<>();

    public TargetCatalog(List<Path> roots) {
        for (Path root : roots) {
            if (!Files.isDirectory(root)) {
                throw new UserError(UserError.Kind.USAGE, Input.TEMPLATES_DIR, "'" + root + "' is not a folder");
            }
            try (Stream<Path> folders = Files.list(root)) {
                for (Path folder : folders.sorted().toList()) {
                    String name = folder.getFileName().toString().replace("/", "");
                    if (TARGET_NAME.matcher(name).matches() && Files.isRegularFile(folder.resolve("target.yaml"))) {
                        this.folders.putIfAbsent(name, folder);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    public List<Target> all() {
        return names().stream().map(this::get).toList();
    }

    public List<String> names() {
        return List.copyOf(folders.keySet());
    }

    /** Synchronized: the web page shares one catalog between request threads, and targets are read lazily. */
    public synchronized Target get(String name) {
        Path folder = folders.get(name);
        if (folder == null) {
            throw new UserError(UserError.Kind.USAGE, Input.TARGET, "unknown target '" + name + "'; valid targets: "
                    + String.join(", ", names()) + ", all");
        }
        return targets.computeIfAbsent(name, n -> read(n, folder, folder.resolve("target.yaml")));
    }

    /**
     * A target folder on its own (what `validate templates/NAME` checks): its target.yaml with every problem and its
     * line, and its templates.
     *
     * @throws InvalidYamlException listing every problem
     */
    public static Target read(Path folder) {
        String name = folder.toAbsolutePath().normalize().getFileName().toString();
        Path descriptor = folder.resolve("target.yaml");
        if (!TARGET_NAME.matcher(name).matches()) {
            throw new InvalidYamlException(List.of(new YamlProblem(folder.toString(), 0, "",
                    "a target folder's name is lower-case letters, digits and '-' (it is the --target value)")));
        }
        return read(name, folder, descriptor);
    }

    private static Target read(String name, Path folder, Path descriptor) {
        String file = descriptor.toString();
        Node root = YamlFile.read(descriptor, file, KIND);
        YamlTree tree = new YamlTree(file);
        List<YamlProblem> templateProblems = new ArrayList<>();
        List<String> templates = templates(folder, templateProblems);
        Optional<Target> target = tree.root(root).map(m -> {
            m.allowOnly(KEYS);
            String description = m.text("description", true).map(String::strip).orElse("");
            String purpose = m.text("purpose", false).map(String::strip).orElse("");
            Set<Flag> flags = new HashSet<>(m.list("flags", false, TargetCatalog::flag));
            List<TargetLimit> limits = new ArrayList<>();
            for (YamlTree.Mapping limit : m.mappings("limits")) {
                limit(tree, limit, flags).ifPresent(limits::add);
            }
            return new Target(name, description, purpose, m.optionalBool("requires_domain", false), m.optionalBool("spf_records", false),
                    flags, m.list("crlf_files", false, text -> text), m.list("ascii_files", false, text -> text), limits, folder, templates);
        });
        if (templates.isEmpty() && templateProblems.isEmpty()) {
            templateProblems.add(new YamlProblem(file, 0, "", "the folder holds no *.ftl template"));
        }
        List<YamlProblem> problems = new ArrayList<>(tree.problems());
        problems.addAll(templateProblems);
        if (!problems.isEmpty() || target.isEmpty()) {
            throw new InvalidYamlException(problems);
        }
        return target.get();
    }

    private static Flag flag(String id) {
        return Flag.withId(id).orElseThrow(() -> new IllegalArgumentException("unknown option '" + id + "'; known: " + Flag.ids()));
    }

    private static Optional<TargetLimit> limit(YamlTree tree, YamlTree.Mapping limit, Set<Flag> offered) {
        limit.allowOnly(LIMIT_KEYS);
        Optional<String> name = limit.text("name", true);
        Optional<String> doc = limit.text("doc", true).filter(url -> {
            if (!url.startsWith("https://")) {
                tree.problem(limit.optional("doc").orElseThrow(), limit.field("doc"), "the https:// page that states the limit");
                return false;
            }
            return true;
        });
        Optional<Flag> flag = limit.text("flag", false).flatMap(id -> {
            Optional<Flag> known = Flag.withId(id).filter(offered::contains);
            if (known.isEmpty()) {
                tree.problem(limit.optional("flag").orElseThrow(), limit.field("flag"), "'" + id + "' is not one of this target's flags");
            }
            return known;
        });
        Optional<Integer> prefix = limit.optionalInt("widest_prefix");
        Optional<TargetLimit.Count> count = limit.text("count", false).flatMap(text -> {
            try {
                return Optional.of(TargetLimit.Count.parse(text));
            } catch (IllegalArgumentException e) {
                tree.problem(limit.optional("count").orElseThrow(), limit.field("count"),
                        "'" + text + "' is not one of networks, sender_domains, customer_domains, customer_domains_x_slash24");
                return Optional.empty();
            }
        });
        Optional<Integer> max = limit.optionalInt("max_count");
        if (limit.optional("count").isPresent() != limit.optional("max_count").isPresent()) {
            tree.problem(limit.node(), limit.field("max_count"), "count and max_count go together");
        }
        if (name.isEmpty() || doc.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new TargetLimit(name.get(), doc.get(), flag, limit.optionalBool("with_domain", false),
                limit.optionalBool("ipv4_only", false), prefix, count, max));
    }

    private static List<String> templates(Path folder, List<YamlProblem> problems) {
        try (Stream<Path> files = Files.walk(folder)) {
            List<String> templates = new ArrayList<>();
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                String relative = folder.relativize(file).toString().replace('\\', '/');
                if (relative.endsWith(".ftl") && !file.getFileName().toString().startsWith("_")) {
                    if (!OUTPUT_PATH.matcher(Target.outputName(relative)).matches()) {
                        problems.add(new YamlProblem(file.toString(), 0, "", "template name gives an unsafe output path"));
                        continue;
                    }
                    templates.add(relative);
                }
            }
            return templates;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
