package dev.whitelistgen.targets;

import static org.assertj.core.api.Assertions.assertThat;

import dev.whitelistgen.model.IpNetwork;
import dev.whitelistgen.model.Profile;
import dev.whitelistgen.testing.RealProgram;
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
            hits.put(subject, status.matches(".*\\b" + RULE + "\\b.*"));
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
        try (DirectoryStream<Path> pres = Files.newDirectoryStream(Path.of("/etc/spamassassin"), "*.pre")) {
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
