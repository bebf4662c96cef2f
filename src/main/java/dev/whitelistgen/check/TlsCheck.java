package dev.whitelistgen.check;

import dev.whitelistgen.UserError;
import dev.whitelistgen.dns.DnsAnswer;
import dev.whitelistgen.dns.DnsResolver;
import dev.whitelistgen.model.DomainName;
import dev.whitelistgen.spf.IpAddresses;
import java.io.IOException;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import org.apache.commons.net.smtp.SMTPReply;
import org.apache.commons.net.smtp.SMTPSClient;

/**
 * `check tls`: does a customer's inbound mail server offer STARTTLS (the articles ask for TLS on it), and what
 * does the TLS session look like? EHLO, STARTTLS, handshake, EHLO again, QUIT: no mail is ever sent.
 * Passes when STARTTLS is offered and the handshake succeeds; with {@code strict}, also only when the
 * certificate validates for the host name (PKIX against the JDK's CA store, then the name).
 */
public final class TlsCheck {

    /** Where to connect and what to expect. */
    public record Options(int port, Duration timeout, boolean strict) { }

    private final DnsResolver dns;
    private final Options options;
    private final Instant now;

    public TlsCheck(DnsResolver dns, Options options, Instant now) {
        this.dns = dns;
        this.options = options;
        this.now = now;
    }

    /** The domain's MX hosts, lowest preference first. @throws UserError when there are none */
    public List<String> mxHosts(DomainName domain) {
        DnsAnswer<String> answer = dns.mx(domain.name());
        if (answer.failed()) {
            throw new UserError(UserError.Kind.NETWORK, "check tls: cannot look up the MX records of " + domain + ": " + answer.problem());
        }
        if (answer.status() == DnsAnswer.Status.NXDOMAIN) {
            throw new UserError(UserError.Kind.NETWORK, "check tls: " + domain + " does not exist (NXDOMAIN); check the spelling of --domain");
        }
        List<String> hosts = answer.records().stream().filter(h -> !h.isEmpty()).toList();
        if (hosts.isEmpty()) {
            throw new UserError(UserError.Kind.INVALID_INPUT, "check tls: " + domain + " has no MX record (it receives no mail)");
        }
        return hosts;
    }

    /**
     * Exchange Online's inbound hosts (Microsoft 365 URLs and IP address ranges, Exchange Online, ID 10:
     * *.mail.protection.outlook.com and, with DNSSEC, *.mx.microsoft;
     * https://learn.microsoft.com/en-us/microsoft-365/enterprise/urls-and-ip-address-ranges).
     */
    private static final List<String> EXCHANGE_ONLINE_MX = List.of(".mail.protection.outlook.com", ".mx.microsoft");

    /**
     * What the MX says about the way mail takes: a filtering gateway in front of Microsoft 365 or Exchange Server
     * shows the mail system the gateway's IP, and the m365 and exchange rules, tied to Netigate's IPs, never match.
     */
    public static Finding mxHint(DomainName domain, List<String> hosts) {
        String names = String.join(", ", hosts);
        boolean exchangeOnline = hosts.stream().map(h -> h.toLowerCase(Locale.ROOT))
                .allMatch(h -> EXCHANGE_ONLINE_MX.stream().anyMatch(h::endsWith));
        if (exchangeOnline) {
            return Finding.info("MX of " + domain.name() + ": " + names + " (Exchange Online itself: no gateway in front)");
        }
        return Finding.info("MX of " + domain.name() + ": " + names + " (not Exchange Online's *.mail.protection.outlook.com):"
                + " if that is a filtering gateway or cloud service in front of Microsoft 365 or Exchange Server, the mail"
                + " system sees the gateway's IP, not Netigate's; see \"If your mail passes a gateway first\" in the README");
    }

    /** A client that exposes the TLS session and lets the TLS host name differ from the address used. */
    private static final class ProbeClient extends SMTPSClient {
        ProbeClient() {
            super("TLS", false);
        }

        void connect(InetAddress address, String hostName, int port) throws IOException {
            connect(address, port);
            _hostname_ = hostName; // for SNI; commons-net takes the TLS peer name from it
        }

        SSLSession session() {
            return _socket_ instanceof SSLSocket ssl ? ssl.getSession() : null;
        }
    }

    public Report run(List<String> hosts) {
        return run(hosts, List.of());
    }

    /** @param context findings printed before the hosts' own (the MX hint for --domain) */
    public Report run(List<String> hosts, List<Finding> context) {
        List<Finding> findings = new ArrayList<>(context);
        List<Object> results = new ArrayList<>();
        List<String> unreachable = new ArrayList<>();
        boolean allPass = true;
        for (String host : hosts) {
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("host", host);
            data.put("port", options.port());
            boolean pass;
            try {
                pass = probe(host, findings, data);
            } catch (Unreachable e) {
                unreachable.add(e.getMessage());
                findings.add(Finding.fail(e.getMessage()));
                data.put("error", e.getMessage());
                pass = false;
            }
            data.put("passed", pass);
            results.add(data);
            allPass &= pass;
        }
        if (unreachable.size() == hosts.size()) {
            throw new UserError(UserError.Kind.NETWORK, unreachable.stream().map(u -> "check tls: " + u).toList());
        }
        String summary = allPass
                ? (hosts.size() == 1 ? hosts.get(0) + " offers" : "all " + hosts.size() + " MX hosts offer") + " STARTTLS"
                        + (options.strict() ? " with a valid certificate" : "")
                : "STARTTLS" + (options.strict() ? " with a valid certificate" : "") + " is missing on "
                        + results.stream().filter(r -> !(Boolean) ((Map<?, ?>) r).get("passed")).count() + " of " + hosts.size()
                        + " host(s)";
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("strict", options.strict());
        data.put("hosts", results);
        return new Report("tls", allPass, summary, findings, data);
    }

    /** The host could not be reached: the check cannot say anything about TLS. */
    private static final class Unreachable extends Exception {
        private static final long serialVersionUID = 1L;

        Unreachable(String message) {
            super(message, null, false, false);
        }
    }

    private boolean probe(String host, List<Finding> findings, Map<String, Object> data) throws Unreachable {
        String where = host + ":" + options.port();
        InetAddress address = resolve(host, where);
        int millis = (int) options.timeout().toMillis();
        ProbeClient client = new ProbeClient();
        RecordingTrustManager trust = new RecordingTrustManager();
        client.setTrustManager(trust);
        client.setConnectTimeout(millis);
        client.setDefaultTimeout(millis);
        String step = "connect";
        boolean answering = true;
        try {
            client.connect(address, host, options.port());
            client.setSoTimeout(millis);
            step = "greeting";
            if (!SMTPReply.isPositiveCompletion(client.getReplyCode())) {
                findings.add(Finding.fail(where + ": greeting is not 220: " + oneLine(client.getReplyString())));
                return false;
            }
            step = "EHLO";
            String ehloName = addressLiteral(client.getLocalAddress());
            if (!SMTPReply.isPositiveCompletion(client.sendCommand("EHLO", ehloName))) {
                findings.add(Finding.fail(where + ": EHLO refused: " + oneLine(client.getReplyString())));
                return false;
            }
            boolean offered = Arrays.stream(client.getReplyStrings())
                    .anyMatch(line -> line.length() > 4 && line.substring(4).trim().toUpperCase(Locale.ROOT).equals("STARTTLS"));
            data.put("starttls", offered);
            if (!offered) {
                findings.add(Finding.fail(where + ": STARTTLS is not offered (EHLO lists no STARTTLS): mail to it travels unencrypted"));
                return false;
            }
            findings.add(Finding.ok(where + ": STARTTLS offered"));
            step = "STARTTLS";
            if (!client.execTLS()) {
                findings.add(Finding.fail(where + ": STARTTLS refused: " + oneLine(client.getReplyString())));
                return false;
            }
            step = "EHLO after STARTTLS";
            client.sendCommand("EHLO", ehloName); // RFC 3207 §4.2: the client must say EHLO again; commons-net does not
            return report(where, host, client.session(), trust, findings, data);
        } catch (SSLException e) {
            findings.add(Finding.fail(where + ": TLS handshake failed: " + message(e)));
            data.put("error", "TLS handshake failed: " + message(e));
            return false;
        } catch (SocketTimeoutException e) {
            if (step.equals("connect") && !client.isConnected()) {
                throw new Unreachable("cannot connect to " + where + ": no answer within " + options.timeout().toSeconds()
                        + " s (port 25 is often blocked outbound)");
            }
            answering = false;
            findings.add(Finding.fail(where + ": no answer to " + (step.equals("connect") ? "the greeting" : step) + " within " + options.timeout().toSeconds() + " s"));
            data.put("error", "timeout at " + step);
            return false;
        } catch (IOException e) {
            if (step.equals("connect") && !client.isConnected()) {
                throw new Unreachable("cannot connect to " + where + ": " + message(e));
            }
            findings.add(Finding.fail(where + ": connection lost at " + step + ": " + message(e)));
            data.put("error", "connection lost at " + step + ": " + message(e));
            return false;
        } finally {
            quietlyQuit(client, answering);
        }
    }

    private boolean report(String where, String host, SSLSession session, RecordingTrustManager trust,
                           List<Finding> findings, Map<String, Object> data) {
        if (session == null || trust.chain() == null || trust.chain().length == 0) {
            findings.add(Finding.fail(where + ": no TLS session after STARTTLS"));
            return false;
        }
        String protocol = session.getProtocol();
        data.put("protocol", protocol);
        data.put("cipher", session.getCipherSuite());
        boolean oldProtocol = protocol.equals("TLSv1") || protocol.equals("TLSv1.1") || protocol.startsWith("SSL");
        findings.add(oldProtocol ? Finding.warn(where + ": TLS " + protocol + " (deprecated, RFC 8996), " + session.getCipherSuite())
                : Finding.ok(where + ": " + protocol + ", " + session.getCipherSuite()));
        X509Certificate leaf = trust.chain()[0];
        Instant notAfter = leaf.getNotAfter().toInstant();
        data.put("subject", leaf.getSubjectX500Principal().getName());
        data.put("issuer", leaf.getIssuerX500Principal().getName());
        data.put("notAfter", notAfter.truncatedTo(ChronoUnit.SECONDS).toString());
        findings.add(Finding.info(where + ": certificate subject " + leaf.getSubjectX500Principal().getName()));
        findings.add(Finding.info(where + ": certificate issuer " + leaf.getIssuerX500Principal().getName()));
        List<String> problems = new ArrayList<>();
        boolean expired = now.isAfter(notAfter);
        boolean notYet = now.isBefore(leaf.getNotBefore().toInstant());
        long days = Duration.between(now, notAfter).toDays();
        String expiry = where + ": certificate " + (expired ? "expired " : "expires ") + notAfter.truncatedTo(ChronoUnit.SECONDS)
                + (expired ? "" : " (in " + days + " days)");
        if (expired || notYet) {
            problems.add(expired ? "it has expired" : "it is not valid yet");
        }
        findings.add(expired || notYet ? Finding.warn(expiry) : days < 14 ? Finding.warn(expiry) : Finding.info(expiry));
        boolean chainValid = trust.problem() == null;
        boolean nameMatches = HostnameMatcher.matches(leaf, host);
        data.put("chainValid", chainValid);
        data.put("chainProblem", chainValid ? "" : trust.problem());
        data.put("names", HostnameMatcher.names(leaf));
        data.put("hostnameMatches", nameMatches);
        if (!chainValid) {
            problems.add("the chain does not validate against the JDK's trusted CAs ("
                    + (leaf.getSubjectX500Principal().equals(leaf.getIssuerX500Principal()) ? "self-signed; " : "") + trust.problem() + ")");
        }
        if (!nameMatches) {
            problems.add("it is not for " + host + " (it names " + String.join(", ", HostnameMatcher.names(leaf)) + ")");
        }
        boolean valid = problems.isEmpty();
        data.put("certificateValid", valid);
        if (valid) {
            findings.add(Finding.ok(where + ": certificate validates for " + host));
        } else {
            String line = where + ": certificate does not validate for " + host + ": " + String.join("; ", problems)
                    + (options.strict() ? "" : " (mail is still encrypted; senders that require a valid certificate will not deliver)");
            findings.add(options.strict() ? Finding.fail(line) : Finding.warn(line));
        }
        return valid || !options.strict();
    }

    private InetAddress resolve(String host, String where) throws Unreachable {
        try {
            // An address needs no lookup; a name goes through the chosen resolver like every other check.
            return InetAddress.getByAddress(host, IpAddresses.parse(host));
        } catch (IllegalArgumentException | UnknownHostException notAnAddress) {
            DnsAnswer<byte[]> answer = dns.addresses(host, false);
            if (answer.records().isEmpty()) {
                DnsAnswer<byte[]> six = dns.addresses(host, true);
                if (!six.records().isEmpty()) {
                    answer = six;
                }
            }
            if (answer.records().isEmpty()) {
                throw new Unreachable("cannot resolve " + where + ": " + (answer.failed() ? answer.problem() : "no A or AAAA record"));
            }
            try {
                return InetAddress.getByAddress(host, answer.records().get(0));
            } catch (UnknownHostException e) {
                throw new Unreachable("cannot resolve " + where + ": " + e.getMessage());
            }
        }
    }

    private static String addressLiteral(InetAddress local) {
        byte[] bytes = local.getAddress();
        return bytes.length == 4 ? "[" + IpAddresses.format(bytes) + "]" : "[IPv6:" + IpAddresses.format(bytes) + "]";
    }

    /** QUIT politely, unless the server stopped answering (then waiting for its reply would only add a timeout). */
    private static void quietlyQuit(SMTPSClient client, boolean answering) {
        if (!client.isConnected()) {
            return;
        }
        try {
            if (answering) {
                client.quit();
            }
        } catch (IOException e) {
            // the answer is already known; a failing QUIT changes nothing
        }
        try {
            client.disconnect();
        } catch (IOException e) {
            // closing a socket that is already gone
        }
    }

    private static String message(Exception e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getMessage() == null) {
            cause = cause.getCause();
        }
        return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    }

    private static String oneLine(String reply) {
        return reply == null ? "(no reply)" : reply.strip().replace("\r", "").replace("\n", " | ");
    }
}
