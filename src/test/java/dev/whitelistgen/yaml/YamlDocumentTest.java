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
}
