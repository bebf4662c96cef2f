package dev.whitelistgen.yaml;

import java.io.Reader;
import java.util.AbstractList;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.comments.CommentLine;
import org.yaml.snakeyaml.composer.Composer;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.events.ScalarEvent;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeId;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;
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
     * Nodes without what this project never reads: end marks, comment lists, and the parser's buffer that each mark
     * holds on to. A list's plain scalars (a profile's 1,000,000 networks) are kept as text and position, a node made
     * only when one is asked for: SnakeYAML's nodes needed about 160 bytes a scalar even without those, so a profile's
     * node tree alone filled most of a 256 MiB heap (bench/run.sh scale); the start mark keeps the line and position
     * every problem report and the overlap check use.
     */
    private static final class LeanComposer extends Composer {

        private static final int[] NO_TEXT = new int[0];
        /** Stands in a list for each scalar kept in its ScalarItems while the list is composed. */
        private static final ScalarNode KEPT = new ScalarNode(Tag.STR, "", null, null, DumperOptions.ScalarStyle.PLAIN);

        private final Resolver resolver;
        // the collection being composed: a list's ScalarItems, or null inside a mapping
        private final Deque<ScalarItems> open = new ArrayDeque<>();

        LeanComposer(Parser parser, LoaderOptions options) {
            this(parser, new NetworkResolver(), options);
        }

        private LeanComposer(Parser parser, Resolver resolver, LoaderOptions options) {
            super(parser, resolver, options);
            this.resolver = resolver;
        }

        @Override
        protected Node composeScalarNode(String anchor, List<CommentLine> blockComments) {
            ScalarItems items = open.peek();
            Event next = parser.peekEvent();
            if (items != null && items != ScalarItems.NONE && anchor == null && next instanceof ScalarEvent event && (event.getTag() == null || event.getTag().equals("!"))) {
                parser.getEvent();
                Tag tag = resolver.resolve(NodeId.scalar, event.getValue(), event.getImplicit().canOmitTagInPlainScalar());
                items.add(event.getValue(), tag, event.getScalarStyle(), event.getStartMark());
                return KEPT;
            }
            ScalarNode full = (ScalarNode) super.composeScalarNode(anchor, blockComments);
            Mark lean = lean(full.getStartMark());
            ScalarNode scalar = new ScalarNode(full.getTag(), full.getValue(), lean, lean, full.getScalarStyle());
            // an alias still reaches the full node (with the anchor), which the profile check refuses either way
            scalar.setAnchor(full.getAnchor());
            return scalar;
        }

        @Override
        protected Node composeSequenceNode(String anchor) {
            ScalarItems items = new ScalarItems();
            open.push(anchor == null ? items : ScalarItems.NONE); // an anchored list stays as SnakeYAML makes it (and is refused)
            SequenceNode sequence;
            try {
                sequence = (SequenceNode) super.composeSequenceNode(anchor);
            } finally {
                open.pop();
            }
            if (items.size() == 0) {
                return sequence;
            }
            List<Node> children = sequence.getValue();
            List<Node> value;
            if (items.size() == children.size()) {
                value = items.asNodes();
            } else { // scalars beside mappings or lists: each scalar made into its node now (such lists are short)
                value = new ArrayList<>(children.size());
                int next = 0;
                for (Node child : children) {
                    value.add(child == KEPT ? items.node(next++) : child);
                }
            }
            SequenceNode lean = new SequenceNode(sequence.getTag(), true, value, sequence.getStartMark(), sequence.getEndMark(),
                    sequence.getFlowStyle());
            lean.setAnchor(sequence.getAnchor());
            return lean;
        }

        @Override
        protected Node composeMappingNode(String anchor) {
            open.push(ScalarItems.NONE);
            try {
                return super.composeMappingNode(anchor);
            } finally {
                open.pop();
            }
        }

        private static Mark lean(Mark start) {
            return new Mark(start.getName(), start.getIndex(), start.getLine(), start.getColumn(), NO_TEXT, 0);
        }
    }

    /** A list's plain scalars as one text and four numbers each (about 28 bytes for a network, against 160 as nodes). */
    private static final class ScalarItems {

        /** Keeps nothing: scalars of a mapping, or of an anchored list, are composed as usual. */
        static final ScalarItems NONE = new ScalarItems();

        private final StringBuilder text = new StringBuilder();
        private final List<Tag> tags = new ArrayList<>(4);
        private final List<DumperOptions.ScalarStyle> styles = new ArrayList<>(2);
        private String name;
        private int size;
        private int[] ends = new int[16];
        private int[] indexes = new int[16];
        private int[] lines = new int[16];
        private int[] columns = new int[16];
        private byte[] kinds = new byte[16]; // tag index * 16 + style index

        void add(String value, Tag tag, DumperOptions.ScalarStyle style, Mark start) {
            if (size == ends.length) {
                int grown = size * 2;
                ends = Arrays.copyOf(ends, grown);
                indexes = Arrays.copyOf(indexes, grown);
                lines = Arrays.copyOf(lines, grown);
                columns = Arrays.copyOf(columns, grown);
                kinds = Arrays.copyOf(kinds, grown);
            }
            name = start.getName();
            text.append(value);
            ends[size] = text.length();
            indexes[size] = start.getIndex();
            lines[size] = start.getLine();
            columns[size] = start.getColumn();
            kinds[size] = (byte) (indexOf(tags, tag) * 16 + indexOf(styles, style));
            size++;
        }

        int size() {
            return size;
        }

        ScalarNode node(int i) {
            Mark start = new Mark(name, indexes[i], lines[i], columns[i], LeanComposer.NO_TEXT, 0);
            String value = text.substring(i == 0 ? 0 : ends[i - 1], ends[i]);
            return new ScalarNode(tags.get(kinds[i] / 16), value, start, start, styles.get(kinds[i] % 16));
        }

        List<Node> asNodes() {
            text.trimToSize();
            return new AbstractList<>() {
                @Override
                public Node get(int index) {
                    return node(index);
                }

                @Override
                public int size() {
                    return size;
                }
            };
        }

        private static <T> int indexOf(List<T> seen, T value) {
            int index = seen.indexOf(value);
            if (index >= 0) {
                return index;
            }
            seen.add(value);
            return seen.size() - 1;
        }
    }

    /**
     * SnakeYAML's resolver, with a shortcut for what a profile lists by the thousand: digits and dots with two or more
     * dots (and a '/'), an IPv4 address or network. Each of the resolver's patterns for a leading digit (int, float,
     * timestamp) needs a character such text lacks or allows one dot at most, so it is text (str) either way; the
     * shortcut saves trying three regular expressions per network (YamlDocumentTest compares both).
     */
    static final class NetworkResolver extends Resolver {

        @Override
        public Tag resolve(NodeId kind, String value, boolean implicit) {
            if (kind == NodeId.scalar && implicit && isDottedNumbers(value)) {
                return Tag.STR;
            }
            return super.resolve(kind, value, implicit);
        }

        private static boolean isDottedNumbers(String value) {
            int dots = 0;
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                if (c == '.') {
                    dots++;
                } else if ((c < '0' || c > '9') && c != '/') {
                    return false;
                }
            }
            return dots >= 2 && value.charAt(0) != '.';
        }
    }
}
