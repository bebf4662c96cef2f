package dev.whitelistgen.render;

import dev.whitelistgen.model.DomainName;
import dev.whitelistgen.model.IpNetwork;
import dev.whitelistgen.model.Profile;
import dev.whitelistgen.model.Server;
import dev.whitelistgen.spf.SpfMerger;
import dev.whitelistgen.spf.SpfPlan;
import dev.whitelistgen.profile.ProfileCatalog;
import dev.whitelistgen.model.SpfMode;
import dev.whitelistgen.spf.SpfRecord;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The data a template sees: plain maps, lists, text, numbers and booleans only (no Java objects, so no
 * method a template could call). Keys are documented in README.md, "Adding a target".
 */
public final class RenderModel {

    private RenderModel() {
    }

    public static Map<String, Object> of(RenderRequest request) {
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("tool", Map.of("name", "whitelist-gen"));
        model.put("command", request.commandLine());
        model.put("target", Map.of("name", request.target().name(), "description", request.target().description()));
        model.put("profile", profile(request.profile().profile()));
        model.put("server", server(request.server()));
        model.put("customerDomains", names(request.customer().domains()));
        model.put("flags", request.customer().flagIds());
        model.put("behind", request.customer().gateway());
        model.put("spfMode", request.customer().spfMode().name().toLowerCase(Locale.ROOT));
        model.put("language", request.language());
        model.put("texts", TargetTexts.of(request.target(), request.language()));
        model.put("bundle", request.bundle().model());
        List<Map<String, Object>> spf = new ArrayList<>();
        if (request.target().spfRecords()) {
            model.put("spfVendorTerms", SpfMerger.vendorTerms(request.server(), request.customer().spfMode(), request.profile().profile().version()));
            for (DomainName domain : request.customer().domains()) {
                spf.add(spf(spfPlan(request.profile().profile(), request.server(), request.customer().spfMode(), domain,
                        Optional.ofNullable(request.customer().existingSpf().get(domain)))));
            }
        } else {
            model.put("spfVendorTerms", List.of());
        }
        model.put("spf", spf);
        model.put("earlier", earlier(request.server(), request.profile().earlier()));
        return model;
    }

    /**
     * The record to publish for one customer domain: the server's current terms merged in, and the terms of every
     * shipped version up to this one (and of the other --spf-mode) taken out, so publishing it converges the record
     * to what a first run of this version would write.
     */
    public static SpfPlan spfPlan(Profile profile, Server server, SpfMode mode, DomainName domain, Optional<SpfRecord> existing) {
        List<String> vendorTerms = SpfMerger.vendorTerms(server, mode, profile.version());
        List<SpfMerger.RetiredTerm> retired = SpfMerger.retiredTerms(ProfileCatalog.shipped().upTo(profile.version()), server, vendorTerms);
        return SpfMerger.plan(domain, existing, vendorTerms, retired);
    }

    /**
     * What earlier versions allowed for this server and the rendered version no longer does, each with the version
     * that listed it (the newest, when several did): the entries an output must take away again (issue 23). A
     * network still inside one of the current networks is not listed.
     */
    static Map<String, Object> earlier(Server current, List<Profile> earlierVersions) {
        Map<String, Map<String, Object>> networks = new LinkedHashMap<>();
        Map<String, Map<String, Object>> senderDomains = new LinkedHashMap<>();
        Map<String, Map<String, Object>> spfIncludes = new LinkedHashMap<>();
        Map<String, Map<String, Object>> webDomains = new LinkedHashMap<>();
        List<String> versions = new ArrayList<>();
        for (Profile profile : earlierVersions) {
            versions.add(profile.version());
            Optional<Server> server = profile.server(current.id());
            if (server.isEmpty()) {
                continue;
            }
            for (IpNetwork network : server.get().networks()) {
                if (current.networks().stream().noneMatch(n -> n.contains(network))) {
                    Map<String, Object> fields = fields(network); // the usual network fields, as gateway guides use them
                    fields.put("version", profile.version());
                    networks.putIfAbsent(network.cidr(), fields);
                }
            }
            retired(server.get().senderDomains(), current.senderDomains(), profile.version(), senderDomains);
            // a customer may have exempted these from link rewriting (the gateway guides' link step)
            retired(server.get().webDomains(), current.webDomains(), profile.version(), webDomains);
            server.get().spfInclude().filter(include -> !current.spfInclude().equals(Optional.of(include))).ifPresent(include ->
                    spfIncludes.putIfAbsent(include.name(), Map.of("name", include.name(), "version", profile.version())));
        }
        return Map.of("versions", versions, "networks", List.copyOf(networks.values()),
                "senderDomains", List.copyOf(senderDomains.values()), "spfIncludes", List.copyOf(spfIncludes.values()),
                "webDomains", List.copyOf(webDomains.values()));
    }

    /** The domains an earlier version listed and the current one does not, by name, with the newest version listing each. */
    private static void retired(List<DomainName> listed, List<DomainName> current, String version, Map<String, Map<String, Object>> into) {
        for (DomainName domain : listed) {
            if (!current.contains(domain)) {
                into.putIfAbsent(domain.name(), Map.of("name", domain.name(), "version", version));
            }
        }
    }

    public static Map<String, Object> profile(Profile profile) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("vendor", profile.vendor());
        map.put("version", profile.version());
        map.put("status", profile.status().label());
        map.put("supersedes", profile.supersedes().orElse(""));
        // source.file is left out on purpose: an internal name no reader of an output can look up
        map.put("source", Map.of(
                "publisher", profile.source().publisher(),
                "title", profile.source().title(),
                "heading", profile.source().heading(),
                "language", profile.source().language(),
                "languageName", profile.source().languageName(),
                "citation", profile.source().citation(),
                "dated", profile.source().dated(),
                "summary", profile.source().summary()));
        map.put("unknowns", profile.unknowns());
        // "said" is false where the article does not say; the boolean is then false too, never a claim of "no"
        map.put("tls", Map.of("inboundRequired", profile.tls().inboundRequired().orElse(false),
                "said", profile.tls().inboundRequired().isPresent(), "note", profile.tls().note()));
        map.put("dkim", Map.of("offered", profile.dkim().offered().orElse(false), "said", profile.dkim().offered().isPresent(),
                "selector", profile.dkim().selector().orElse(""), "note", profile.dkim().note()));
        map.put("inferred", profile.inferred().stream().map(i -> Map.of("field", i.field(), "why", i.why())).toList());
        return map;
    }

    public static Map<String, Object> server(Server server) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("id", server.id());
        map.put("name", server.name());
        map.put("aliases", server.aliases());
        map.put("hosts", server.hostAliases());
        map.put("spfInclude", server.spfInclude().map(DomainName::name).orElse(""));
        map.put("networks", networks(server.networks()));
        map.put("ipv4Networks", networks(server.networks().stream().filter(IpNetwork::isIpv4).toList()));
        map.put("ipv6Networks", networks(server.networks().stream().filter(n -> !n.isIpv4()).toList()));
        // each network's text (its field "text"), made as a template reads it: a template's server.networks?map(n -> n.text)
        // assigned to a variable is a list held for the whole render (exchange, 1,000,000 networks: out of 256 MiB)
        map.put("networkTexts", new java.util.AbstractList<String>() {
            @Override
            public String get(int index) {
                return server.networks().get(index).toString();
            }

            @Override
            public int size() {
                return server.networks().size();
            }
        });
        // Distinct, sorted /24s of the IPv4 networks (Exchange Online spoof entries take a /24 as sending
        // infrastructure). Computed here: de-duplicating in a template is quadratic in the network count.
        map.put("ipv4Slash24s", server.networks().stream().filter(IpNetwork::isIpv4).map(n -> n.enclosing(24))
                .distinct().sorted().map(IpNetwork::cidr).toList());
        map.put("mailDomains", names(server.mailDomains()));
        map.put("senderDomains", names(server.senderDomains()));
        map.put("senderAddresses", server.senderAddresses().stream().map(Object::toString).toList());
        map.put("webDomains", names(server.webDomains()));
        map.put("notes", server.notes());
        return map;
    }

    /**
     * Each network's fields, made when a template reaches the network and dropped after: built whole, a profile of
     * 100,000 networks held about 100 MB of these maps for the whole render (bench/run.sh, (d)). FreeMarker wraps a
     * List in an adapter that calls get(i) as it iterates, without copying it.
     */
    private static List<Map<String, Object>> networks(List<IpNetwork> networks) {
        return new java.util.AbstractList<>() {
            @Override
            public Map<String, Object> get(int index) {
                return fields(networks.get(index));
            }

            @Override
            public int size() {
                return networks.size();
            }
        };
    }

    private static Map<String, Object> fields(IpNetwork network) {
        return new NetworkFields(network);
    }

    /**
     * A network's fields, each made when a template reads it: a template reads one or two of the eight, and making all
     * of them for each of 1,000,000 networks was most of the rendering time (bench/run.sh scale). "version" is added
     * for earlier versions' networks.
     */
    private static final class NetworkFields extends java.util.AbstractMap<String, Object> {

        private static final List<String> KEYS = List.of("text", "cidr", "address", "prefix", "ipv4", "single", "last", "slash24", "netmask");

        private final IpNetwork network;
        private String version;

        NetworkFields(IpNetwork network) {
            this.network = network;
        }

        @Override
        public Object get(Object key) {
            if (!(key instanceof String name)) {
                return null;
            }
            return switch (name) {
                case "text" -> network.toString();
                case "cidr" -> network.cidr();
                case "address" -> network.address();
                case "prefix" -> network.prefix();
                case "ipv4" -> network.isIpv4();
                case "single" -> network.isSingleAddress();
                case "last" -> network.lastAddress();
                case "slash24" -> network.isIpv4() ? network.enclosing(24).cidr() : network.enclosing(48).cidr();
                case "netmask" -> network.isIpv4() ? netmask(network.prefix()) : null;
                case "version" -> version;
                default -> null;
            };
        }

        @Override
        public boolean containsKey(Object key) {
            return get(key) != null;
        }

        @Override
        public Object put(String key, Object value) {
            if (!key.equals("version")) {
                throw new UnsupportedOperationException(key);
            }
            version = (String) value;
            return null;
        }

        @Override
        public Set<Entry<String, Object>> entrySet() {
            Map<String, Object> all = new LinkedHashMap<>();
            KEYS.stream().filter(this::containsKey).forEach(key -> all.put(key, get(key)));
            if (version != null) {
                all.put("version", version);
            }
            return all.entrySet();
        }
    }

    /** An IPv4 prefix length as a dotted netmask (24: 255.255.255.0), as consoles that take address and netmask want it. */
    static String netmask(int prefix) {
        return NETMASKS[prefix];
    }

    // made once: barracuda's guide reads the netmask of every network three times
    private static final String[] NETMASKS = new String[33];

    static {
        for (int prefix = 0; prefix <= 32; prefix++) {
            int mask = prefix == 0 ? 0 : -1 << (32 - prefix);
            NETMASKS[prefix] = (mask >>> 24) + "." + (mask >>> 16 & 0xff) + "." + (mask >>> 8 & 0xff) + "." + (mask & 0xff);
        }
    }

    private static Map<String, Object> spf(SpfPlan plan) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("domain", plan.domain().name());
        map.put("existing", plan.existing().map(Object::toString).orElse(""));
        // the existing record's strings as DNS publishes them (an nsupdate delete must name them exactly), else
        // split as whitelist-gen splits records, which the template says
        map.put("existingStrings", plan.existing().map(e -> e.publishedStrings().isEmpty() ? e.characterStrings() : e.publishedStrings())
                .orElse(List.of()));
        map.put("existingStringsPublished", plan.existing().map(e -> !e.publishedStrings().isEmpty()).orElse(false));
        map.put("record", plan.record().text());
        map.put("strings", plan.record().characterStrings());
        map.put("bytes", plan.record().byteLength());
        map.put("lookups", plan.record().lookupTerms());
        map.put("changed", plan.changed());
        map.put("added", plan.addedTerms());
        map.put("removed", plan.removedTerms());
        map.put("notes", plan.notes());
        return map;
    }

    private static List<String> names(List<DomainName> domains) {
        return domains.stream().map(DomainName::name).toList();
    }
}
