package dev.whitelistgen.dns;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.ExtendedResolver;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.PTRRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * Real DNS through dnsjava: the system's resolvers (/etc/resolv.conf) or one chosen with --dns-server, each
 * query bounded by a timeout (dnsjava retries over TCP when a UDP answer is truncated).
 */
public final class DnsjavaResolver implements DnsResolver {

    private final Resolver resolver;
    private final String description;

    private DnsjavaResolver(Resolver resolver, String description) {
        this.resolver = resolver;
        this.description = description;
    }

    /**
     * @param server "HOST", "HOST:PORT", "[IPV6]:PORT", or null for the system's resolvers
     * @throws IllegalArgumentException for a malformed server or port
     */
    public static DnsjavaResolver create(String server, Duration timeout) {
        if (server == null) {
            ExtendedResolver system = new ExtendedResolver();
            system.setTimeout(timeout);
            system.setRetries(1);
            return new DnsjavaResolver(system, "the system's resolver");
        }
        InetSocketAddress address = parseServer(server);
        SimpleResolver simple = new SimpleResolver(address);
        simple.setTimeout(timeout);
        return new DnsjavaResolver(simple, "DNS server " + server);
    }

    static InetSocketAddress parseServer(String server) {
        String host = server;
        int port = 53;
        if (server.startsWith("[")) {
            int close = server.indexOf(']');
            if (close < 0) {
                throw new IllegalArgumentException("'" + server + "': missing ']'");
            }
            host = server.substring(1, close);
            String rest = server.substring(close + 1);
            if (!rest.isEmpty()) {
                if (!rest.startsWith(":")) {
                    throw new IllegalArgumentException("'" + server + "': expected [ADDRESS]:PORT");
                }
                port = port(rest.substring(1), server);
            }
        } else if (server.indexOf(':') >= 0 && server.indexOf(':') == server.lastIndexOf(':')) {
            host = server.substring(0, server.indexOf(':'));
            port = port(server.substring(server.indexOf(':') + 1), server);
        }
        if (host.isEmpty()) {
            throw new IllegalArgumentException("'" + server + "': no host");
        }
        try {
            return new InetSocketAddress(InetAddress.getByName(host), port);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("'" + server + "': cannot resolve " + host);
        }
    }

    private static int port(String text, String server) {
        if (!text.matches("[1-9]\\d{0,4}") || Integer.parseInt(text) > 65535) {
            throw new IllegalArgumentException("'" + server + "': port must be 1 to 65535");
        }
        return Integer.parseInt(text);
    }

    public String description() {
        return description;
    }

    @Override
    public DnsAnswer<String> txt(String name) {
        return query(name, Type.TXT, r -> {
            StringBuilder joined = new StringBuilder();
            for (byte[] string : ((TXTRecord) r).getStringsAsByteArrays()) {
                joined.append(new String(string, StandardCharsets.ISO_8859_1));
            }
            return joined.toString();
        });
    }

    @Override
    public DnsAnswer<List<String>> txtStrings(String name) {
        return query(name, Type.TXT, r -> ((TXTRecord) r).getStringsAsByteArrays().stream()
                .map(string -> new String(string, StandardCharsets.ISO_8859_1)).toList());
    }

    @Override
    public DnsAnswer<byte[]> addresses(String name, boolean ipv6) {
        if (ipv6) {
            return query(name, Type.AAAA, r -> ((AAAARecord) r).getAddress().getAddress());
        }
        return query(name, Type.A, r -> ((ARecord) r).getAddress().getAddress());
    }

    @Override
    public DnsAnswer<String> mx(String name) {
        DnsAnswer<MXRecord> answer = query(name, Type.MX, r -> (MXRecord) r);
        if (answer.failed() || answer.records().isEmpty()) {
            return new DnsAnswer<>(answer.status(), List.of(), answer.problem());
        }
        List<MXRecord> sorted = new ArrayList<>(answer.records());
        sorted.sort(Comparator.comparingInt(MXRecord::getPriority));
        return DnsAnswer.of(sorted.stream().map(mx -> relative(mx.getTarget())).toList());
    }

    @Override
    public DnsAnswer<String> ptr(String name) {
        return query(name, Type.PTR, r -> relative(((PTRRecord) r).getTarget()));
    }

    private static String relative(Name name) {
        String text = name.toString();
        return text.endsWith(".") ? text.substring(0, text.length() - 1) : text;
    }

    private <T> DnsAnswer<T> query(String name, int type, Function<Record, T> convert) {
        Name absolute;
        try {
            absolute = Name.fromString(name.endsWith(".") ? name : name + ".");
        } catch (TextParseException e) {
            return DnsAnswer.error("'" + name + "' is not a valid DNS name");
        }
        Message response;
        try {
            response = resolver.send(Message.newQuery(Record.newRecord(absolute, type, DClass.IN)));
        } catch (IOException e) {
            return DnsAnswer.error("no answer from " + description
                    + " (" + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()) + ")");
        }
        int rcode = response.getRcode();
        if (rcode == Rcode.NXDOMAIN) {
            return DnsAnswer.nxdomain();
        }
        if (rcode != Rcode.NOERROR) {
            return DnsAnswer.error(Rcode.string(rcode) + " from " + description);
        }
        List<T> records = new ArrayList<>();
        // A recursive answer may hold the CNAME chain first; only the records of the asked type count.
        for (Record record : response.getSection(Section.ANSWER)) {
            if (record.getType() == type) {
                records.add(convert.apply(record));
            }
        }
        return DnsAnswer.of(records);
    }
}
