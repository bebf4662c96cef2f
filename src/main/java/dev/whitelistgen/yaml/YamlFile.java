package dev.whitelistgen.yaml;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.reader.ReaderException;

/**
 * One YAML file read as a node tree, for profiles and target.yaml alike. SnakeYAML only composes the tree (no object
 * construction, so no arbitrary types); anchors, aliases and explicit tags are refused, and size and depth are capped.
 */
public final class YamlFile {

    /** Far above any real profile or target.yaml (a few KiB), low enough that a runaway file is refused before parsing. */
    static final long MAX_FILE_BYTES = 16L * 1024 * 1024;
    private static final Set<Tag> STANDARD_TAGS = Set.of(Tag.STR, Tag.INT, Tag.FLOAT, Tag.BOOL, Tag.NULL, Tag.SEQ, Tag.MAP);

    /** How messages name such a file: "a profile file", "not allowed in profiles", "a profile is a few KiB". */
    public record Kind(String singular, String plural, String usualSize) { }

    private YamlFile() {
    }

    /**
     * The file's root node, every non-plain YAML construct refused with its line.
     *
     * @throws InvalidYamlException naming {@code name} (and the line, where there is one)
     */
    public static Node read(Path file, String name, Kind kind) {
        if (Files.isDirectory(file)) {
            throw invalid(name, 0, "is a folder, not a " + kind.singular() + " file");
        }
        try {
            if (Files.size(file) > MAX_FILE_BYTES) {
                throw invalid(name, 0, "file is larger than " + MAX_FILE_BYTES / (1024 * 1024) + " MiB; a " + kind.singular()
                        + " is " + kind.usualSize());
            }
            try (InputStream in = Files.newInputStream(file)) {
                Node root;
                try {
                    root = compose(name, in, kind);
                } catch (ReaderException e) {
                    // a character YAML does not allow (a control character, say): SnakeYAML gives its position in
                    // the text, not its line, so the line is counted on a second reading, which only this error pays
                    throw invalid(name, lineOf(file, e.getPosition()), "not valid YAML: character U+"
                            + String.format("%04X", e.getCodePoint()) + " is not allowed (a control or other special character)");
                }
                YamlTree tree = new YamlTree(name);
                rejectNonPlainYaml(tree, root, "", kind);
                if (!tree.problems().isEmpty()) {
                    throw new InvalidYamlException(tree.problems());
                }
                return root;
            }
        } catch (IOException e) {
            throw invalid(name, 0, e instanceof NoSuchFileException ? "no such file" : "cannot read: " + e.getMessage());
        }
    }

    private static Node compose(String name, InputStream in, Kind kind) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        // Composing shares aliased nodes instead of expanding them; the cap only stops pathological files
        // early, and rejectNonPlainYaml refuses every anchor with its line.
        options.setMaxAliasesForCollections(20);
        options.setAllowRecursiveKeys(false);
        options.setNestingDepthLimit(16);
        options.setCodePointLimit((int) MAX_FILE_BYTES);
        try {
            Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT));
            Node root = YamlDocument.compose(reader, options);
            if (root == null) {
                throw invalid(name, 0, "file is empty");
            }
            return root;
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            int line = mark == null ? 0 : mark.getLine() + 1;
            throw invalid(name, line, "not valid YAML: " + oneLine(e.getProblem() != null ? e.getProblem() : e.getMessage()));
        } catch (ReaderException e) {
            throw e; // read() names its line
        } catch (YAMLException e) {
            if (String.valueOf(e.getMessage()).contains("Number of aliases")) {
                throw invalid(name, 0, "too many YAML aliases (an alias bomb?); anchors and aliases are not allowed in " + kind.plural());
            }
            if (e.getCause() instanceof CharacterCodingException) {
                throw invalid(name, 0, "not UTF-8 text");
            }
            throw invalid(name, 0, "not valid YAML: " + oneLine(e.getMessage()));
        }
    }

    /** Anchors, aliases and explicit tags have no use here and are how YAML bombs and type tricks start. */
    private static void rejectNonPlainYaml(YamlTree tree, Node node, String field, Kind kind) {
        if (node.getAnchor() != null) {
            tree.problem(node, field, "YAML anchors and aliases are not allowed in " + kind.plural());
            return;
        }
        if (!STANDARD_TAGS.contains(node.getTag())) {
            tree.problem(node, field, "YAML tag " + node.getTag() + " is not allowed in " + kind.plural());
            return;
        }
        if (node instanceof MappingNode mapping) {
            for (NodeTuple tuple : mapping.getValue()) {
                rejectNonPlainYaml(tree, tuple.getKeyNode(), field, kind);
                String key = tuple.getKeyNode() instanceof ScalarNode s ? s.getValue() : "?";
                rejectNonPlainYaml(tree, tuple.getValueNode(), field.isEmpty() ? key : field + "." + key, kind);
            }
        } else if (node instanceof SequenceNode sequence) {
            List<Node> items = sequence.getValue();
            for (int i = 0; i < items.size(); i++) {
                rejectNonPlainYaml(tree, items.get(i), field + "[" + i + "]", kind);
            }
        }
    }

    /** The line (from 1) of the code point at {@code position} of the file's text; 0 where it cannot be read again. */
    private static int lineOf(Path file, int position) {
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            int line = 1;
            for (int i = 0, point = 0; i < text.length() && point < position; i += Character.charCount(text.codePointAt(i)), point++) {
                if (text.charAt(i) == '\n') {
                    line++;
                }
            }
            return line;
        } catch (IOException e) {
            return 0;
        }
    }

    private static String oneLine(String text) {
        return text == null ? "" : text.replaceAll("\\s+", " ").strip();
    }

    private static InvalidYamlException invalid(String file, int line, String message) {
        return new InvalidYamlException(List.of(new YamlProblem(file, line, "", message)));
    }
}
