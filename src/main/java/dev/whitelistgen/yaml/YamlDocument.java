package dev.whitelistgen.yaml;

import java.io.Reader;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.composer.Composer;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.StreamReader;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * YAML read as a node tree only. This is what {@code Yaml.compose} does, without creating a {@code Yaml}: its
 * object constructor, never used here, starts java.util.logging, which costs every call about 10 ms.
 */
public final class YamlDocument {

    private YamlDocument() {
    }

    /** The single document's root node, or null for an empty file. */
    public static Node compose(Reader reader, LoaderOptions options) {
        return new Composer(new ParserImpl(new StreamReader(reader), options), new Resolver(), options).getSingleNode();
    }
}
