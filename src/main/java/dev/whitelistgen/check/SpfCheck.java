package dev.whitelistgen.check;

import dev.whitelistgen.UserError;
import dev.whitelistgen.dns.DnsResolver;
import dev.whitelistgen.model.DomainName;
import dev.whitelistgen.model.IpNetwork;
import dev.whitelistgen.model.Profile;
import dev.whitelistgen.model.Server;
import dev.whitelistgen.model.SpfMode;
import dev.whitelistgen.render.Escapers;
import dev.whitelistgen.render.RenderModel;
import dev.whitelistgen.spf.PublishedSpf;
import dev.whitelistgen.spf.SpfEvaluator;
import dev.whitelistgen.spf.SpfMerger;
import dev.whitelistgen.spf.SpfOutcome;
import dev.whitelistgen.spf.SpfPlan;
import dev.whitelistgen.spf.SpfRecord;
import dev.whitelistgen.spf.SpfResult;
import dev.whitelistgen.spf.SpfTree;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * `check spf`: does the customer's domain authorise every IP of a Netigate server? Evaluates the published
 * record per RFC 7208 for each IP (sender postmaster@DOMAIN, HELO DOMAIN), audits the record tree, flags terms an
 * earlier Netigate version added that the current one no longer has (issue 23), and when Netigate is not authorised
 * or such a term is left prints the record to publish: the bind target's merge, earlier versions' terms taken out.
 */
public final class SpfCheck {

    private final DnsResolver dns;
    private final SpfEvaluator evaluator;

    public SpfCheck(DnsResolver dns, SpfEvaluator evaluator) {
        this.dns = dns;
        this.evaluator = evaluator;
    }

    public Report run(DomainName domain, Server server, Profile profile) {
        String profileVersion = profile.version();
        PublishedSpf published = PublishedSpf.lookup(dns, domain);
        if (!published.exists()) {
            // "publishes no SPF record" would advise publishing one for a name nobody uses
            throw new UserError(UserError.Kind.NETWORK, "check spf: " + domain + " does not exist (NXDOMAIN); check the spelling of --domain");
        }
        List<Finding> findings = new ArrayList<>();
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("domain", domain.name());
        data.put("server", server.id());
        data.put("profile", profileVersion);
        data.put("records", published.records());

        Optional<SpfRecord> record = Optional.empty();
        boolean recordUsable = false;
        if (published.records().isEmpty()) {
            findings.add(Finding.fail(domain + " publishes no SPF record"));
        } else if (published.records().size() > 1) {
            findings.add(Finding.fail(domain + " publishes " + published.records().size()
                    + " v=spf1 records: a permerror for every sender (RFC 7208 §4.5); keep one"));
            published.records().forEach(r -> findings.add(Finding.info("record: " + r)));
        } else {
            findings.add(Finding.info("record: " + published.records().get(0)));
            try {
                record = Optional.of(SpfRecord.parse(published.records().get(0)));
                recordUsable = true;
            } catch (IllegalArgumentException e) {
                findings.add(Finding.fail("syntax error: the record " + e.getMessage() + " (receivers: permerror)"));
            }
        }
        record.ifPresent(r -> audit(domain, r, findings, data));

        List<Object> perIp = new ArrayList<>();
        int authorised = 0;
        for (IpNetwork network : server.networks()) {
            SpfResult result = evaluator.checkDomain(network.addressBytes(), domain.name(), domain.name());
            boolean pass = result.outcome() == SpfOutcome.PASS;
            authorised += pass ? 1 : 0;
            String ip = network.address() + (network.isSingleAddress() ? "" : " (first address of " + network.cidr() + ")");
            String line = ip + ": " + result.outcome().label() + " — " + result.describePath();
            findings.add(pass ? Finding.ok(line) : Finding.fail(line));
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("ip", network.toString());
            entry.put("result", result.outcome().label());
            entry.put("path", result.path());
            entry.put("problem", result.problem());
            entry.put("lookups", result.lookups());
            entry.put("voidLookups", result.voidLookups());
            perIp.add(entry);
        }
        data.put("ips", perIp);

        int total = server.networks().size();
        boolean allPass = authorised == total;
        if (published.records().size() <= 1) {
            suggest(domain, server, profile, allPass, recordUsable ? record : Optional.empty(), published, findings, data);
        }
        boolean passed = allPass && findings.stream().noneMatch(f -> f.level() == Finding.Level.FAIL);
        String summary = domain + " authorises " + authorised + " of " + total + " IPs of Netigate server " + server.id()
                + (passed ? "" : allPass ? ", but the record has problems" : "");
        return new Report("spf", passed, summary, findings, data);
    }

    private void audit(DomainName domain, SpfRecord record, List<Finding> findings, Map<String, Object> data) {
        SpfTree.Walk walk = SpfTree.walk(dns, domain.name(), record);
        String lookups = "DNS-querying terms across nested includes: " + walk.lookups() + " of " + SpfRecord.MAX_LOOKUPS;
        findings.add(walk.lookups() > SpfRecord.MAX_LOOKUPS
                ? Finding.fail(lookups + " — over RFC 7208's limit: receivers answer permerror") : Finding.ok(lookups));
        String voids = "void lookups (names that do not exist or hold no address): " + walk.voidLookups()
                + " of " + SpfEvaluator.MAX_VOID_LOOKUPS;
        findings.add(walk.voidLookups() > SpfEvaluator.MAX_VOID_LOOKUPS
                ? Finding.fail(voids + " — over RFC 7208's limit: receivers answer permerror") : Finding.ok(voids));
        walk.problems().forEach(p -> findings.add(Finding.fail(p)));
        walk.dnsErrors().forEach(e -> findings.add(Finding.warn("DNS lookup failed: " + e)));
        if (walk.usesPtr()) {
            findings.add(Finding.warn("the record tree uses ptr, which RFC 7208 §5.5 says not to use (slow, unreliable)"));
        }
        record.allTerm().filter(t -> t.qualifier() == '+').ifPresent(t -> findings.add(Finding.fail(
                "'" + t.text() + "' authorises every host on the internet to send as " + domain + "; use ~all or -all")));
        data.put("lookups", walk.lookups());
        data.put("voidLookups", walk.voidLookups());
    }

    /**
     * The record to publish so every IP passes and no earlier version's term is left: the same merge the bind target
     * writes (RenderModel.spfPlan), so publishing it converges the record to what a fresh install would.
     */
    private void suggest(DomainName domain, Server server, Profile profile, boolean allPass, Optional<SpfRecord> existing,
                         PublishedSpf published, List<Finding> findings, Map<String, Object> data) {
        String profileVersion = profile.version();
        if (!published.records().isEmpty() && existing.isEmpty()) {
            if (!allPass) {
                findings.add(Finding.info("fix the record's syntax first; then run this check again for the record to publish"));
            }
            return;
        }
        try {
            SpfPlan plan = RenderModel.spfPlan(profile, server, SpfMode.AUTO, domain, existing);
            List<String> earlier = earlierNetigateTerms(plan, server);
            if (!earlier.isEmpty()) {
                // the articles are undated and neither says an address stopped sending (issue 31): say what the data shows
                findings.add(Finding.fail("the record still authorises " + String.join(", ", earlier) + ", which the current"
                        + " profile version does not list for server " + server.id() + " (whether Netigate still sends from there,"
                        + " the profiles do not say; confirm with Netigate): if it no longer holds them, whoever does passes SPF as "
                        + domain));
                data.put("earlierNetigateTerms", earlier);
            }
            if (allPass && earlier.isEmpty()) {
                return;
            }
            if (!plan.changed()) {
                // The record already names Netigate, yet some IPs fail: the include itself does not list them.
                findings.add(Finding.info("the record already has " + String.join(" ", SpfMerger.vendorTerms(server, SpfMode.AUTO,
                        profileVersion)) + "; the failing IPs are not authorised by it (or a term before it decides):"
                        + " compare the include with the profile: whitelist-gen check drift --server " + server.id()));
                return;
            }
            StringBuilder zone = new StringBuilder(domain + ".\tIN\tTXT\t");
            List<String> strings = plan.record().characterStrings();
            for (int i = 0; i < strings.size(); i++) {
                zone.append(i > 0 ? " " : "").append(Escapers.zone(strings.get(i)));
            }
            findings.add(Finding.info("publish instead (replacing the record, never adding a second): " + zone));
            findings.add(Finding.info("the same with notes: whitelist-gen --target bind --server " + server.id()
                    + " --domain " + domain + " --existing-spf-from-dns"));
            data.put("publish", plan.record().text());
        } catch (UserError e) {
            if (!allPass) {
                findings.add(Finding.fail("cannot merge Netigate into the record: " + String.join("; ", e.lines())));
            }
        }
    }

    /** The terms the merge takes out that authorise none of the server's current networks: an earlier version's. */
    private static List<String> earlierNetigateTerms(SpfPlan plan, Server server) {
        return plan.removed().stream().filter(removed -> !removed.withinCurrentNetworks(server))
                .map(SpfMerger.RetiredTerm::described).toList();
    }
}
