package dev.whitelistgen.check;

import dev.whitelistgen.UserError;
import dev.whitelistgen.dns.DnsAnswer;
import dev.whitelistgen.dns.DnsResolver;
import dev.whitelistgen.model.DomainName;
import dev.whitelistgen.model.IpNetwork;
import dev.whitelistgen.model.Server;
import dev.whitelistgen.spf.SpfRecord;
import dev.whitelistgen.spf.SpfTree;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * `check drift`: do the networks that Netigate's own SPF include authorises still equal the profile's? A
 * profile network is "missing" when no authorised network covers it, an authorised network is "extra" when it
 * is not one of the profile's (a wider range that holds a profile IP is extra too: it authorises more).
 */
public final class DriftCheck {

    private final DnsResolver dns;

    public DriftCheck(DnsResolver dns) {
        this.dns = dns;
    }

    public Report run(Server server, String profileVersion) {
        DomainName include = server.spfInclude().orElseThrow(() -> new UserError(UserError.Kind.REFUSED,
                "check drift: profile version " + profileVersion + " gives no SPF include for server " + server.id()
                        + ", so there is nothing to compare"));
        if (dns.txt(include.name()).status() == DnsAnswer.Status.NXDOMAIN) {
            // not "4 missing": the include itself is not there
            throw new UserError(UserError.Kind.NETWORK, "check drift: " + include + ", server " + server.id() + "'s SPF include in"
                    + " profile version " + profileVersion + ", does not exist (NXDOMAIN); check the spelling of its spf_include");
        }
        SpfTree.Walk walk = SpfTree.walk(dns, include.name());
        if (!walk.dnsErrors().isEmpty() && walk.networks().isEmpty()) {
            throw new UserError(UserError.Kind.NETWORK, "check drift: cannot resolve " + include + ": " + walk.dnsErrors().get(0));
        }
        List<Finding> findings = new ArrayList<>();
        TreeSet<IpNetwork> authorised = new TreeSet<>();
        walk.networks().forEach(a -> authorised.add(a.network()));
        List<String> equal = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        List<String> extra = new ArrayList<>();
        for (IpNetwork network : server.networks()) {
            if (authorised.contains(network)) {
                equal.add(network.toString());
                findings.add(Finding.ok(network + ": in profile " + profileVersion + " and authorised by " + via(walk, network)));
            } else if (authorised.stream().anyMatch(a -> a.contains(network))) {
                equal.add(network.toString());
                IpNetwork wider = authorised.stream().filter(a -> a.contains(network)).findFirst().orElseThrow();
                findings.add(Finding.ok(network + ": in profile " + profileVersion + ", authorised within " + wider.cidr()));
            } else {
                missing.add(network.toString());
                findings.add(Finding.fail(network + ": missing — in profile " + profileVersion + ", not authorised by " + include));
            }
        }
        for (IpNetwork network : authorised) {
            if (!server.networks().contains(network)) {
                extra.add(network.toString());
                findings.add(Finding.fail(network + ": extra — authorised by " + via(walk, network) + ", not in profile " + profileVersion));
            }
        }
        walk.unlisted().forEach(u -> findings.add(Finding.warn("cannot compare " + u)));
        walk.problems().forEach(p -> findings.add(Finding.fail(p)));
        walk.dnsErrors().forEach(e -> findings.add(Finding.fail("DNS lookup failed: " + e)));
        if (walk.lookups() > SpfRecord.MAX_LOOKUPS) {
            findings.add(Finding.fail(include + " needs " + walk.lookups() + " DNS-querying terms; RFC 7208 allows "
                    + SpfRecord.MAX_LOOKUPS + " (receivers: permerror)"));
        }
        boolean passed = findings.stream().noneMatch(f -> f.level() == Finding.Level.FAIL) && walk.unlisted().isEmpty();
        String summary = passed
                ? "no drift: " + include + " authorises exactly the " + server.networks().size() + " networks of profile "
                        + profileVersion + " for server " + server.id()
                : "drift between " + include + " and profile " + profileVersion + " (server " + server.id() + "): "
                        + missing.size() + " missing, " + extra.size() + " extra" + (walk.unlisted().isEmpty() ? ""
                        : ", " + walk.unlisted().size() + " term(s) that cannot be compared");
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("server", server.id());
        data.put("profile", profileVersion);
        data.put("include", include.name());
        data.put("equal", equal);
        data.put("missing", missing);
        data.put("extra", extra);
        data.put("uncomparable", walk.unlisted());
        data.put("lookups", walk.lookups());
        return new Report("drift", passed, summary, findings, data);
    }

    private static String via(SpfTree.Walk walk, IpNetwork network) {
        return walk.networks().stream().filter(a -> a.network().equals(network)).map(SpfTree.Authorised::via)
                .findFirst().orElse(walk.domain());
    }
}
