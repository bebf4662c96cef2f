package dev.whitelistgen.yaml;

import java.io.Reader;
import java.util.List;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.comments.CommentLine;
import org.yaml.snakeyaml.composer.Composer;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.parser.Parser;
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
        return new LeanComposer(new ParserImpl(new StreamReader(reader), options), options).getSingleNode();
    }

    /**
     * Scalars without what this project never reads: their end mark, comment lists and the parser's buffer that
     * each mark holds on to. A profile of 1,000,000 networks is 1,000,000 scalars, and SnakeYAML's own nodes
     * needed about 300 bytes each, more than a 256 MiB heap (bench/run.sh scale); the start mark keeps the line
     * and position every problem report and the overlap check use.
     */
    private static final class LeanComposer extends Composer {

        private static final int[] NO_TEXT = new int[0];

        LeanComposer(Parser parser, LoaderOptions options) {
            super(parser, new Resolver(), options);
        }

        @Override
        protected Node composeScalarNode(String anchor, List<CommentLine> blockComments) {
            ScalarNode full = (ScalarNode) super.composeScalarNode(anchor, blockComments);
            Mark start = full.getStartMark();
            Mark lean = new Mark(start.getName(), start.getIndex(), start.getLine(), start.getColumn(), NO_TEXT, 0);
            ScalarNode scalar = new ScalarNode(full.getTag(), full.getValue(), lean, lean, full.getScalarStyle());
            // an alias still reaches the full node (with the anchor), which the profile check refuses either way
            scalar.setAnchor(full.getAnchor());
            return scalar;
        }
    }
}
