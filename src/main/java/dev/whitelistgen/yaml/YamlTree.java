package dev.whitelistgen.yaml;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads a composed YAML node tree field by field, recording every problem with its line instead of
 * stopping at the first, so one run shows everything wrong in a file.
 */
public final class YamlTree {

    private static final Set<Tag> TEXT_TAGS = Set.of(Tag.STR, Tag.INT, Tag.FLOAT);

    private final String file;
    private final List<YamlProblem> problems = new ArrayList<>();

    public YamlTree(String file) {
        this.file = file;
    }

    /** In file order, so the report reads top to bottom. */
    public List<YamlProblem> problems() {
        List<YamlProblem> sorted = new ArrayList<>(problems);
        sorted.sort(java.util.Comparator.comparingInt(YamlProblem::line));
        return sorted;
    }

    public void problem(Node node, String field, String message) {
        problems.add(new YamlProblem(file, node == null ? 0 : node.getStartMark().getLine() + 1, field, message));
    }

    /** The document's root mapping, or empty (with a problem recorded). */
    public Optional<Mapping> root(Node node) {
        return mapping(node, "");
    }

    public Optional<Mapping> mapping(Node node, String field) {
        if (!(node instanceof MappingNode mappingNode)) {
            problem(node, field, "expected a mapping (key: value lines), found " + describe(node));
            return Optional.empty();
        }
        return Optional.of(new Mapping(mappingNode, field));
    }

    static String describe(Node node) {
        if (node instanceof MappingNode) {
            return "a mapping";
        }
        if (node instanceof SequenceNode) {
            return "a list";
        }
        if (node instanceof ScalarNode scalar) {
            if (scalar.getTag().equals(Tag.NULL)) {
                return "nothing (null)";
            }
            return scalar.getTag().equals(Tag.BOOL) ? "a boolean" : "a scalar";
        }
        return "nothing";
    }

    /**
     * A parsed list item and where it came from, for problems that concern it later. Its node and field name
     * ("networks[123]") are made only for a problem: a list of 1,000,000 networks would hold as many of each
     * (YamlDocument keeps a list's scalars as text and makes each node when asked for).
     */
    public record Item<T>(T value, List<Node> siblings, String listField, int index) {
        public Node node() {
            return siblings.get(index);
        }

        public String field() {
            return listField + "[" + index + "]";
        }
    }

    public final class Mapping {
        private final String path;
        private final Map<String, NodeTuple> entries = new LinkedHashMap<>();
        private final MappingNode node;

        private Mapping(MappingNode node, String path) {
            this.node = node;
            this.path = path;
            for (NodeTuple tuple : node.getValue()) {
                Node key = tuple.getKeyNode();
                if (!(key instanceof ScalarNode scalarKey) || !TEXT_TAGS.contains(key.getTag())) {
                    problem(key, path, "keys must be plain words, found " + describe(key));
                    continue;
                }
                String name = scalarKey.getValue();
                if (entries.containsKey(name)) {
                    int firstLine = entries.get(name).getKeyNode().getStartMark().getLine() + 1;
                    problem(key, field(name), "duplicate key (first given on line " + firstLine + ")");
                    continue;
                }
                entries.put(name, tuple);
            }
        }

        public String field(String key) {
            return path.isEmpty() ? key : path + "." + key;
        }

        public Node node() {
            return node;
        }

        public Set<String> keys() {
            return entries.keySet();
        }

        public void allowOnly(Set<String> allowed) {
            for (Map.Entry<String, NodeTuple> entry : entries.entrySet()) {
                if (!allowed.contains(entry.getKey())) {
                    problem(entry.getValue().getKeyNode(), field(entry.getKey()),
                            "unknown key; expected one of " + String.join(", ", allowed.stream().sorted().toList()));
                }
            }
        }

        public Optional<Node> optional(String key) {
            NodeTuple tuple = entries.get(key);
            return tuple == null ? Optional.empty() : Optional.of(tuple.getValueNode());
        }

        public Optional<Node> required(String key) {
            Optional<Node> value = optional(key);
            if (value.isEmpty()) {
                problem(node, field(key), "missing required key" + (path.isEmpty() ? "" : " in " + path));
            }
            return value;
        }

        public Optional<String> text(String key, boolean required) {
            Optional<Node> value = required ? required(key) : optional(key);
            return value.flatMap(n -> asText(n, field(key)));
        }

        /** A text value that may be explicitly null, to say "the source does not state this". */
        public Optional<String> nullableText(String key) {
            Optional<Node> value = required(key);
            if (value.isPresent() && value.get().getTag().equals(Tag.NULL)) {
                return Optional.empty();
            }
            return value.flatMap(n -> asText(n, field(key)));
        }

        public Optional<Boolean> bool(String key) {
            return required(key).flatMap(n -> {
                // YAML 1.1 also reads yes/no/on/off as booleans; a profile says exactly true or false.
                if (n instanceof ScalarNode s && s.getTag().equals(Tag.BOOL)
                        && (s.getValue().equalsIgnoreCase("true") || s.getValue().equalsIgnoreCase("false"))) {
                    return Optional.of(Boolean.parseBoolean(s.getValue().toLowerCase(java.util.Locale.ROOT)));
                }
                problem(n, field(key), "expected true or false, found " + (n instanceof ScalarNode s && !s.getTag().equals(Tag.NULL)
                        ? (s.getTag().equals(Tag.STR) ? "the text '" : "'") + s.getValue() + "'" : describe(n)));
                return Optional.empty();
            });
        }

        /** A boolean that may be explicitly null, to say "the source does not say"; empty for null (and on a problem). */
        public Optional<Boolean> nullableBool(String key) {
            if (optional(key).map(n -> n.getTag().equals(Tag.NULL)).orElse(false)) {
                return Optional.empty();
            }
            return bool(key);
        }

        /** true or false where given; {@code otherwise} where the key is absent. */
        public boolean optionalBool(String key, boolean otherwise) {
            return optional(key).isEmpty() ? otherwise : bool(key).orElse(otherwise);
        }

        /** A whole number where given (YAML 1.1's 0x10 or 1_000 are not). */
        public Optional<Integer> optionalInt(String key) {
            return optional(key).flatMap(n -> {
                if (n instanceof ScalarNode s && s.getTag().equals(Tag.INT) && s.getValue().matches("-?[0-9]{1,9}")) {
                    return Optional.of(Integer.valueOf(s.getValue()));
                }
                problem(n, field(key), "expected a whole number, found " + (n instanceof ScalarNode s && !s.getTag().equals(Tag.NULL)
                        ? "'" + s.getValue() + "'" : describe(n)));
                return Optional.empty();
            });
        }

        /** Each item of a list of mappings; an item that is not a mapping is recorded and skipped. */
        public List<Mapping> mappings(String key) {
            List<Mapping> items = new ArrayList<>();
            Optional<Node> value = optional(key);
            if (value.isEmpty()) {
                return items;
            }
            if (!(value.get() instanceof SequenceNode sequence)) {
                problem(value.get(), field(key), "expected a list, found " + describe(value.get()));
                return items;
            }
            for (int i = 0; i < sequence.getValue().size(); i++) {
                YamlTree.this.mapping(sequence.getValue().get(i), field(key) + "[" + i + "]").ifPresent(items::add);
            }
            return items;
        }

        public Optional<Mapping> mapping(String key, boolean required) {
            Optional<Node> value = required ? required(key) : optional(key);
            return value.flatMap(n -> YamlTree.this.mapping(n, field(key)));
        }

        /** Each item of a list of text values, parsed; a bad item is recorded and skipped. */
        public <T> List<T> list(String key, boolean required, Function<String, T> parser) {
            return items(key, required, parser).stream().map(Item::value).toList();
        }

        /** Whether the key holds a list with nothing in it (as opposed to a list whose items were all invalid). */
        public boolean isEmptyList(String key) {
            return optional(key).map(n -> n instanceof SequenceNode s && s.getValue().isEmpty()).orElse(false);
        }

        public <T> List<Item<T>> items(String key, boolean required, Function<String, T> parser) {
            Optional<Node> value = required ? required(key) : optional(key);
            List<Item<T>> items = new ArrayList<>();
            if (value.isEmpty()) {
                return items;
            }
            if (!(value.get() instanceof SequenceNode sequence)) {
                problem(value.get(), field(key), "expected a list, found " + describe(value.get()));
                return items;
            }
            List<Node> nodes = sequence.getValue();
            String listField = field(key);
            for (int i = 0; i < nodes.size(); i++) {
                Node node = nodes.get(i);
                if (!(node instanceof ScalarNode s && TEXT_TAGS.contains(s.getTag()))) {
                    asText(node, listField + "[" + i + "]"); // records the problem
                    continue;
                }
                try {
                    items.add(new Item<>(parser.apply(s.getValue()), nodes, listField, i));
                } catch (IllegalArgumentException e) {
                    problem(node, listField + "[" + i + "]", e.getMessage());
                }
            }
            return items;
        }

        public Optional<String> asText(Node n, String field) {
            if (n instanceof ScalarNode s && TEXT_TAGS.contains(s.getTag())) {
                return Optional.of(s.getValue());
            }
            problem(n, field, "expected text, found " + describe(n));
            return Optional.empty();
        }
    }
}
