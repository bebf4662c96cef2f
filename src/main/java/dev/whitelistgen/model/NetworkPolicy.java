package dev.whitelistgen.model;

import java.util.List;
import java.util.Optional;

/**
 * What an allowlist entry may be: a public unicast network no wider than a limit. An entry such as
 * 0.0.0.0/0 or a /8 would let a large part of the internet in, and a private range would point at the
 * customer's own network, so both are refused unless the limit is raised on purpose.
 */
public record NetworkPolicy(int widestIpv4Prefix, int widestIpv6Prefix) {

    public static final NetworkPolicy DEFAULT = new NetworkPolicy(24, 48);

    private record Reserved(IpNetwork network, String name) { }

    // RFC 6890 special-purpose ranges that can never be a SaaS sender's public mail server.
    private static final List<Reserved> RESERVED = List.of(
            reserved("0.0.0.0/8", "'this network' (RFC 1122)"),
            reserved("10.0.0.0/8", "private (RFC 1918)"),
            reserved("100.64.0.0/10", "shared address space (RFC 6598)"),
            reserved("127.0.0.0/8", "loopback"),
            reserved("169.254.0.0/16", "link-local"),
            reserved("172.16.0.0/12", "private (RFC 1918)"),
            reserved("192.0.0.0/24", "IETF protocol assignments"),
            reserved("192.0.2.0/24", "documentation (RFC 5737)"),
            reserved("192.168.0.0/16", "private (RFC 1918)"),
            reserved("198.18.0.0/15", "benchmarking (RFC 2544)"),
            reserved("198.51.100.0/24", "documentation (RFC 5737)"),
            reserved("203.0.113.0/24", "documentation (RFC 5737)"),
            reserved("224.0.0.0/4", "multicast"),
            reserved("240.0.0.0/4", "reserved / broadcast"),
            reserved("::/127", "unspecified or loopback"),
            reserved("64:ff9b::/96", "NAT64 (RFC 6052)"),
            reserved("100::/64", "discard-only (RFC 6666)"),
            reserved("2001:db8::/32", "documentation (RFC 3849)"),
            reserved("fc00::/7", "unique local (RFC 4193)"),
            reserved("fe80::/10", "link-local"),
            reserved("ff00::/8", "multicast"));

    private static Reserved reserved(String cidr, String name) {
        return new Reserved(IpNetwork.parse(cidr), name);
    }

    /** Why this network may not be allowlisted, or empty when it may. */
    public Optional<String> problemWith(IpNetwork network) {
        int widest = network.isIpv4() ? widestIpv4Prefix : widestIpv6Prefix;
        if (network.prefix() < widest) {
            return Optional.of("'" + network.cidr() + "' is wider than /" + widest + " ("
                    + network.size() + " addresses); an allowlist entry that wide lets strangers in"
                    + " (raise the limit with " + (network.isIpv4() ? "--allow-prefix" : "--allow-prefix6")
                    + " only if the vendor really owns it)");
        }
        for (Reserved reserved : RESERVED) {
            if (reserved.network().contains(network) || network.contains(reserved.network())) {
                return Optional.of("'" + network.cidr() + "' is not a public address: it lies in "
                        + reserved.network().cidr() + ", " + reserved.name());
            }
        }
        return Optional.empty();
    }
}
