package dev.whitelistgen.spf;

import dev.whitelistgen.dns.DnsAnswer;
import dev.whitelistgen.dns.DnsResolver;
import dev.whitelistgen.model.IpNetwork;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * check_host() of RFC 7208: evaluates a domain's SPF record for a client IP, following include and redirect,
 * with the limits of §4.6.4 (10 DNS-querying terms, 2 void lookups, 10 MX and PTR names), macros (§7) and
 * exp= explanations (§6.2). Every result says which terms decided it.
 */
public final class SpfEvaluator {

    public static final int MAX_VOID_LOOKUPS = 2;
    private static final int MAX_NAMES = 10;

    private final DnsResolver dns;
    private final Duration limit;
    private final Clock clock;

    /** @param limit the longest one evaluation may take (RFC 7208 §4.6.4 suggests at least 20 seconds) */
    public SpfEvaluator(DnsResolver dns, Duration limit, Clock clock) {
        this.dns = dns;
        this.limit = limit;
        this.clock = clock;
    }

    public SpfEvaluator(DnsResolver dns) {
        this(dns, Duration.ofSeconds(20), Clock.systemUTC());
    }

    /** A permerror or temperror: it ends the whole evaluation. */
    private static final class Abort extends Exception {
        private static final long serialVersionUID = 1L;
        final SpfOutcome outcome;

        Abort(SpfOutcome outcome, String message) {
            super(message, null, false, false);
            this.outcome = outcome;
        }
    }

    /** What one evaluation counts and knows. */
    private final class Evaluation {
        final byte[] ip;
        final String sender;
        final String localPart;
        final String senderDomain;
        final String helo;
        final Instant deadline;
        int lookups;
        int voids;

        Evaluation(byte[] ip, String sender, String helo) {
            this.ip = IpAddresses.unmapped(ip);
            this.helo = helo;
            int at = sender.lastIndexOf('@');
            String local = at < 0 ? "" : sender.substring(0, at);
            this.senderDomain = at < 0 ? sender : sender.substring(at + 1);
            this.localPart = local.isEmpty() ? "postmaster" : local;
            this.sender = this.localPart + "@" + senderDomain;
            this.deadline = clock.instant().plus(limit);
        }

        boolean ipv6() {
            return ip.length == 16;
        }

        void countLookup(String term) throws Abort {
            if (++lookups > SpfRecord.MAX_LOOKUPS) {
                throw new Abort(SpfOutcome.PERMERROR, "more than " + SpfRecord.MAX_LOOKUPS
                        + " DNS-querying terms (include, a, mx, ptr, exists, redirect); the 11th was " + term);
            }
        }

        void countVoid(String term) throws Abort {
            if (++voids > MAX_VOID_LOOKUPS) {
                throw new Abort(SpfOutcome.PERMERROR, "more than " + MAX_VOID_LOOKUPS
                        + " DNS lookups found nothing (void lookups); the 3rd was for " + term);
            }
        }

        void checkTime() throws Abort {
            if (clock.instant().isAfter(deadline)) {
                throw new Abort(SpfOutcome.TEMPERROR, "evaluation took longer than " + limit.toSeconds() + " s");
            }
        }

        Macros.Values values(String domain) {
            return letter -> switch (letter) {
                case 's' -> sender;
                case 'l' -> localPart;
                case 'o' -> senderDomain;
                case 'd' -> domain;
                case 'i' -> IpAddresses.dotted(ip);
                case 'p' -> validatedName(this, domain);
                case 'v' -> ipv6() ? "ip6" : "in-addr";
                case 'h' -> helo;
                case 'c' -> IpAddresses.format(ip);
                case 'r' -> "unknown";
                case 't' -> Long.toString(clock.instant().getEpochSecond());
                default -> throw new IllegalStateException("macro letter " + letter);
            };
        }
    }

    /** The outcome of one record, before it is wrapped up for the caller. */
    private record Verdict(SpfOutcome outcome, List<String> path, Optional<String> explanation) { }

    /**
     * @param ip     the client's address (4 or 16 bytes; IPv4-mapped IPv6 counts as IPv4)
     * @param sender the MAIL FROM address; "" uses postmaster@helo (RFC 7208 §2.4)
     * @param helo   the HELO/EHLO name
     */
    public SpfResult check(byte[] ip, String sender, String helo) {
        String from = sender.isEmpty() ? "postmaster@" + helo : sender;
        Evaluation evaluation = new Evaluation(ip, from, helo);
        return check(evaluation, evaluation.senderDomain);
    }

    /** check_host() for a given domain, e.g. a customer's domain with sender postmaster@domain. */
    public SpfResult checkDomain(byte[] ip, String domain, String helo) {
        Evaluation evaluation = new Evaluation(ip, "postmaster@" + domain, helo);
        return check(evaluation, domain);
    }

    private SpfResult check(Evaluation evaluation, String domain) {
        try {
            if (!validDomain(domain, true)) {
                return new SpfResult(SpfOutcome.NONE, List.of(), Optional.empty(),
                        "'" + domain + "' is not a valid domain name", evaluation.lookups, evaluation.voids);
            }
            Verdict verdict = checkHost(evaluation, strip(domain));
            return new SpfResult(verdict.outcome(), verdict.path(), verdict.explanation(), "", evaluation.lookups, evaluation.voids);
        } catch (Abort abort) {
            return new SpfResult(abort.outcome, List.of(), Optional.empty(), abort.getMessage(), evaluation.lookups, evaluation.voids);
        }
    }

    private Verdict checkHost(Evaluation ev, String domain) throws Abort {
        Optional<SpfRecord> found = lookupRecord(ev, domain);
        if (found.isEmpty()) {
            return new Verdict(SpfOutcome.NONE, List.of(), Optional.empty());
        }
        SpfRecord record = found.get();
        SpfRecord.Term redirect = modifier(record, "redirect");
        SpfRecord.Term exp = modifier(record, "exp");
        for (SpfRecord.Term term : record.terms()) {
            if (term.modifier()) {
                continue;
            }
            List<String> matchPath = matches(ev, domain, term);
            if (matchPath != null) {
                SpfOutcome outcome = SpfOutcome.ofQualifier(term.qualifier());
                Optional<String> explanation = outcome == SpfOutcome.FAIL && exp != null
                        ? explain(ev, domain, exp) : Optional.empty();
                return new Verdict(outcome, matchPath, explanation);
            }
        }
        // §6.1: redirect applies only when no mechanism matched and the record has no "all".
        boolean hasAll = record.allTerm().isPresent();
        if (redirect != null && !hasAll) {
            ev.countLookup(redirect.text());
            String target = targetName(ev, domain, redirect.value());
            Verdict inner = target == null ? null : checkHost(ev, target);
            if (inner == null || inner.outcome() == SpfOutcome.NONE) {
                throw new Abort(SpfOutcome.PERMERROR, redirect.text() + ": " + (target == null ? "not a valid domain name"
                        : target + " has no SPF record"));
            }
            List<String> path = new ArrayList<>();
            path.add(redirect.text());
            path.addAll(inner.path());
            return new Verdict(inner.outcome(), path, inner.explanation());
        }
        return new Verdict(SpfOutcome.NEUTRAL, List.of(), Optional.empty());
    }

    private static SpfRecord.Term modifier(SpfRecord record, String name) {
        return record.terms().stream().filter(t -> t.modifier() && t.name().equals(name)).findFirst().orElse(null);
    }

    private Optional<SpfRecord> lookupRecord(Evaluation ev, String domain) throws Abort {
        ev.checkTime();
        DnsAnswer<String> answer = dns.txt(domain);
        if (answer.failed()) {
            throw new Abort(SpfOutcome.TEMPERROR, "TXT " + domain + ": " + answer.problem());
        }
        List<String> records = answer.records().stream().filter(SpfRecord::isSpf).toList();
        if (records.isEmpty()) {
            return Optional.empty();
        }
        if (records.size() > 1) {
            throw new Abort(SpfOutcome.PERMERROR, domain + " publishes " + records.size() + " v=spf1 records; RFC 7208 §4.5 allows one");
        }
        try {
            return Optional.of(SpfRecord.parse(records.get(0)));
        } catch (IllegalArgumentException e) {
            throw new Abort(SpfOutcome.PERMERROR, "SPF record of " + domain + ": " + e.getMessage());
        }
    }

    /** The path of a matching term (itself, plus an include's inner path), or null when it does not match. */
    private List<String> matches(Evaluation ev, String domain, SpfRecord.Term term) throws Abort {
        if (term.isLookup()) {
            ev.countLookup(term.text());
            ev.checkTime();
        }
        if (term.name().equals("include")) {
            return matchesInclude(ev, domain, term);
        }
        boolean matched = switch (term.name()) {
            case "all" -> true;
            case "ip4", "ip6" -> {
                IpNetwork network = term.network();
                yield network.isIpv4() == !ev.ipv6() && network.contains(IpNetwork.of(ev.ip, ev.ip.length * 8));
            }
            case "a" -> {
                String target = targetName(ev, domain, term.domainSpec());
                yield target != null && matchesAddresses(ev, term, target, true);
            }
            case "mx" -> {
                String target = targetName(ev, domain, term.domainSpec());
                yield target != null && matchesMx(ev, term, target);
            }
            case "ptr" -> {
                String target = targetName(ev, domain, term.domainSpec());
                yield target != null && matchesPtr(ev, target);
            }
            case "exists" -> {
                String target = targetName(ev, domain, term.domainSpec());
                yield target != null && matchesExists(ev, term, target);
            }
            default -> throw new IllegalStateException(term.name());
        };
        return matched ? List.of(term.text()) : null;
    }

    /** §5.2: pass matches; fail, softfail and neutral do not; none is a permerror; errors end everything. */
    private List<String> matchesInclude(Evaluation ev, String domain, SpfRecord.Term term) throws Abort {
        String target = targetName(ev, domain, term.domainSpec());
        Verdict inner = target == null ? null : checkHost(ev, target);
        if (inner == null || inner.outcome() == SpfOutcome.NONE) {
            throw new Abort(SpfOutcome.PERMERROR, term.text() + ": " + (target == null ? "not a valid domain name"
                    : target + " has no SPF record"));
        }
        if (inner.outcome() != SpfOutcome.PASS) {
            return null;
        }
        List<String> path = new ArrayList<>();
        path.add(term.text());
        path.addAll(inner.path());
        return path;
    }

    private boolean matchesExists(Evaluation ev, SpfRecord.Term term, String target) throws Abort {
        // §5.7: always an A query, whatever the client's address family.
        DnsAnswer<byte[]> answer = dns.addresses(target, false);
        if (answer.failed()) {
            throw new Abort(SpfOutcome.TEMPERROR, term.text() + ": A " + target + ": " + answer.problem());
        }
        if (answer.isVoid()) {
            ev.countVoid(term.text());
        }
        return !answer.records().isEmpty();
    }

    private boolean matchesAddresses(Evaluation ev, SpfRecord.Term term, String target, boolean countVoid) throws Abort {
        DnsAnswer<byte[]> answer = dns.addresses(target, ev.ipv6());
        if (answer.failed()) {
            throw new Abort(SpfOutcome.TEMPERROR, term.text() + ": " + (ev.ipv6() ? "AAAA " : "A ") + target + ": " + answer.problem());
        }
        if (countVoid && answer.isVoid()) {
            ev.countVoid(term.text());
        }
        return containsClient(ev, term, answer.records());
    }

    private boolean containsClient(Evaluation ev, SpfRecord.Term term, List<byte[]> addresses) {
        int prefix = ev.ipv6() ? term.cidr6() : term.cidr4();
        IpNetwork client = IpNetwork.of(ev.ip, ev.ip.length * 8);
        for (byte[] address : addresses) {
            if (address.length == ev.ip.length && IpNetwork.of(address, prefix).contains(client)) {
                return true;
            }
        }
        return false;
    }

    private boolean matchesMx(Evaluation ev, SpfRecord.Term term, String target) throws Abort {
        DnsAnswer<String> answer = dns.mx(target);
        if (answer.failed()) {
            throw new Abort(SpfOutcome.TEMPERROR, term.text() + ": MX " + target + ": " + answer.problem());
        }
        if (answer.isVoid()) {
            ev.countVoid(term.text());
        }
        if (answer.records().size() > MAX_NAMES) {
            throw new Abort(SpfOutcome.PERMERROR, term.text() + ": " + target + " has " + answer.records().size()
                    + " MX records; RFC 7208 §4.6.4 allows " + MAX_NAMES);
        }
        for (String host : answer.records()) {
            ev.checkTime();
            if (host.isEmpty() || !validDomain(host, false)) {
                continue;
            }
            if (matchesAddresses(ev, term, host, false)) {
                return true;
            }
        }
        return false;
    }

    private boolean matchesPtr(Evaluation ev, String target) {
        for (String name : validatedNames(ev)) {
            if (isSubdomain(name, target)) {
                return true;
            }
        }
        return false;
    }

    /** Names of the client's PTR records that resolve back to it (§5.5); DNS errors skip a name. */
    private List<String> validatedNames(Evaluation ev) {
        DnsAnswer<String> answer = dns.ptr(IpAddresses.reverseName(ev.ip));
        List<String> validated = new ArrayList<>();
        if (answer.failed()) {
            return validated;
        }
        List<String> names = answer.records();
        for (String name : names.subList(0, Math.min(MAX_NAMES, names.size()))) {
            if (!validDomain(name, false)) {
                continue;
            }
            DnsAnswer<byte[]> addresses = dns.addresses(name, ev.ipv6());
            if (!addresses.failed() && addresses.records().stream().anyMatch(a -> java.util.Arrays.equals(a, ev.ip))) {
                validated.add(strip(name));
            }
        }
        return validated;
    }

    /** %{p}: a validated name, preferring the domain itself or a subdomain of it; "unknown" when none. */
    private String validatedName(Evaluation ev, String domain) {
        List<String> names = validatedNames(ev);
        return names.stream().filter(n -> isSubdomain(n, domain)).findFirst()
                .or(() -> names.stream().findFirst()).orElse("unknown");
    }

    /** The exp= text for a fail; any problem falls back to no explanation (§6.2). */
    private Optional<String> explain(Evaluation ev, String domain, SpfRecord.Term exp) {
        String target = targetName(ev, domain, exp.value());
        if (target == null) {
            return Optional.empty();
        }
        DnsAnswer<String> answer = dns.txt(target);
        if (answer.failed() || answer.records().size() != 1) {
            return Optional.empty();
        }
        String text = answer.records().get(0);
        try {
            Macros.check(text, true);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        return Optional.of(Macros.expand(text, ev.values(domain), true));
    }

    /**
     * A domain-spec expanded to the name to query: trailing dot dropped, cut from the left to 253 characters
     * (§7.3). Null when the result cannot be a DNS name (empty or over-long label): the term then matches nothing.
     */
    private String targetName(Evaluation ev, String domain, String spec) {
        if (spec.isEmpty()) {
            return domain;
        }
        String name = strip(Macros.expand(spec, ev.values(domain), false));
        while (name.length() > 253 && name.indexOf('.') >= 0) {
            name = name.substring(name.indexOf('.') + 1);
        }
        return validDomain(name, false) ? name : null;
    }

    /** §4.3: labels of 1 to 63 characters; the checked domain must also have two labels and be no literal. */
    private static boolean validDomain(String domain, boolean multiLabel) {
        String name = strip(domain);
        if (name.isEmpty() || name.length() > 253 || name.startsWith("[")) {
            return false;
        }
        String[] labels = name.split("\\.", -1);
        if (multiLabel && labels.length < 2) {
            return false;
        }
        for (String label : labels) {
            if (label.isEmpty() || label.length() > 63) {
                return false;
            }
        }
        return true;
    }

    private static boolean isSubdomain(String name, String parent) {
        String n = strip(name).toLowerCase(Locale.ROOT);
        String p = strip(parent).toLowerCase(Locale.ROOT);
        return n.equals(p) || n.endsWith("." + p);
    }

    private static String strip(String name) {
        return name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
    }
}
