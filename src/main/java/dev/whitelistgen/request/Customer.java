package dev.whitelistgen.request;

import dev.whitelistgen.Input;
import dev.whitelistgen.model.DomainName;
import dev.whitelistgen.model.Flag;
import dev.whitelistgen.model.SpfMode;
import dev.whitelistgen.spf.SpfRecord;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What the customer asked for, checked: their own domains (scenario 2), the SPF records those publish today, how
 * Netigate's servers go into SPF, and the options only some targets offer. Built once per request by the
 * application layer; every target, bundle and diff reads this one value.
 */
public record Customer(List<DomainName> domains, SortedMap<DomainName, SpfRecord> existingSpf, SpfMode spfMode, Set<Flag> flags,
                       String gateway) {

    /** Nothing asked: Netigate's own addresses only (scenario 1). */
    public static final Customer NONE = new Customer(List.of(), Map.of(), SpfMode.AUTO, Set.of());

    public Customer(List<DomainName> domains, Map<DomainName, SpfRecord> existingSpf, SpfMode spfMode, Set<Flag> flags) {
        this(domains, existingSpf, spfMode, flags, "");
    }

    /** {@code gateway}: what --behind names (Flag.BEHIND), else "". */
    public Customer(List<DomainName> domains, Map<DomainName, SpfRecord> existingSpf, SpfMode spfMode, Set<Flag> flags, String gateway) {
        this(List.copyOf(new TreeSet<>(domains)), Collections.unmodifiableSortedMap(new TreeMap<>(existingSpf)), spfMode,
                flags.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(flags)), flags.contains(Flag.BEHIND) ? gateway : "");
    }

    public Customer {
        // templates read the gateway, not the flag: --behind without one would render the part for no gateway
        // while every Reproduce line says --behind
        if (flags.contains(Flag.BEHIND) && (gateway == null || gateway.isBlank())) {
            throw new IllegalArgumentException("--behind without a gateway");
        }
    }

    public boolean hasDomains() {
        return !domains.isEmpty();
    }

    public boolean has(Flag flag) {
        return flags.contains(flag);
    }

    /** The same request with these existing SPF records (looked up in DNS, or counted through it); nothing else changes. */
    public Customer withExistingSpf(Map<DomainName, SpfRecord> records) {
        return new Customer(domains, records, spfMode, flags, gateway);
    }

    /** As one target sees it: only the options it offers. */
    public Customer offeredBy(Set<Flag> offered) {
        Set<Flag> kept = EnumSet.noneOf(Flag.class);
        flags.stream().filter(offered::contains).forEach(kept::add);
        return new Customer(domains, existingSpf, spfMode, kept, gateway);
    }

    /**
     * --domain, then (with {@code spf}, for what writes SPF records) --existing-spf and --spf-mode, as every
     * "Reproduce" command line gives them; the options follow separately ({@link #flagArgs}).
     */
    public List<String> args(boolean spf) {
        List<String> words = new java.util.ArrayList<>();
        for (DomainName domain : domains) {
            words.addAll(List.of(Input.DOMAIN.flag(), domain.name()));
        }
        if (spf) {
            existingSpf.forEach((domain, record) -> words.addAll(List.of(Input.EXISTING_SPF.flag(), domain + "=" + record.text())));
            if (spfMode != SpfMode.AUTO) {
                words.addAll(List.of(Input.SPF_MODE.flag(), spfMode.name().toLowerCase(Locale.ROOT)));
            }
        }
        return words;
    }

    /** The options as command-line words in name order; --behind carries its gateway. */
    public List<String> flagArgs() {
        List<String> words = new java.util.ArrayList<>();
        flags.stream().sorted(Comparator.comparing(Flag::id)).forEach(flag -> {
            words.add(flag.input().flag());
            if (flag == Flag.BEHIND) {
                words.add(gateway);
            }
        });
        return words;
    }

    /** The options' names in name order, as templates and Reproduce lines list them. */
    public List<String> flagIds() {
        return flags.stream().map(Flag::id).sorted(Comparator.naturalOrder()).toList();
    }
}
