package dev.whitelistgen.targets;

import static org.assertj.core.api.Assertions.assertThat;

import dev.whitelistgen.model.IpNetwork;
import dev.whitelistgen.model.Profile;
import dev.whitelistgen.testing.Cli;
import dev.whitelistgen.testing.RealProgram;
import dev.whitelistgen.testing.Repo;
import dev.whitelistgen.testing.Rendered;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The spamassassin target, proven by Debian's SpamAssassin: --lint accepts the snippet, and a scan gives
 * USER_IN_WELCOMELIST exactly to a Netigate (or customer) sender whose mail came through a listed relay.
 */
class SpamAssassinRealTest {

    private static final String RULE = "USER_IN_WELCOMELIST";
    /** Either welcomelist rule the file can fire: USER_IN_WELCOMELIST, or NETIGATE_WELCOMELIST under --dkim-signed. */
    private static final String ANY_WELCOMELIST = "(?:USER_IN_WELCOMELIST|NETIGATE_WELCOMELIST|USER_IN_DKIM_WELCOMELIST)";
    private static final Duration TIMEOUT = Duration.ofSeconds(120);

    @TempDir
    static Path work;

    static Stream<Rendered> rendered() {
        return Rendered.everyServerAndVersion("spamassassin", work);
    }

    /**
     * One lint run over every rendered snippet, and one from a profile with hostile free text (SpamAssassin
     * reads each *.cf of the folder): a start-up takes seconds.
     */
    @Test
    void lintAcceptsEverySnippet() throws IOException {
        Path site = Files.createDirectories(work.resolve("lint-site"));
        copyPreFiles(site);
        List<Rendered> all = rendered().toList();
        Profile hostile = Rendered.hostileProfile(work.resolve("hostile"));
        Rendered inert = Rendered.render("spamassassin", hostile, hostile.servers().get(0), List.of(Rendered.CUSTOMER_DOMAIN),
                work.resolve("hostile"));
        for (Rendered rendered : Stream.concat(all.stream(), Stream.of(inert)).toList()) {
            Files.copy(rendered.file("netigate-welcomelist.cf"), site.resolve(rendered.folder().getFileName() + ".cf"));
        }
        Files.copy(dkimSigned("lint-dkim").resolve("netigate-welcomelist.cf"), site.resolve("dkim-signed.cf"));
        RealProgram.Result lint = spamassassin(site, null, "--lint");

        assertThat(all).hasSize(4);
        assertThat(lint.exitCode()).as(lint.toString()).isZero();
        assertThat(lint.all()).as("lint reports nothing").isBlank();
        // the snippets really were read: one broken line beside them makes the same lint fail
        Files.writeString(site.resolve("zz-broken.cf"), "welcomelist_from_rcvd *@netigate.se\n");
        RealProgram.Result broken = spamassassin(site, null, "--lint");
        assertThat(broken.exitCode()).as("lint with a broken line: " + broken).isNotZero();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rendered")
    void welcomelistsOnlyListedRelaysWithAcceptedSenders(Rendered rendered) throws IOException {
        Map<String, Boolean> expected = new LinkedHashMap<>();
        List<String> messages = new ArrayList<>();
        for (IpNetwork network : rendered.server().networks()) {
            for (String domain : rendered.acceptedSenderDomains()) {
                messages.add(message(expected, "survey@" + domain, network.address(), true));
            }
            messages.add(message(expected, "offers@unrelated-sender.example", network.address(), false));
        }
        for (String domain : rendered.acceptedSenderDomains()) {
            messages.add(message(expected, "survey@" + domain, rendered.unlistedNeighbour(), false));
        }
        Path mbox = work.resolve(rendered.folder().getFileName() + ".mbox");
        Files.writeString(mbox, String.join("", messages));

        RealProgram.Result scan = spamassassin(siteConfig(rendered), mbox, "--mbox", "-L", "-t");

        assertThat(scan.exitCode()).as(scan.toString()).isZero();
        Map<String, Boolean> actual = hitsBySubject(scan.out());
        assertThat(actual).as("which scanned messages hit " + RULE + "\n" + scan.err()).isEqualTo(expected);
    }

    /**
     * Issue 19.1: welcomelist_from_rcvd matches when ANY sender address matches (Mail::SpamAssassin::Conf,
     * "welcomelist_from"), so an envelope sender of Netigate's with a foreign From: is welcomelisted on
     * Netigate's relay, as the file's header and README now say. Issue 19.9: a subdomain is not.
     */
    @Test
    void anyMatchingSenderAddressOnNetigatesRelayIsWelcomelistedAsTheHeaderSays() throws IOException {
        Rendered rendered = Rendered.render("spamassassin", current(), current().server("dach").orElseThrow(),
                List.of(Rendered.CUSTOMER_DOMAIN), work.resolve("mixed"));
        String relay = rendered.server().networks().get(0).address();
        String netigate = rendered.server().senderDomains().get(0).toString();
        Map<String, Boolean> expected = new LinkedHashMap<>();
        String messages = mixed(expected, "survey@" + netigate, "someone@evil.example", relay, true)
                + mixed(expected, "bounce@mail." + netigate, "bounce@mail." + netigate, relay, false)
                + mixed(expected, "someone@evil.example", "someone@evil.example", relay, false)
                + mixed(expected, "survey@" + netigate, "someone@evil.example", rendered.unlistedNeighbour(), false);
        Path mbox = work.resolve("mixed.mbox");
        Files.writeString(mbox, messages);

        RealProgram.Result scan = spamassassin(siteConfig(rendered), mbox, "--mbox", "-L", "-t");

        assertThat(scan.exitCode()).as(scan.toString()).isZero();
        assertThat(hitsBySubject(scan.out())).isEqualTo(expected);
        assertThat(String.join(" ", Files.readAllLines(rendered.file("netigate-welcomelist.cf"))).replace("# ", ""))
                .contains("welcomelisted whatever its From: says");
        assertThat(Files.readString(Repo.path("templates/spamassassin/README.md"))).contains("whatever the header `From:` says");
    }

    /**
     * With --dkim-signed the customer's domains are tied to a DKIM signature (welcomelist_from_dkim), not to
     * Netigate's shared IPs: lint accepts it, and an unsigned survey as the customer on Netigate's relay is
     * no longer welcomelisted while Netigate's own sender still is.
     */
    @Test
    void dkimSignedTiesTheCustomersDomainsToTheSignatureOnly() throws IOException {
        Path folder = work.resolve("dkim-signed");
        Cli.Result result = Cli.run("--target", "spamassassin", "--server", "dach", "--domain", Rendered.CUSTOMER_DOMAIN,
                "--dkim-signed", "--output", folder.toString());
        assertThat(result.exitCode()).as(result.toString()).isZero();
        List<String> lines = Files.readAllLines(folder.resolve("netigate-welcomelist.cf"));
        assertThat(lines).contains("welcomelist_from_dkim *@" + Rendered.CUSTOMER_DOMAIN + " " + Rendered.CUSTOMER_DOMAIN)
                .noneMatch(l -> l.startsWith("welcomelist_from_rcvd *@" + Rendered.CUSTOMER_DOMAIN));
        assertThat(lines).as("no IP in square brackets is written here, so the note about them would be untrue")
                .noneMatch(l -> l.contains("[" + current().server("dach").orElseThrow().networks().get(0).address() + "]"))
                .noneMatch(l -> l.contains("square brackets"));
        Path site = Files.createDirectories(work.resolve("dkim-signed-site"));
        copyPreFiles(site);
        Files.copy(folder.resolve("netigate-welcomelist.cf"), site.resolve("netigate-welcomelist.cf"));
        RealProgram.Result lint = spamassassin(site, null, "--lint");
        assertThat(lint.exitCode()).as(lint.toString()).isZero();
        assertThat(lint.all()).isBlank();

        String relay = current().server("dach").orElseThrow().networks().get(0).address();
        Map<String, Boolean> expected = new LinkedHashMap<>();
        Path mbox = work.resolve("dkim-signed.mbox");
        Files.writeString(mbox, mixed(expected, "info@" + Rendered.CUSTOMER_DOMAIN, "info@" + Rendered.CUSTOMER_DOMAIN, relay, false)
                + mixed(expected, "survey@ntgt.de", "survey@ntgt.de", relay, true));
        RealProgram.Result scan = spamassassin(site, mbox, "--mbox", "-L", "-t");
        assertThat(hitsBySubject(scan.out(), ANY_WELCOMELIST)).as(scan.toString()).isEqualTo(expected);
    }

    private static Path dkimSigned(String name) {
        Path folder = work.resolve(name);
        Cli.Result result = Cli.run("--target", "spamassassin", "--server", "dach", "--domain", Rendered.CUSTOMER_DOMAIN,
                "--dkim-signed", "--output", folder.toString());
        assertThat(result.exitCode()).as(result.toString()).isZero();
        return folder;
    }

    /**
     * Issue 26.6: under --dkim-signed an unsigned message from Netigate's relay with Netigate's envelope sender and
     * From: at the customer's domain is not welcomelisted by any rule (before: welcomelist_from_rcvd *@ntgt.de
     * matched the envelope and gave USER_IN_WELCOMELIST, past the DKIM tie). Netigate's own From: on its relay is
     * (NETIGATE_WELCOMELIST), on another relay or from a subdomain it is not.
     */
    @Test
    void underDkimSignedNetigatesEnvelopeCannotCarryTheCustomersFrom() throws IOException {
        Path site = Files.createDirectories(work.resolve("dkim-mix-site"));
        copyPreFiles(site);
        Files.copy(dkimSigned("dkim-mix").resolve("netigate-welcomelist.cf"), site.resolve("netigate-welcomelist.cf"));
        String relay = current().server("dach").orElseThrow().networks().get(0).address();
        Map<String, Boolean> expected = new LinkedHashMap<>();
        Path mbox = work.resolve("dkim-mix.mbox");
        Files.writeString(mbox, mixed(expected, "survey@ntgt.de", "info@" + Rendered.CUSTOMER_DOMAIN, relay, false)
                + mixed(expected, "info@" + Rendered.CUSTOMER_DOMAIN, "survey@ntgt.de", "198.18.0.1", false)
                + mixed(expected, "survey@ntgt.de", "survey@ntgt.de", relay, true)
                + mixed(expected, "bounce@mail.ntgt.de", "bounce@mail.ntgt.de", relay, false)
                + mixed(expected, "survey@ntgt.de", "survey@ntgt.de", "198.18.0.1", false));

        RealProgram.Result scan = spamassassin(site, mbox, "--mbox", "-L", "-t");

        assertThat(scan.exitCode()).as(scan.toString()).isZero();
        assertThat(hitsBySubject(scan.out(), ANY_WELCOMELIST)).as(scan.toString()).isEqualTo(expected);
    }

    /**
     * Issue 23.4: version 1's file, then version 2's copied over it as the header says: a message from version 1's
     * IP is no longer welcomelisted, version 2's is, and the customer's own welcomelist line in local.cf stays.
     * Issue 26.8: the site's init.pre without 'enable_compat welcomelist_blocklist' (a 4.0 upgraded from 3.4)
     * still scores -100, on USER_IN_WHITELIST, as the header says.
     */
    @Test
    void anUpgradeFromVersionOneLeavesNothingOfItAndKeepsTheCustomersOwnLines() throws IOException {
        Profile v1 = Rendered.profiles().stream().filter(p -> p.version().equals("1")).findFirst().orElseThrow();
        Rendered old = Rendered.render("spamassassin", v1, v1.server("dach").orElseThrow(), List.of(Rendered.CUSTOMER_DOMAIN), work.resolve("upgrade-v1"));
        Rendered now = Rendered.render("spamassassin", current(), current().server("dach").orElseThrow(), List.of(Rendered.CUSTOMER_DOMAIN),
                work.resolve("upgrade-v2"));
        Path site = Files.createDirectories(work.resolve("upgrade-site"));
        copyPreFiles(site);
        Path initPre = site.resolve("init.pre");
        Files.writeString(initPre, Files.readString(initPre).replaceAll("(?m)^enable_compat welcomelist_blocklist$", "# (upgraded from 3.4)"));
        Files.writeString(site.resolve("local.cf"), "welcomelist_from_rcvd *@partner.example [198.51.100.7]\n");
        Files.copy(old.file("netigate-welcomelist.cf"), site.resolve("netigate-welcomelist.cf"));
        Files.copy(now.file("netigate-welcomelist.cf"), site.resolve("netigate-welcomelist.cf"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Map<String, Boolean> expected = new LinkedHashMap<>();
        Path mbox = work.resolve("upgrade.mbox");
        Files.writeString(mbox, message(expected, "survey@ntgt.de", "178.77.90.228", false)
                + message(expected, "survey@ntgt.de", now.server().networks().get(0).address(), true)
                + message(expected, "news@partner.example", "198.51.100.7", true));

        RealProgram.Result scan = spamassassin(site, mbox, "--mbox", "-L", "-t");

        assertThat(scan.exitCode()).as(scan.toString()).isZero();
        assertThat(hitsBySubject(scan.out(), "USER_IN_WHITELIST")).as(scan.toString()).isEqualTo(expected);
        assertThat(scan.out()).as("the -100 is on USER_IN_WHITELIST here").containsPattern("-100\\s+USER_IN_WHITELIST");
        assertThat(Files.readString(now.file("netigate-welcomelist.cf"))).contains("-100 on USER_IN_WHITELIST");
    }

    /**
     * The --dkim-signed claim with SpamAssassin's real DKIM check: a survey signed with d=customer domain (a
     * test key published by a real named on loopback; the selector is a test fixture, not Netigate's) is
     * welcomelisted by USER_IN_DKIM_WELCOMELIST, the same message unsigned is not.
     */
    @Test
    void aSurveySignedWithTheCustomersDomainIsWelcomelistedByDkim() throws IOException {
        Path folder = work.resolve("dkim-live");
        Cli.Result result = Cli.run("--target", "spamassassin", "--server", "dach", "--domain", Rendered.CUSTOMER_DOMAIN,
                "--dkim-signed", "--output", folder.toString());
        assertThat(result.exitCode()).as(result.toString()).isZero();
        Path key = folder.resolve("test-dkim.key");
        assertThat(RealProgram.run("openssl", "genrsa", "-out", key.toString(), "2048").exitCode()).isZero();
        Path der = folder.resolve("test-dkim.pub.der");
        RealProgram.Result pub = RealProgram.run("openssl", "rsa", "-in", key.toString(), "-pubout", "-outform", "DER", "-out", der.toString());
        assertThat(pub.exitCode()).as(pub.toString()).isZero();
        String publicKey = java.util.Base64.getEncoder().encodeToString(Files.readAllBytes(der));
        StringBuilder txt = new StringBuilder("\"v=DKIM1; k=rsa; p=\"");
        for (int i = 0; i < publicKey.length(); i += 200) {
            txt.append(" \"").append(publicKey, i, Math.min(publicKey.length(), i + 200)).append('"');
        }
        try (dev.whitelistgen.testing.NamedServer named = dev.whitelistgen.testing.NamedServer.start(Map.of(Rendered.CUSTOMER_DOMAIN,
                dev.whitelistgen.testing.NamedServer.zone(Rendered.CUSTOMER_DOMAIN, "testselector._domainkey\tIN\tTXT\t" + txt + "\n")))) {
            Path site = Files.createDirectories(work.resolve("dkim-live-site"));
            copyPreFiles(site);
            Files.copy(folder.resolve("netigate-welcomelist.cf"), site.resolve("netigate-welcomelist.cf"));
            // DNS only from the test's named; no blocklist queries
            Files.writeString(site.resolve("zz-test-dns.cf"), "dns_server " + named.address() + "\ndns_available yes\nskip_rbl_checks 1\n");
            String relay = current().server("dach").orElseThrow().networks().get(0).address();
            Map<String, Boolean> expected = new LinkedHashMap<>();
            String unsigned = mixed(expected, "info@" + Rendered.CUSTOMER_DOMAIN, "info@" + Rendered.CUSTOMER_DOMAIN, relay, false);
            String toSign = mixed(expected, "info@" + Rendered.CUSTOMER_DOMAIN, "info@" + Rendered.CUSTOMER_DOMAIN, relay, true);
            Path raw = work.resolve("dkim-live-raw.eml");
            Files.writeString(raw, toSign.substring(toSign.indexOf('\n') + 1));
            RealProgram.Result signed = RealProgram.runWithInput(TIMEOUT, Map.of(), null, raw, "perl", "-MMail::DKIM::Signer",
                    "-MMail::DKIM::TextWrap", "-e", "my $s = Mail::DKIM::Signer->new(Algorithm => 'rsa-sha256', Method => 'relaxed',"
                            + " Domain => '" + Rendered.CUSTOMER_DOMAIN + "', Selector => 'testselector', KeyFile => '" + key + "');"
                            + " my @m; while (<STDIN>) { push @m, $_; s/\\n/\\r\\n/; $s->PRINT($_); } $s->CLOSE;"
                            + " print $s->signature->as_string, \"\\n\", @m;");
            assertThat(signed.exitCode()).as(signed.toString()).isZero();
            Path mbox = work.resolve("dkim-live.mbox");
            Files.writeString(mbox, unsigned + toSign.substring(0, toSign.indexOf('\n') + 1) + signed.out().replace("\r\n", "\n"));

            RealProgram.Result scan = spamassassin(site, mbox, "--mbox", "-t");

            assertThat(scan.exitCode()).as(scan.toString()).isZero();
            Map<String, Boolean> actual = new LinkedHashMap<>();
            hitsBySubject(scan.out(), "USER_IN_DKIM_WELCOMELIST").forEach(actual::put);
            assertThat(actual).as(scan.toString()).isEqualTo(expected);
        }
    }

    private static Profile current() {
        return Rendered.profiles().stream().filter(p -> p.status() == Profile.Status.CURRENT).findFirst().orElseThrow();
    }

    /** A message whose envelope sender (Return-Path, as the MX writes it) and header From: differ. */
    private static String mixed(Map<String, Boolean> expected, String envelope, String from, String relayIp, boolean welcomed) {
        String subject = "case " + (expected.size() + 1) + ": envelope " + envelope + " From " + from + " via " + relayIp;
        expected.put(subject, welcomed);
        return "From " + envelope + " Mon Nov 24 10:00:00 2026\n"
                + "Return-Path: <" + envelope + ">\n"
                + "Received: from mail.sender.example (unknown [" + relayIp + "])\n"
                + "\tby mx.customer.example (Postfix) with ESMTPS id 4ABD" + expected.size() + "\n"
                + "\tfor <user@customer.example>; Mon, 24 Nov 2026 10:00:00 +0000 (UTC)\n"
                + "From: Someone <" + from + ">\n"
                + "To: user@customer.example\n"
                + "Subject: " + subject + "\n"
                + "Date: Mon, 24 Nov 2026 10:00:00 +0000\n"
                + "Message-ID: <mixed" + expected.size() + ".20261124100000@mail.sender.example>\n"
                + "\n"
                + "Please answer our short survey.\n"
                + "\n";
    }

    /** A message as Netigate's relay hands it to the customer's MX, which adds the top Received: header. */
    private static String message(Map<String, Boolean> expected, String sender, String relayIp, boolean welcomed) {
        String subject = "case " + (expected.size() + 1) + ": " + sender + " via " + relayIp;
        expected.put(subject, welcomed);
        return "From " + sender + " Mon Nov 24 10:00:00 2026\n"
                + "Received: from mail.sender.example (unknown [" + relayIp + "])\n"
                + "\tby mx.customer.example (Postfix) with ESMTPS id 4ABC" + expected.size() + "\n"
                + "\tfor <user@customer.example>; Mon, 24 Nov 2026 10:00:00 +0000 (UTC)\n"
                + "From: Survey <" + sender + ">\n"
                + "To: user@customer.example\n"
                + "Subject: " + subject + "\n"
                + "Date: Mon, 24 Nov 2026 10:00:00 +0000\n"
                + "Message-ID: <case" + expected.size() + ".20261124100000@mail.sender.example>\n"
                + "MIME-Version: 1.0\n"
                + "Content-Type: text/plain; charset=utf-8\n"
                + "\n"
                + "Please answer our short survey.\n"
                + "\n";
    }

    /** Splits the scanned mbox and reports, per Subject, whether the rule fired (X-Spam-Status lists it). */
    private static Map<String, Boolean> hitsBySubject(String scanned) {
        return hitsBySubject(scanned, RULE);
    }

    private static Map<String, Boolean> hitsBySubject(String scanned, String rule) {
        Map<String, Boolean> hits = new LinkedHashMap<>();
        for (String message : scanned.split("(?m)^From (?=\\S+ \\w{3} \\w{3} )")) {
            if (message.isBlank()) {
                continue;
            }
            String headers = message.substring(0, Math.max(0, message.indexOf("\n\n")));
            String subject = headers.lines().filter(l -> l.startsWith("Subject: ")).findFirst()
                    .map(l -> l.substring("Subject: ".length())).orElseThrow(() -> new AssertionError("no Subject in\n" + message));
            String status = headers.replaceAll("\n\t", " ").lines().filter(l -> l.startsWith("X-Spam-Status: ")).findFirst()
                    .orElseThrow(() -> new AssertionError("not scanned:\n" + message));
            hits.put(subject, status.matches(".*\\b" + rule + "\\b.*"));
        }
        return hits;
    }

    /** A site configuration folder as on Debian: its *.pre files (which load the plugins) plus the snippet. */
    private static Path siteConfig(Rendered rendered) throws IOException {
        Path site = work.resolve(rendered.folder().getFileName() + "-site");
        if (Files.isDirectory(site)) {
            return site;
        }
        Files.createDirectories(site);
        copyPreFiles(site);
        Files.copy(rendered.file("netigate-welcomelist.cf"), site.resolve("netigate-welcomelist.cf"));
        return site;
    }

    private static void copyPreFiles(Path site) throws IOException {
        try (DirectoryStream<Path> pres = Files.newDirectoryStream(RealProgram.packageFile("/etc/spamassassin", "spamassassin"), "*.pre")) {
            for (Path pre : pres) {
                Files.copy(pre, site.resolve(pre.getFileName()));
            }
        }
    }

    private static RealProgram.Result spamassassin(Path site, Path input, String... args) throws IOException {
        Path home = Files.createDirectories(work.resolve("home"));
        Path prefs = home.resolve("user_prefs");
        if (!Files.exists(prefs)) {
            Files.writeString(prefs, "");
        }
        List<String> command = new ArrayList<>(List.of("spamassassin", "--siteconfigpath", site.toString(), "-x", "-p", prefs.toString()));
        command.addAll(List.of(args));
        return RealProgram.runWithInput(TIMEOUT, Map.of("HOME", home.toString()), null, input, command.toArray(String[]::new));
    }
}
