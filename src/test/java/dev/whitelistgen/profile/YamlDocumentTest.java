package dev.whitelistgen.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

class YamlDocumentTest {

    private static Object plain(String yaml) {
        return YamlDocument.plain(YamlDocument.compose(new StringReader(yaml), new LoaderOptions()));
    }

    @Test
    void readsMapsListsTextNumbersAndBooleans() {
        assertThat(plain("a: text\nb: 42\nc: true\nd: [x, -7, false]\ne:\n  f: null\n")).isEqualTo(Map.of(
                "a", "text", "b", 42, "c", true, "d", List.of("x", -7, false), "e", java.util.Collections.singletonMap("f", null)));
    }

    @Test
    void onlyTrueFalseAndDecimalNumbersGetThoseTypes() {
        // YAML 1.1 resolves these as booleans and numbers; kept as text, a type check refuses them
        assertThat(plain("a: yes\nb: off\nc: 0x10\nd: 1_000\ne: 12345678901\n")).isEqualTo(Map.of(
                "a", "yes", "b", "off", "c", "0x10", "d", "1_000", "e", "12345678901"));
    }

    @Test
    void anEmptyDocumentIsNull() {
        assertThat(YamlDocument.compose(new StringReader(""), new LoaderOptions())).isNull();
    }

    @Test
    void aKeyGivenTwiceIsRefusedWithItsLine() {
        assertThatThrownBy(() -> plain("a: 1\nb: 2\na: 3\n"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("line 3: duplicate key 'a'");
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
}
