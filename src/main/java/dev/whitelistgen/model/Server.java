package dev.whitelistgen.model;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * One of the vendor's sending platforms, resolved: its networks already include the profile-wide ones
 * that the source article did not assign to a particular server.
 */
public record Server(
        String id,
        String name,
        List<String> aliases,
        Optional<DomainName> spfInclude,
        List<IpNetwork> networks,
        List<DomainName> mailDomains,
        List<EmailAddress> senderAddresses,
        List<DomainName> webDomains,
        List<String> notes) {

    public Server {
        aliases = List.copyOf(aliases);
        networks = sortedDistinct(networks);
        mailDomains = List.copyOf(new TreeSet<>(mailDomains));
        senderAddresses = List.copyOf(new TreeSet<>(senderAddresses));
        webDomains = List.copyOf(new TreeSet<>(webDomains));
        notes = List.copyOf(notes);
    }

    /**
     * As {@code List.copyOf(new TreeSet<>(networks))}, in one sorted array: a tree of 1,000,000 networks costs
     * 40 MB more and twice the time, for each server of the profile.
     */
    private static List<IpNetwork> sortedDistinct(List<IpNetwork> networks) {
        IpNetwork[] sorted = networks.toArray(IpNetwork[]::new);
        Arrays.sort(sorted);
        int kept = 0;
        for (IpNetwork network : sorted) {
            if (kept == 0 || sorted[kept - 1].compareTo(network) != 0) {
                sorted[kept++] = network;
            }
        }
        return List.of(kept == sorted.length ? sorted : Arrays.copyOf(sorted, kept));
    }

    /** Every domain the vendor sends from on this server: the mail domains and those of its sender addresses. */
    public List<DomainName> senderDomains() {
        SortedSet<DomainName> domains = new TreeSet<>(mailDomains);
        senderAddresses.forEach(a -> domains.add(a.domain()));
        return List.copyOf(domains);
    }

    /** The aliases that are host names (netigate.se, ntgt.de): the address a customer sees when logged in to this server. */
    public List<String> hostAliases() {
        return aliases.stream().filter(a -> a.contains(".")).toList();
    }

    public boolean answersTo(String nameOrAlias) {
        String wanted = nameOrAlias.toLowerCase(Locale.ROOT);
        return id.equals(wanted) || aliases.stream().anyMatch(a -> a.equalsIgnoreCase(wanted));
    }
}
