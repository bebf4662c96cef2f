package dev.whitelistgen.spf;

import dev.whitelistgen.dns.DnsAnswer;
import dev.whitelistgen.dns.DnsResolver;
import dev.whitelistgen.model.IpNetwork;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Walks a domain's SPF record and every record it includes or redirects to, without a client IP: counts the
 * DNS-querying terms and void lookups of the whole tree (what a receiver may need in the worst case), lists
 * the networks the tree authorises, and collects what is wrong. The evaluator answers for one IP; this
 * answers for the record.
 */
public final class SpfTree {

    /** A network that a "+" path of the tree authorises, and the path ("_spf.example: ip4:192.0.2.0/24"). */
    public record Authorised(IpNetwork network, String via) { }

    /**
     * @param unlisted  authorising terms whose addresses cannot be listed (exists, ptr, macros, +all)
     * @param problems  errors a receiver turns into permerror (missing or broken included records, loops)
     * @param dnsErrors lookups that failed (timeouts, SERVFAIL): the walk is incomplete
     */
    public record Walk(String domain, int lookups, int voidLookups, List<Authorised> networks, List<String> unlisted,
                       List<String> problems, List<String> dnsErrors, boolean usesPtr) {
    }

    /** Enough for any sane tree (receivers stop at 10 lookups); it bounds the time a broken one can take. */
    private static final int MAX_RECORDS = 50;

    private final DnsResolver dns;
    private int records;
    private int lookups;
    private int voids;
    private boolean usesPtr;
    private final List<Authorised> networks = new ArrayList<>();
    private final List<String> unlisted = new ArrayList<>();
    private final List<String> problems = new ArrayList<>();
    private final List<String> dnsErrors = new ArrayList<>();

    private SpfTree(DnsResolver dns) {
        this.dns = dns;
    }

    /** Walks from a record already in hand (the customer's, as looked up by the caller). */
    public static Walk walk(DnsResolver dns, String domain, SpfRecord record) {
        SpfTree tree = new SpfTree(dns);
        tree.visit(domain, record, true, new HashSet<>(Set.of(domain.toLowerCase(java.util.Locale.ROOT))));
        return tree.result(domain);
    }

    /** Walks from a domain's published record (an SPF include such as _spf.netigate.se). */
    public static Walk walk(DnsResolver dns, String domain) {
        SpfTree tree = new SpfTree(dns);
        tree.follow(domain, "", true, new HashSet<>());
        return tree.result(domain);
    }

    private Walk result(String domain) {
        return new Walk(domain, lookups, voids, networks, unlisted, problems, dnsErrors, usesPtr);
    }

    /** Looks up and visits an included or redirected domain; "" as term for the starting domain. */
    private void follow(String domain, String term, boolean authorising, Set<String> visiting) {
        String where = term.isEmpty() ? domain : term;
        if (!visiting.add(domain.toLowerCase(java.util.Locale.ROOT))) {
            problems.add(where + ": loops back to " + domain);
            return;
        }
        if (++records > MAX_RECORDS) {
            problems.add(where + ": not followed; the tree holds more than " + MAX_RECORDS + " records");
            visiting.remove(domain.toLowerCase(java.util.Locale.ROOT));
            return;
        }
        DnsAnswer<String> answer = dns.txt(domain);
        if (answer.failed()) {
            dnsErrors.add("TXT " + domain + ": " + answer.problem());
        } else {
            List<String> records = answer.records().stream().filter(SpfRecord::isSpf).toList();
            if (records.isEmpty()) {
                problems.add(where + ": " + domain + " publishes no SPF record (receivers: permerror)");
            } else if (records.size() > 1) {
                problems.add(where + ": " + domain + " publishes " + records.size() + " v=spf1 records (receivers: permerror)");
            } else {
                try {
                    visit(domain, SpfRecord.parse(records.get(0)), authorising, visiting);
                } catch (IllegalArgumentException e) {
                    problems.add(where + ": the SPF record of " + domain + " " + e.getMessage() + " (receivers: permerror)");
                }
            }
        }
        visiting.remove(domain.toLowerCase(java.util.Locale.ROOT));
    }

    private void visit(String domain, SpfRecord record, boolean authorising, Set<String> visiting) {
        for (SpfRecord.Term term : record.terms()) {
            if (term.modifier()) {
                continue;
            }
            if (term.isLookup()) {
                lookups++;
            }
            boolean authorises = authorising && term.qualifier() == '+';
            String via = domain + ": " + term.text();
            switch (term.name()) {
                case "ip4", "ip6" -> {
                    if (authorises) {
                        networks.add(new Authorised(term.network(), via));
                    }
                }
                case "a", "mx" -> addresses(domain, term, authorises, via);
                case "ptr" -> {
                    usesPtr = true;
                    if (authorises) {
                        unlisted.add(via + " (authorises by reverse DNS; cannot be listed)");
                    }
                }
                case "exists" -> {
                    if (authorises) {
                        unlisted.add(via + " (depends on the sender; cannot be listed)");
                    }
                }
                case "all" -> {
                    if (authorises) {
                        unlisted.add(via + " (authorises every address)");
                    }
                }
                case "include" -> {
                    if (term.domainSpec().contains("%")) {
                        unlisted.add(via + " (uses macros; not followed)");
                    } else {
                        follow(strip(term.domainSpec()), via, authorises, visiting);
                    }
                }
                default -> throw new IllegalStateException(term.name());
            }
        }
        boolean hasAll = record.allTerm().isPresent();
        record.terms().stream().filter(t -> t.modifier() && t.name().equals("redirect")).findFirst().ifPresent(redirect -> {
            if (hasAll) {
                return;
            }
            lookups++;
            if (redirect.value().contains("%")) {
                unlisted.add(domain + ": " + redirect.text() + " (uses macros; not followed)");
            } else {
                follow(strip(redirect.value()), domain + ": " + redirect.text(), authorising, visiting);
            }
        });
    }

    private void addresses(String domain, SpfRecord.Term term, boolean authorises, String via) {
        String target = term.domainSpec().isEmpty() ? domain : strip(term.domainSpec());
        if (target.contains("%")) {
            if (authorises) {
                unlisted.add(via + " (uses macros; cannot be listed)");
            }
            return;
        }
        List<String> hosts = new ArrayList<>();
        if (term.name().equals("mx")) {
            DnsAnswer<String> mx = dns.mx(target);
            if (mx.failed()) {
                dnsErrors.add("MX " + target + ": " + mx.problem());
                return;
            }
            if (mx.isVoid()) {
                voids++;
            }
            mx.records().stream().filter(h -> !h.isEmpty()).forEach(hosts::add);
        } else {
            hosts.add(target);
        }
        for (String host : hosts) {
            DnsAnswer<byte[]> answer = dns.allAddresses(host);
            if (answer.failed()) {
                dnsErrors.add("A/AAAA " + host + ": " + answer.problem());
                continue;
            }
            if (answer.isVoid() && term.name().equals("a")) {
                voids++;
            }
            if (authorises) {
                for (byte[] address : answer.records()) {
                    int prefix = address.length == 4 ? term.cidr4() : term.cidr6();
                    networks.add(new Authorised(IpNetwork.of(address, prefix), via + " (" + host + ")"));
                }
            }
        }
    }

    private static String strip(String name) {
        return name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
    }
}
