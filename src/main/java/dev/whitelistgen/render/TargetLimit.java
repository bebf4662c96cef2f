package dev.whitelistgen.render;

import dev.whitelistgen.model.DomainName;
import dev.whitelistgen.model.IpNetwork;
import dev.whitelistgen.model.Flag;
import dev.whitelistgen.model.Server;
import dev.whitelistgen.request.Customer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * A documented limit of the target system (a cmdlet documented for IPv4 values only, networks no wider than /24, at
 * most N entries), declared under {@code limits:} in target.yaml. It is checked before rendering, so a
 * profile that breaks it is refused with the limit and its documentation named, never in the admin's shell.
 *
 * @param name       what is limited, as the message says it ("connection filter IP Allow List")
 * @param doc        the vendor page that states the limit
 * @param flag       only with this option (e.g. ip-allow-list); empty: always
 * @param withDomain only when --domain is given (scenario 2)
 */
public record TargetLimit(String name, String doc, Optional<Flag> flag, boolean withDomain, boolean ipv4Only,
                          Optional<Integer> widestPrefix, Optional<Count> count, Optional<Integer> maxCount) {

    /** What {@code max_count} counts. */
    public enum Count {
        NETWORKS, SENDER_DOMAINS, CUSTOMER_DOMAINS,
        /** One entry per customer domain and distinct IPv4 /24 (Exchange Online spoof pairs). */
        CUSTOMER_DOMAINS_X_SLASH24;

        static Count parse(String text) {
            return valueOf(text.toUpperCase(Locale.ROOT));
        }
    }

    public boolean applies(Customer customer) {
        return flag.map(customer::has).orElse(true) && (!withDomain || customer.hasDomains());
    }

    /** One line per broken limit, each naming the limit, the offending value and the documentation. */
    public List<String> problems(Server server, List<DomainName> domains) {
        List<String> problems = new ArrayList<>();
        for (IpNetwork network : server.networks()) {
            if (ipv4Only && !network.isIpv4()) {
                // "documents", not "takes": a page that shows IPv4 forms only does not always say that IPv6 is refused
                problems.add(name + ": its page documents IPv4 values only; " + network + " of server " + server.id() + " is IPv6 (" + doc + ")");
            } else if (widestPrefix.isPresent() && network.isIpv4() && network.prefix() < widestPrefix.get()) {
                problems.add(name + " takes networks from /" + widestPrefix.get() + " to /32; " + network.cidr()
                        + " of server " + server.id() + " is wider (" + doc + ")");
            }
        }
        if (count.isPresent() && maxCount.isPresent()) {
            int counted = count(count.get(), server, domains);
            if (counted > maxCount.get()) {
                problems.add(name + " holds at most " + maxCount.get() + " entries; this request needs " + counted
                        + " for server " + server.id() + " (" + doc + ")");
            }
        }
        return problems;
    }

    private static int count(Count what, Server server, List<DomainName> domains) {
        return switch (what) {
            case NETWORKS -> server.networks().size();
            case SENDER_DOMAINS -> server.senderDomains().size();
            case CUSTOMER_DOMAINS -> domains.size();
            case CUSTOMER_DOMAINS_X_SLASH24 -> {
                Set<IpNetwork> slash24 = new TreeSet<>();
                server.networks().stream().filter(IpNetwork::isIpv4).forEach(n -> slash24.add(n.enclosing(24)));
                yield domains.size() * slash24.size();
            }
        };
    }
}
