package dev.whitelistgen.check;

import dev.whitelistgen.UserError;
import dev.whitelistgen.dns.DnsAnswer;
import dev.whitelistgen.dns.DnsResolver;
import dev.whitelistgen.model.DomainName;
import dev.whitelistgen.model.Flag;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * `check mx`: which mail system receives the domain's mail, named from its MX host names (mx-systems.tsv), and
 * which targets to generate. A filtering gateway in front of the mailboxes hides Netigate's IPs from the mailbox
 * system, so the gateway needs its own allowlist and the mailbox system a step of its own.
 */
public final class MxCheck {

    private final DnsResolver dns;
    private final MxSystems systems;

    public MxCheck(DnsResolver dns, MxSystems systems) {
        this.dns = dns;
        this.systems = systems;
    }

    public Report run(DomainName domain) {
        DnsAnswer<String> answer = dns.mx(domain.name());
        if (answer.status() == DnsAnswer.Status.NXDOMAIN) {
            throw new UserError(UserError.Kind.NETWORK, "check mx: " + domain + " does not exist (NXDOMAIN); check the spelling");
        }
        if (answer.failed()) {
            throw new UserError(UserError.Kind.NETWORK, "check mx: cannot look up the MX records of " + domain + ": " + answer.problem());
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("domain", domain.name());
        if (answer.records().isEmpty()) {
            return withoutMx(domain, data);
        }
        if (answer.records().stream().allMatch(String::isEmpty)) {
            data.put("hosts", List.of());
            return new Report("mx", false, domain + " publishes a null MX: it accepts no mail",
                    List.of(Finding.fail("MX of " + domain + ": \".\", a null MX (RFC 7505): the domain states it accepts no mail;"
                            + " surveys to its addresses cannot be delivered")), data);
        }
        List<Finding> findings = new ArrayList<>();
        List<Object> hosts = new ArrayList<>();
        Set<String> named = new LinkedHashSet<>();
        Set<MxSystems.MxSystem> found = new LinkedHashSet<>();
        boolean unknown = false;
        for (String host : answer.records()) {
            if (host.isEmpty()) {
                continue;
            }
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("host", host);
            Optional<MxSystems.MxSystem> system = systems.of(host);
            if (system.isPresent()) {
                MxSystems.MxSystem s = system.get();
                // Several suffixes name one system (Google's three): its advice once.
                if (found.stream().noneMatch(f -> f.name().equals(s.name()))) {
                    found.add(s);
                }
                named.add(s.name());
                // Says where the MX points and on whose word, never which products the domain's owner licenses.
                findings.add(Finding.ok(host + ": " + s.name() + " (" + (s.gateway() ? "filtering gateway" : "mailboxes")
                        + "): the MX points at " + s.pattern(host) + ", " + sourceNote(s) + " " + s.doc()));
                entry.put("system", s.name());
                entry.put("kind", s.gateway() ? "gateway" : "mailbox");
                entry.put("suffix", s.suffix());
                entry.put("targets", s.targets());
                entry.put("doc", s.doc());
                entry.put("source", s.source());
            } else {
                unknown = true;
                findings.add(Finding.info(host + ": not a system whitelist-gen can name from the host name (an own server,"
                        + " a hosting provider, or a gateway not in its list)"));
            }
            hosts.add(entry);
        }
        Optional<String> behind = behind(found);
        findings.addAll(advice(found, unknown, behind));
        data.put("hosts", hosts);
        data.put("targets", found.stream().flatMap(s -> s.targets().stream()).distinct().toList());
        behind.ifPresent(gateway -> data.put("behind", gateway));
        String summary = named.isEmpty()
                ? "the MX hosts of " + domain + " are not ones whitelist-gen can name"
                : domain + " receives mail through " + String.join(" and ", named) + (unknown ? " (and hosts it cannot name)" : "");
        return new Report("mx", true, summary, findings, data);
    }

    private static String sourceNote(MxSystems.MxSystem system) {
        return switch (system.source()) {
            case "vendor" -> "as the vendor's own page documents:";
            case "third-party" -> "which only a third-party page names for it (no page of the vendor's own found):";
            default -> "a domain of the vendor's own, which its page found does not name as an MX host:";
        };
    }

    /**
     * What --behind names for the first gateway among the MX hosts: its target, or "other" for a gateway without one;
     * empty when the MX names no gateway.
     */
    static Optional<String> behind(Set<MxSystems.MxSystem> found) {
        return found.stream().filter(MxSystems.MxSystem::gateway).findFirst()
                .map(s -> s.targets().stream().filter(Flag.GATEWAYS::contains).findFirst().orElse("other"));
    }

    /** Which targets to generate: the gateway's (or its console), and the mailbox system behind it. */
    private static List<Finding> advice(Set<MxSystems.MxSystem> found, boolean unknown, Optional<String> behind) {
        List<Finding> advice = new ArrayList<>();
        boolean gateway = false;
        for (MxSystems.MxSystem system : found) {
            gateway |= system.gateway();
            if (system.targets().isEmpty()) {
                advice.add(Finding.info(system.name() + ": no whitelist-gen target yet; allowlist Netigate in its own console,"
                        + " tying Netigate's IPs to Netigate's sender domains where it can (the values: whitelist-gen --target json --server SERVER)"));
            } else {
                advice.add(Finding.info(system.name() + ": generate " + String.join(" and ", system.targets().stream()
                        .map(t -> "whitelist-gen --target " + t + " --server SERVER").toList())));
            }
        }
        if (gateway) {
            advice.add(Finding.info("behind the gateway, the mailbox system sees the gateway's IP, not Netigate's: it needs its"
                    + " own step as well (Microsoft 365: --target m365 --behind " + behind.orElseThrow() + "; Google Workspace:"
                    + " --target google); the MX does not show which system that is"));
            // issue 29: what support sends such a customer, as one zip
            advice.add(Finding.info("for the customer, one bundle holds the gateway's part and both mailbox systems' parts, and"
                    + " says to apply the gateway's first: whitelist-gen bundle --server SERVER --behind " + behind.orElseThrow()
                    + " --output ticket.zip (add --domain DOMAIN for surveys sent as the customer's own domain)"));
        }
        if (unknown && found.isEmpty()) {
            advice.add(Finding.info("generate the target for the software those hosts run (postfix, exim, spamassassin, rspamd,"
                    + " exchange; list them with `whitelist-gen list targets`): the host name does not tell which"));
        }
        return advice;
    }

    private Report withoutMx(DomainName domain, Map<String, Object> data) {
        DnsAnswer<byte[]> addresses = dns.allAddresses(domain.name());
        if (addresses.failed()) {
            throw new UserError(UserError.Kind.NETWORK, "check mx: cannot look up the addresses of " + domain + ": " + addresses.problem());
        }
        List<String> texts = addresses.records().stream().map(MxCheck::text).toList();
        data.put("hosts", List.of());
        data.put("implicitMx", texts);
        String rule = "no MX record: by RFC 5321 section 5.1 (implicit MX) mail for " + domain + " goes to the domain's own address";
        if (texts.isEmpty()) {
            return new Report("mx", false, domain + " has no MX record and no address: it receives no mail",
                    List.of(Finding.fail(rule + ", and it has no A or AAAA record either: it receives no mail")), data);
        }
        return new Report("mx", false, domain + " has no MX record",
                List.of(Finding.fail(rule + " " + String.join(", ", texts) + "; whitelist-gen cannot name the system there,"
                        + " and most domains that receive mail publish an MX record")), data);
    }

    private static String text(byte[] address) {
        try {
            return InetAddress.getByAddress(address).getHostAddress();
        } catch (UnknownHostException e) {
            throw new IllegalStateException("a DNS address of " + address.length + " bytes", e);
        }
    }
}
