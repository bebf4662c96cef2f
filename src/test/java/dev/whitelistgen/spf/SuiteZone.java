package dev.whitelistgen.spf;

import dev.whitelistgen.dns.DnsAnswer;
import dev.whitelistgen.dns.DnsResolver;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Serves the "zonedata" of one OpenSPF test-suite scenario in-process, read the way the suite's own driver reads
 * it: entries of a name in order; "TIMEOUT" times a query out unless a record of the asked type came before it;
 * SPF-type entries are served as TXT when the name has no TXT entry at all ("TXT: NONE" means none, on purpose);
 * CNAMEs are followed (a loop is a DNS error); an unknown name is NXDOMAIN.
 */
final class SuiteZone implements DnsResolver {

    private record Entry(String type, Object value) { }

    private final Map<String, List<Entry>> names = new HashMap<>();

    @SuppressWarnings("unchecked")
    SuiteZone(Map<String, Object> zonedata) {
        for (Map.Entry<String, Object> name : zonedata.entrySet()) {
            List<Entry> entries = new ArrayList<>();
            List<Entry> generatedTxt = new ArrayList<>();
            boolean hasTxt = false;
            for (Object item : (List<Object>) name.getValue()) {
                if ("TIMEOUT".equals(item)) {
                    entries.add(new Entry("TIMEOUT", null));
                    continue;
                }
                for (Map.Entry<String, Object> record : ((Map<String, Object>) item).entrySet()) {
                    String type = record.getKey();
                    Object value = record.getValue();
                    if (type.equals("TXT")) {
                        hasTxt = true;
                    } else if (type.equals("SPF")) {
                        generatedTxt.add(new Entry("TXT", value));
                    }
                    if (!"NONE".equals(value)) {
                        entries.add(new Entry(type, value));
                    }
                }
            }
            if (!hasTxt) {
                entries.addAll(generatedTxt);
            }
            names.put(normalise(name.getKey()), entries);
        }
    }

    private static String normalise(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.endsWith(".") ? lower.substring(0, lower.length() - 1) : lower;
    }

    private <T> DnsAnswer<T> query(String name, String type, Function<Object, T> convert) {
        Set<String> seen = new HashSet<>();
        String current = normalise(name);
        while (true) {
            if (!seen.add(current)) {
                return DnsAnswer.error("CNAME loop at " + current);
            }
            List<Entry> entries = names.get(current);
            if (entries == null) {
                return DnsAnswer.nxdomain();
            }
            List<T> records = new ArrayList<>();
            String cname = null;
            for (Entry entry : entries) {
                if (entry.type().equals("TIMEOUT")) {
                    if (records.isEmpty()) {
                        return DnsAnswer.error("timeout (test zone)");
                    }
                    break;
                }
                if (entry.type().equals(type)) {
                    records.add(convert.apply(entry.value()));
                } else if (entry.type().equals("CNAME")) {
                    cname = (String) entry.value();
                }
            }
            if (records.isEmpty() && cname != null) {
                current = normalise(cname);
                continue;
            }
            return DnsAnswer.of(records);
        }
    }

    @Override
    public DnsAnswer<String> txt(String name) {
        return query(name, "TXT", value -> {
            if (value instanceof List<?> strings) {
                StringBuilder joined = new StringBuilder();
                strings.forEach(joined::append);
                return joined.toString();
            }
            return (String) value;
        });
    }

    @Override
    public DnsAnswer<byte[]> addresses(String name, boolean ipv6) {
        return query(name, ipv6 ? "AAAA" : "A", value -> IpAddresses.parse((String) value));
    }

    @Override
    public DnsAnswer<String> mx(String name) {
        return query(name, "MX", value -> normalise((String) ((List<?>) value).get(1)));
    }

    @Override
    public DnsAnswer<String> ptr(String name) {
        return query(name, "PTR", value -> normalise((String) value));
    }
}
