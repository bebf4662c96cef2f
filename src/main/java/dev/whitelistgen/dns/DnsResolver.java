package dev.whitelistgen.dns;

import java.util.List;

/**
 * The DNS lookups SPF and the checks need. Names are absolute, with or without the trailing dot. Production
 * code uses {@link DnsjavaResolver}; the RFC 7208 test suite serves its zone data through this interface.
 */
public interface DnsResolver {

    /** TXT records, each as its character-strings joined without separator (RFC 7208 §3.3); bytes as ISO-8859-1. */
    DnsAnswer<String> txt(String name);

    /**
     * TXT records, each as its character-strings as published (what an RFC 2136 update must name to delete it).
     * This default cannot know the split and gives each joined record as one string.
     */
    default DnsAnswer<List<String>> txtStrings(String name) {
        DnsAnswer<String> joined = txt(name);
        return new DnsAnswer<>(joined.status(), joined.records().stream().map(List::of).toList(), joined.problem());
    }

    /** A (4-byte) or AAAA (16-byte) addresses. */
    DnsAnswer<byte[]> addresses(String name, boolean ipv6);

    /** MX exchange host names, lowest preference first ("" for a null MX). */
    DnsAnswer<String> mx(String name);

    /** PTR target names. */
    DnsAnswer<String> ptr(String name);

    /** A and AAAA together; an error in either is the answer. */
    default DnsAnswer<byte[]> allAddresses(String name) {
        DnsAnswer<byte[]> four = addresses(name, false);
        if (four.failed()) {
            return four;
        }
        DnsAnswer<byte[]> six = addresses(name, true);
        if (six.failed()) {
            return six;
        }
        if (four.status() == DnsAnswer.Status.NXDOMAIN) {
            return four;
        }
        List<byte[]> all = new java.util.ArrayList<>(four.records());
        all.addAll(six.records());
        return DnsAnswer.of(all);
    }
}
