package dev.whitelistgen.dns;

import java.util.List;

/**
 * The answer to one DNS query: records (possibly none), the name does not exist, or the query failed
 * (timeout, SERVFAIL, refused, unreachable server), with a line saying why.
 */
public record DnsAnswer<T>(Status status, List<T> records, String problem) {

    public enum Status { OK, NXDOMAIN, ERROR }

    public DnsAnswer {
        records = List.copyOf(records);
    }

    public static <T> DnsAnswer<T> of(List<T> records) {
        return new DnsAnswer<>(Status.OK, records, "");
    }

    public static <T> DnsAnswer<T> nxdomain() {
        return new DnsAnswer<>(Status.NXDOMAIN, List.of(), "");
    }

    public static <T> DnsAnswer<T> error(String problem) {
        return new DnsAnswer<>(Status.ERROR, List.of(), problem);
    }

    public boolean failed() {
        return status == Status.ERROR;
    }

    /** RFC 7208 §4.6.4: a "void lookup" is an answer with no records, or a name that does not exist. */
    public boolean isVoid() {
        return status != Status.ERROR && records.isEmpty();
    }
}
