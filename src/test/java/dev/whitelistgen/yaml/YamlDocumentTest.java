package dev.whitelistgen.yaml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

class YamlDocumentTest {

    static final YamlFile.Kind KIND = new YamlFile.Kind("thing", "things", "small");

    @Test
    void anEmptyDocumentIsNull() {
        assertThat(YamlDocument.compose(new StringReader(""), new LoaderOptions())).isNull();
    }

    @Test
    // an alias is the anchored node itself, so it is reported at the anchor's line
    void aFileWithAnAnchorOrATagIsRefusedWithEachLine(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("x.yaml"), "a: &one 1\nb: *one\nc: !local x\n");
        assertThatThrownBy(() -> YamlFile.read(file, "x.yaml", KIND)).isInstanceOf(InvalidYamlException.class)
                .hasMessage("x.yaml:1: a: YAML anchors and aliases are not allowed in things\n"
                        + "x.yaml:1: b: YAML anchors and aliases are not allowed in things\n"
                        + "x.yaml:3: c: YAML tag !local is not allowed in things");
    }

    @Test
    void aFolderAnEmptyFileAndAMissingFileAreNamed(@TempDir Path dir) throws IOException {
        assertThatThrownBy(() -> YamlFile.read(dir, "d", KIND)).hasMessage("d: is a folder, not a thing file");
        Path empty = Files.writeString(dir.resolve("e.yaml"), "");
        assertThatThrownBy(() -> YamlFile.read(empty, "e.yaml", KIND)).hasMessage("e.yaml: file is empty");
        assertThatThrownBy(() -> YamlFile.read(dir.resolve("nope.yaml"), "nope.yaml", KIND)).hasMessage("nope.yaml: no such file");
    }

    /** A profile of 1,000,000 networks is 1,000,000 scalars; each keeps its line and position, not the parser's text. */
    @Test
    void scalarsKeepTheirPositionButNotTheParsersBuffer() {
        Node root = YamlDocument.compose(new StringReader("networks:\n  - 11.0.0.1\n  - &a 11.0.0.2\n"), new LoaderOptions());
        SequenceNode networks = (SequenceNode) ((MappingNode) root).getValue().get(0).getValueNode();
        ScalarNode first = (ScalarNode) networks.getValue().get(0);
        ScalarNode second = (ScalarNode) networks.getValue().get(1);
        assertThat(first.getValue()).isEqualTo("11.0.0.1");
        assertThat(first.getStartMark().getIndex()).isEqualTo("networks:\n  - ".length());
        assertThat(second.getStartMark().getLine()).isEqualTo(2);
        assertThat(second.getAnchor()).isEqualTo("a"); // the profile check refuses anchors by this
        assertThat(first.getStartMark().getBuffer()).isEmpty();
        assertThat(first.getEndMark()).isSameAs(first.getStartMark());
        assertThat(first.getInLineComments()).isNull();
    }

    /**
     * A list's plain scalars are kept as text and position and made into nodes when asked for, yet read exactly as
     * SnakeYAML's own composer reads them: value, tag, style and start mark, in lists of scalars and in mixed lists.
     */
    @Test
    void listScalarsReadAsSnakeYamlComposesThem() {
        String yaml = "a:\n  - 11.0.0.1\n  - '11.0.0.2'\n  - \"x y\"\n  - 12\n  - 1.5\n  - true\n  - ~\n  - 2001:db8::/32\n"
                + "b: [1, two, 3.0.0.0/8]\nc:\n  - k: v\n  - plain\n  - [x, 'y']\nd: []\n";
        Node lean = YamlDocument.compose(new StringReader(yaml), new LoaderOptions());
        Node full = new org.yaml.snakeyaml.Yaml().compose(new StringReader(yaml));
        assertThat(describe(lean)).isEqualTo(describe(full));
        SequenceNode a = (SequenceNode) ((MappingNode) lean).getValue().get(0).getValueNode();
        assertThat(a.getValue().get(0)).as("made when asked for, not held").isNotSameAs(a.getValue().get(0));
    }

    /** Every node's kind, tag, value, style and start position, depth first. */
    private static String describe(Node node) {
        StringBuilder text = new StringBuilder(node.getNodeId() + " " + node.getTag() + " " + node.getStartMark().getLine()
                + ":" + node.getStartMark().getColumn() + "@" + node.getStartMark().getIndex());
        if (node instanceof ScalarNode scalar) {
            text.append(" '").append(scalar.getValue()).append("' ").append(scalar.getScalarStyle());
        } else if (node instanceof SequenceNode sequence) {
            sequence.getValue().forEach(item -> text.append("\n  ").append(describe(item)));
        } else if (node instanceof MappingNode mapping) {
            mapping.getValue().forEach(t -> text.append("\n ").append(describe(t.getKeyNode())).append(" = ").append(describe(t.getValueNode())));
        }
        return text.toString();
    }

    /** The shortcut for dotted numbers resolves each as SnakeYAML's resolver does. */
    @Test
    void theNetworkShortcutResolvesAsSnakeYaml() {
        org.yaml.snakeyaml.resolver.Resolver snake = new org.yaml.snakeyaml.resolver.Resolver();
        YamlDocument.NetworkResolver shortcut = new YamlDocument.NetworkResolver();
        for (String value : java.util.List.of("11.0.0.1", "11.0.0.0/8", "1.2", "1.2.", ".1.2", "1..2", "1_000", "1.5e3", "2001-01-01",
                "12", "0.0.0.0/0", "1.2.3", "1:20", "1.2/3", "true", "~", "")) {
            for (boolean implicit : new boolean[] {true, false}) {
                assertThat(shortcut.resolve(org.yaml.snakeyaml.nodes.NodeId.scalar, value, implicit)).as(value)
                        .isEqualTo(snake.resolve(org.yaml.snakeyaml.nodes.NodeId.scalar, value, implicit));
            }
        }
    }
}
