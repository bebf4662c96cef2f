package dev.whitelistgen.profile;

import dev.whitelistgen.model.DomainName;
import dev.whitelistgen.model.EmailAddress;
import dev.whitelistgen.model.IpNetwork;
import dev.whitelistgen.model.NetworkPolicy;
import dev.whitelistgen.model.Profile;
import dev.whitelistgen.model.Server;
import dev.whitelistgen.yaml.InvalidYamlException;
import dev.whitelistgen.yaml.YamlFile;
import dev.whitelistgen.yaml.YamlTree;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Loads one profile file and validates all of it (yaml.YamlFile reads it: no object construction, no anchors or
 * aliases, size and depth capped).
 */
public final class ProfileLoader {

    public static final int SCHEMA = 1;
    private static final YamlFile.Kind KIND = new YamlFile.Kind("profile", "profiles", "a few KiB");
    private static final int MAX_TEXT = 600;

    private static final Pattern VERSION = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,31}");
    private static final Pattern SERVER_ID = Pattern.compile("[a-z][a-z0-9-]{0,31}");
    private static final Pattern ALIAS = Pattern.compile("[a-z0-9][a-z0-9.-]{0,62}");
    private static final Pattern LANGUAGE = Pattern.compile("[a-z]{2}");

    private final NetworkPolicy networkPolicy;

    public ProfileLoader(NetworkPolicy networkPolicy) {
        this.networkPolicy = networkPolicy;
    }

    public Profile load(Path file) {
        String name = file.toString();
        Node root = YamlFile.read(file, name, KIND);
        YamlTree tree = new YamlTree(name);
        Optional<Profile> profile = tree.root(root).flatMap(mapping -> read(tree, mapping, file));
        profile.ifPresent(p -> checkInferences(tree, root, header(file), p));
        if (!tree.problems().isEmpty() || profile.isEmpty()) {
            throw new InvalidYamlException(tree.problems());
        }
        return profile.get();
    }

    /** The comment lines the file starts with: what it says about itself (the file was read whole just before). */
    private static String header(Path file) {
        StringBuilder header = new StringBuilder();
        List<String> lines;
        try (java.util.stream.Stream<String> all = Files.lines(file)) {
            lines = all.takeWhile(line -> line.startsWith("#")).toList();
        } catch (IOException | java.io.UncheckedIOException e) {
            return "";
        }
        for (String line : lines) {
            if (!line.startsWith("#")) {
                break;
            }
            header.append(line.substring(1).strip()).append(' ');
        }
        return header.toString();
    }

    /**
     * Each listed inference names a field the profile has, and a header that claims nothing is inferred lists nothing:
     * the claim a reader sees first must hold (which values really are inferred, the article text tells:
     * ProfileSourcesTest).
     */
    private static void checkInferences(YamlTree tree, Node root, String header, Profile profile) {
        for (int i = 0; i < profile.inferred().size(); i++) {
            String field = profile.inferred().get(i).field();
            if (resolve(root, field) == null) {
                tree.problem(root, "inferred[" + i + "].field", "'" + field + "' names no field of this profile"
                        + " (a path such as status or servers.azure.aliases)");
            }
        }
        if (header.toLowerCase(Locale.ROOT).replaceAll("\\s+", " ").contains("nothing is inferred") && !profile.inferred().isEmpty()) {
            tree.problem(root, "inferred", "the header says nothing is inferred, yet 'inferred' lists "
                    + profile.inferred().size() + " value(s): say in the header that the listed values are inferred");
        }
    }

    /** The node at a dotted field path, or null. */
    private static Node resolve(Node node, String path) {
        for (String part : path.split("\\.", -1)) {
            if (!(node instanceof MappingNode mapping)) {
                return null;
            }
            node = mapping.getValue().stream()
                    .filter(t -> t.getKeyNode() instanceof org.yaml.snakeyaml.nodes.ScalarNode k && k.getValue().equals(part))
                    .map(NodeTuple::getValueNode).findFirst().orElse(null);
        }
        return node;
    }

    private Optional<Profile> read(YamlTree tree, YamlTree.Mapping root, Path file) {
        root.allowOnly(Set.of("schema", "vendor", "version", "status", "supersedes", "source", "unknowns", "inferred",
                "networks", "servers", "tls", "dkim"));
        root.text("schema", true).ifPresent(schema -> {
            if (!schema.equals(Integer.toString(SCHEMA))) {
                tree.problem(root.optional("schema").orElseThrow(), "schema",
                        "unsupported schema '" + schema + "'; this version of whitelist-gen reads schema " + SCHEMA);
            }
        });
        String vendor = freeText(tree, root, "vendor", true).orElse("");
        String version = matching(tree, root, "version", VERSION, "letters, digits, '.', '_' or '-'").orElse("");
        Profile.Status status = root.text("status", true).flatMap(s -> status(tree, root, s)).orElse(Profile.Status.SUPERSEDED);
        Optional<String> supersedes = root.optional("supersedes").isPresent()
                ? matching(tree, root, "supersedes", VERSION, "a version name") : Optional.empty();
        Profile.Source source = root.mapping("source", true).map(m -> source(tree, m)).orElse(null);
        List<String> unknowns = root.list("unknowns", true, text -> checkedText(text));
        List<IpNetwork> shared = networks(tree, root, "networks");
        List<Server> servers = root.mapping("servers", true).map(m -> servers(tree, m, shared)).orElse(List.of());
        Profile.Tls tls = root.mapping("tls", true).map(m -> tls(tree, m)).orElse(null);
        Profile.Dkim dkim = root.mapping("dkim", true).map(m -> dkim(tree, m)).orElse(null);
        List<Profile.Inference> inferred = root.mappings("inferred").stream().map(m -> inference(tree, m)).flatMap(Optional::stream).toList();
        if (!tree.problems().isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Profile(file, vendor, version, status, supersedes, source, unknowns, servers, tls, dkim, inferred));
    }

    private static Optional<Profile.Status> status(YamlTree tree, YamlTree.Mapping root, String text) {
        try {
            return Optional.of(Profile.Status.valueOf(text.toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            tree.problem(root.optional("status").orElseThrow(), "status", "'" + text + "' is not a status; expected current or superseded");
            return Optional.empty();
        }
    }

    private static Optional<Profile.Inference> inference(YamlTree tree, YamlTree.Mapping m) {
        m.allowOnly(Set.of("field", "why"));
        Optional<String> field = freeText(tree, m, "field", true);
        Optional<String> why = freeText(tree, m, "why", true);
        return field.isPresent() && why.isPresent() ? Optional.of(new Profile.Inference(field.get(), why.get())) : Optional.empty();
    }

    /** Publisher and title only where the article names them; an article that shows no title is cited by its first heading. */
    private static Profile.Source source(YamlTree tree, YamlTree.Mapping m) {
        m.allowOnly(Set.of("publisher", "title", "heading", "language", "file", "dated", "summary"));
        String publisher = freeText(tree, m, "publisher", false).orElse("");
        String title = freeText(tree, m, "title", false).orElse("");
        String heading = freeText(tree, m, "heading", false).orElse("");
        if (m.optional("title").isPresent() == m.optional("heading").isPresent()) {
            tree.problem(m.node(), m.field("title"), "give exactly one of title (the article's title) and heading"
                    + " (its first heading, when it shows no title)");
        }
        String language = matching(tree, m, "language", LANGUAGE, "a two-letter ISO 639-1 code").orElse("");
        String file = freeText(tree, m, "file", false).orElse("");
        String dated = freeText(tree, m, "dated", true).orElse("");
        String summary = freeText(tree, m, "summary", true).orElse("");
        return new Profile.Source(publisher, title, heading, language, file, dated, summary);
    }

    private List<Server> servers(YamlTree tree, YamlTree.Mapping servers, List<IpNetwork> shared) {
        List<Server> result = new ArrayList<>();
        if (servers.keys().isEmpty()) {
            tree.problem(servers.node(), servers.field(""), "no server defined");
        }
        List<String> aliasesSeen = new ArrayList<>();
        for (String id : servers.keys()) {
            Node keyNode = servers.optional(id).orElseThrow();
            if (!SERVER_ID.matcher(id).matches()) {
                tree.problem(keyNode, servers.field(id), "server id must be lower-case letters, digits and '-'");
            }
            servers.mapping(id, true).ifPresent(m -> {
                Server server = server(tree, m, id, shared);
                for (String name : concat(List.of(server.id()), server.aliases())) {
                    if (aliasesSeen.contains(name) || name.equals("all")) {
                        tree.problem(m.node(), m.field("aliases"), "'" + name + "' names more than one server (or is reserved)");
                    }
                    aliasesSeen.add(name);
                }
                result.add(server);
            });
        }
        return result;
    }

    private Server server(YamlTree tree, YamlTree.Mapping m, String id, List<IpNetwork> shared) {
        m.allowOnly(Set.of("name", "aliases", "spf_include", "networks", "mail_domains", "sender_addresses",
                "web_domains", "notes"));
        String name = freeText(tree, m, "name", true).orElse(id);
        List<String> aliases = m.list("aliases", false, ProfileLoader::alias);
        Optional<DomainName> include = m.nullableText("spf_include").flatMap(text -> {
            try {
                return Optional.of(DomainName.parseDnsName(text));
            } catch (IllegalArgumentException e) {
                tree.problem(m.optional("spf_include").orElseThrow(), m.field("spf_include"), e.getMessage());
                return Optional.empty();
            }
        });
        List<IpNetwork> own = networks(tree, m, "networks");
        List<IpNetwork> networks = new ArrayList<>(shared);
        networks.addAll(own);
        List<DomainName> mailDomains = m.list("mail_domains", true, DomainName::parse);
        List<EmailAddress> senders = m.list("sender_addresses", false, EmailAddress::parse);
        List<DomainName> webDomains = m.list("web_domains", false, DomainName::parse);
        List<String> notes = m.list("notes", false, ProfileLoader::checkedText);
        if (include.isEmpty() && networks.isEmpty() && m.optional("spf_include").map(n -> n.getTag().equals(Tag.NULL)).orElse(false)) {
            tree.problem(m.node(), m.field("networks"), "server has neither networks nor an spf_include: nothing to allow");
        }
        if (m.isEmptyList("mail_domains")) {
            tree.problem(m.optional("mail_domains").orElseThrow(), m.field("mail_domains"),
                    "at least one mail domain is needed: every exception is tied to the vendor's sender domains");
        }
        return new Server(id, name, aliases, include, networks, mailDomains, senders, webDomains, notes);
    }

    private List<IpNetwork> networks(YamlTree tree, YamlTree.Mapping m, String key) {
        List<YamlTree.Item<IpNetwork>> items = m.items(key, false, text -> {
            IpNetwork network = IpNetwork.parse(text);
            networkPolicy.problemWith(network).ifPresent(problem -> {
                throw new IllegalArgumentException(problem);
            });
            return network;
        });
        // Sorted by address then prefix, a network can only overlap the widest one still open before it:
        // one pass instead of comparing every pair (profiles with 100,000 networks stay fast).
        List<YamlTree.Item<IpNetwork>> sorted = new ArrayList<>(items);
        sorted.sort(java.util.Comparator.comparing(YamlTree.Item::value));
        YamlTree.Item<IpNetwork> open = null;
        for (YamlTree.Item<IpNetwork> item : sorted) {
            if (open != null && open.value().contains(item.value())) {
                YamlTree.Item<IpNetwork> later = item.index() > open.index() ? item : open; // the same list: index is file order
                YamlTree.Item<IpNetwork> earlier = later == item ? open : item;
                tree.problem(later.node(), later.field(), earlier.value().equals(later.value())
                        ? "'" + later.value() + "' is listed twice"
                        : "'" + later.value() + "' overlaps '" + earlier.value() + "'; list each address once");
                continue;
            }
            open = item;
        }
        return items.stream().map(YamlTree.Item::value).toList();
    }

    private static Profile.Tls tls(YamlTree tree, YamlTree.Mapping m) {
        m.allowOnly(Set.of("inbound_required", "note"));
        // null: the article does not say (never stored as false)
        Optional<Boolean> required = m.nullableBool("inbound_required");
        return new Profile.Tls(required, freeText(tree, m, "note", true).orElse(""));
    }

    private static Profile.Dkim dkim(YamlTree tree, YamlTree.Mapping m) {
        m.allowOnly(Set.of("offered", "selector", "note"));
        Optional<Boolean> offered = m.nullableBool("offered");
        Optional<String> selector = m.nullableText("selector").flatMap(text -> {
            try {
                return Optional.of(DomainName.parseDnsName(text + "._domainkey.invalid").name().split("\\.")[0]);
            } catch (IllegalArgumentException e) {
                tree.problem(m.optional("selector").orElseThrow(), m.field("selector"), "'" + text + "' is not a DKIM selector");
                return Optional.empty();
            }
        });
        return new Profile.Dkim(offered, selector, freeText(tree, m, "note", true).orElse(""));
    }

    private static Optional<String> matching(YamlTree tree, YamlTree.Mapping m, String key, Pattern pattern, String expected) {
        return m.text(key, true).flatMap(text -> {
            if (pattern.matcher(text).matches()) {
                return Optional.of(text);
            }
            tree.problem(m.optional(key).orElseThrow(), m.field(key), "'" + text + "' is not valid; expected " + expected);
            return Optional.empty();
        });
    }

    private static Optional<String> freeText(YamlTree tree, YamlTree.Mapping m, String key, boolean required) {
        return m.text(key, required).flatMap(text -> {
            try {
                return Optional.of(checkedText(text));
            } catch (IllegalArgumentException e) {
                tree.problem(m.optional(key).orElseThrow(), m.field(key), e.getMessage());
                return Optional.empty();
            }
        });
    }

    /**
     * Free text ends up in comments of every output; one line of printable characters can never leave a
     * comment, whatever the output language.
     */
    static String checkedText(String text) {
        String trimmed = text.strip();
        if (trimmed.isEmpty()) {
            throw new IllegalArgumentException("is empty");
        }
        if (trimmed.length() > MAX_TEXT) {
            throw new IllegalArgumentException("is longer than " + MAX_TEXT + " characters");
        }
        for (int i = 0; i < trimmed.length(); i++) {
            char c = trimmed.charAt(i);
            if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
                throw new IllegalArgumentException("holds a line break or control character; free text must be one line"
                        + " (use a folded '>-' block for long text)");
            }
        }
        return trimmed;
    }

    private static String alias(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        if (!ALIAS.matcher(lower).matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a valid alias (letters, digits, '.', '-')");
        }
        return lower;
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
