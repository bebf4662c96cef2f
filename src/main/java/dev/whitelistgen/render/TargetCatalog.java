package dev.whitelistgen.render;

import dev.whitelistgen.Input;
import dev.whitelistgen.UserError;
import dev.whitelistgen.model.Flag;
import dev.whitelistgen.profile.YamlDocument;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * The targets found in the template folders; a folder given with --templates-dir overrides built-in ones. A
 * target's target.yaml is read when the target is first asked for: a call reads only what it renders, and a
 * broken target stops only the calls that use it.
 */
public final class TargetCatalog {

    private static final Pattern TARGET_NAME = Pattern.compile("[a-z][a-z0-9-]{0,31}");
    private static final Pattern OUTPUT_PATH = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*(/[A-Za-z0-9][A-Za-z0-9._-]*)*");
    private static final Set<String> KEYS = Set.of("description", "requires_domain", "spf_records", "flags", "crlf_files",
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

    private static Target read(String name, Path folder, Path descriptor) {
        Map<String, Object> yaml;
        try (Reader in = Files.newBufferedReader(descriptor)) {
            Object loaded = YamlDocument.plain(YamlDocument.compose(in, new LoaderOptions()));
            if (!(loaded instanceof Map<?, ?> map)) {
                throw bad(descriptor, "expected a mapping");
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> typed = (Map<String, Object>) map;
            yaml = typed;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (YAMLException e) {
            if (e.getCause() instanceof CharacterCodingException) {
                throw bad(descriptor, "not UTF-8 text");
            }
            throw bad(descriptor, "not valid YAML: " + e.getMessage().replaceAll("\\s+", " "));
        } catch (IllegalArgumentException e) {
            throw bad(descriptor, e.getMessage());
        }
        for (String key : yaml.keySet()) {
            if (!KEYS.contains(key)) {
                throw bad(descriptor, "unknown key '" + key + "'; expected one of " + String.join(", ", KEYS.stream().sorted().toList()));
            }
        }
        if (!(yaml.get("description") instanceof String description)) {
            throw bad(descriptor, "description: missing or not text");
        }
        List<String> templates = templates(folder);
        if (templates.isEmpty()) {
            throw bad(descriptor, "the folder holds no *.ftl template");
        }
        return new Target(name, description.strip(), flag(yaml, "requires_domain", descriptor),
                flag(yaml, "spf_records", descriptor), flags(strings(yaml, "flags", descriptor), descriptor),
                strings(yaml, "crlf_files", descriptor), strings(yaml, "ascii_files", descriptor),
                limits(yaml, descriptor), folder, templates);
    }

    private static List<TargetLimit> limits(Map<String, Object> yaml, Path descriptor) {
        Object value = yaml.getOrDefault("limits", List.of());
        if (!(value instanceof List<?> list)) {
            throw bad(descriptor, "limits: expected a list of mappings");
        }
        List<TargetLimit> limits = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            String where = "limits[" + i + "]";
            if (!(list.get(i) instanceof Map<?, ?> raw)) {
                throw bad(descriptor, where + ": expected a mapping");
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> limit = (Map<String, Object>) raw;
            for (String key : limit.keySet()) {
                if (!LIMIT_KEYS.contains(key)) {
                    throw bad(descriptor, where + ": unknown key '" + key + "'; expected one of "
                            + String.join(", ", LIMIT_KEYS.stream().sorted().toList()));
                }
            }
            if (!(limit.get("name") instanceof String name) || !(limit.get("doc") instanceof String doc)
                    || !doc.startsWith("https://")) {
                throw bad(descriptor, where + ": needs name and doc (the https:// page that states the limit)");
            }
            Object flag = limit.get("flag");
            Object prefix = limit.get("widest_prefix");
            Object count = limit.get("count");
            Object max = limit.get("max_count");
            if ((flag != null && !(flag instanceof String)) || (prefix != null && !(prefix instanceof Integer))
                    || (count != null && !(count instanceof String)) || (max != null && !(max instanceof Integer))
                    || ((count == null) != (max == null))) {
                throw bad(descriptor, where + ": flag and count are text, widest_prefix and max_count numbers; count and max_count go together");
            }
            TargetLimit.Count counted;
            try {
                counted = count == null ? null : TargetLimit.Count.parse((String) count);
            } catch (IllegalArgumentException e) {
                throw bad(descriptor, where + ": count: '" + count + "' is not one of networks, sender_domains, customer_domains, customer_domains_x_slash24");
            }
            limits.add(new TargetLimit(name, doc, Optional.ofNullable((String) flag).map(f -> flags(List.of(f), descriptor).iterator().next()), flag(limit, "with_domain", descriptor),
                    flag(limit, "ipv4_only", descriptor), Optional.ofNullable((Integer) prefix),
                    Optional.ofNullable(counted), Optional.ofNullable((Integer) max)));
        }
        return limits;
    }

    private static Set<Flag> flags(List<String> ids, Path descriptor) {
        Set<Flag> flags = new java.util.HashSet<>();
        for (String id : ids) {
            flags.add(Flag.withId(id).orElseThrow(() -> bad(descriptor, "flags: unknown option '" + id + "'; known: " + Flag.ids())));
        }
        return flags;
    }

    private static List<String> templates(Path folder) {
        try (Stream<Path> files = Files.walk(folder)) {
            List<String> templates = new ArrayList<>();
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                String relative = folder.relativize(file).toString().replace('\\', '/');
                if (relative.endsWith(".ftl") && !file.getFileName().toString().startsWith("_")) {
                    if (!OUTPUT_PATH.matcher(Target.outputName(relative)).matches()) {
                        throw bad(file, "template name gives an unsafe output path");
                    }
                    templates.add(relative);
                }
            }
            return templates;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean flag(Map<String, Object> yaml, String key, Path descriptor) {
        Object value = yaml.getOrDefault(key, Boolean.FALSE);
        if (!(value instanceof Boolean b)) {
            throw bad(descriptor, key + ": expected true or false");
        }
        return b;
    }

    private static List<String> strings(Map<String, Object> yaml, String key, Path descriptor) {
        Object value = yaml.getOrDefault(key, List.of());
        if (!(value instanceof List<?> list) || !list.stream().allMatch(String.class::isInstance)) {
            throw bad(descriptor, key + ": expected a list of text");
        }
        return list.stream().map(String.class::cast).toList();
    }

    private static UserError bad(Path file, String message) {
        return new UserError(UserError.Kind.INVALID_INPUT, file + ": " + message);
    }
}
