package dev.whitelistgen.targets;

import static org.assertj.core.api.Assertions.assertThat;

import dev.whitelistgen.model.IpNetwork;
import dev.whitelistgen.model.Profile;
import dev.whitelistgen.testing.RealProgram;
import dev.whitelistgen.testing.Rendered;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The exim target, proven by Debian's Exim (unpacked by .ci/setup.d/exim.sh) on Debian's own single-file
 * configuration with the two outputs pasted in as the comments say. -bh runs an SMTP session from a given IP
 * without network. The strict check is Debian's local_host_blacklist, here listing every address (as an RBL
 * that lists everyone would): only the Netigate stanza can let a sender past it.
 */
class EximRealTest {

    private static final String LOCAL_RECIPIENT = "nobody@" + Rendered.CUSTOMER_DOMAIN;
    private static final Pattern REPLY = Pattern.compile("^(\\d{3})([ -])(.*)$");

    @TempDir
    static Path work;

    static Stream<Rendered> rendered() {
        return Rendered.everyServerAndVersion("exim", work);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rendered")
    void debianConfigurationWithTheOutputsParses(Rendered rendered) throws IOException {
        Path config = debianConfig(rendered, true);
        RealProgram.Result check = exim(config, null, "-bV");

        assertThat(check.exitCode()).as(check.toString()).isZero();
        assertThat(check.out()).contains("Configuration file is " + config);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rendered")
    void listedIpsWithAcceptedSendersPassTheStrictCheckAndNothingElseDoes(Rendered rendered) throws IOException {
        Path config = debianConfig(rendered, true);
        String netigateSender = "survey@" + rendered.server().senderDomains().get(0);
        String listed = rendered.server().networks().get(0).address();

        for (IpNetwork network : rendered.server().networks()) {
            for (String domain : rendered.acceptedSenderDomains()) {
                assertThat(rcptReply(config, network.address(), "survey@" + domain, LOCAL_RECIPIENT))
                        .as("%s from %s", domain, network).startsWith("250 Accepted");
            }
        }
        assertThat(rcptReply(config, listed, netigateSender, "someone@outside-domain.example"))
                .as("relaying from a listed IP").isEqualTo("550 relay not permitted");
        assertThat(rcptReply(config, listed, "offers@unrelated-sender.example", LOCAL_RECIPIENT))
                .as("another sender on a listed IP").startsWith("550 sender IP address " + listed + " is locally blacklisted");
        String neighbour = rendered.unlistedNeighbour();
        assertThat(rcptReply(config, neighbour, netigateSender, LOCAL_RECIPIENT))
                .as("a Netigate sender on the unlisted address %s", neighbour)
                .startsWith("550 sender IP address " + neighbour + " is locally blacklisted");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rendered")
    void withoutTheOutputsTheStrictCheckRefusesNetigateToo(Rendered rendered) throws IOException {
        Path config = debianConfig(rendered, false);
        String listed = rendered.server().networks().get(0).address();

        assertThat(rcptReply(config, listed, "survey@" + rendered.server().senderDomains().get(0), LOCAL_RECIPIENT))
                .startsWith("550 sender IP address " + listed + " is locally blacklisted");
    }

    @Test
    void freeTextInTheProfileStaysInert() throws IOException {
        Profile hostile = Rendered.hostileProfile(work.resolve("hostile"));
        Rendered rendered = Rendered.render("exim", hostile, hostile.servers().get(0), List.of(Rendered.CUSTOMER_DOMAIN),
                work.resolve("hostile"));
        Path config = debianConfig(rendered, true);
        RealProgram.Result check = exim(config, null, "-bV");
        String listed = rendered.server().networks().get(0).address();

        assertThat(check.exitCode()).as(check.toString()).isZero();
        assertThat(rcptReply(config, listed, "survey@" + rendered.server().senderDomains().get(0), LOCAL_RECIPIENT))
                .startsWith("250 Accepted");
        assertThat(rcptReply(config, listed, "offers@unrelated-sender.example", LOCAL_RECIPIENT)).startsWith("550 ");
    }

    /** The final reply to RCPT TO in a -bh session: HELO, MAIL FROM, RCPT TO, QUIT. */
    private static String rcptReply(Path config, String ip, String sender, String recipient) throws IOException {
        Path dialogue = Files.createTempFile(work, "smtp", ".txt");
        Files.writeString(dialogue, "HELO mail.sender.example\r\nMAIL FROM:<" + sender + ">\r\nRCPT TO:<" + recipient
                + ">\r\nQUIT\r\n");
        RealProgram.Result session = exim(config, dialogue, "-bh", ip);
        List<String> replies = new ArrayList<>();
        StringBuilder reply = new StringBuilder();
        for (String line : session.out().split("\r?\n")) {
            Matcher m = REPLY.matcher(line);
            if (m.matches()) {
                reply.append(reply.isEmpty() ? m.group(1) + " " : " ").append(m.group(3));
                if (m.group(2).equals(" ")) {
                    replies.add(reply.toString());
                    reply.setLength(0);
                }
            }
        }
        // 220 banner, 250 HELO, 250 MAIL, then the RCPT reply
        assertThat(replies).as(session.toString()).hasSizeGreaterThanOrEqualTo(4);
        assertThat(replies.subList(0, 3)).as(session.toString()).allMatch(r -> r.startsWith("2"));
        return replies.get(3);
    }

    /**
     * Debian's exim4.conf.template with its debconf macros set for a test (local domain customer.example, no
     * relay networks, no DNS), netigate-lists.conf pasted before the first 'begin' line and
     * netigate-rcpt-acl.conf after the recipient check, as their comments tell the admin.
     */
    private static Path debianConfig(Rendered rendered, boolean withOutputs) throws IOException {
        // Exim gives up root for the Debian-exim user: it must reach the spool folder (JUnit's are private)
        Files.setPosixFilePermissions(work, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path dir = Files.createDirectories(work.resolve(rendered.folder().getFileName() + (withOutputs ? "-conf" : "-plain")));
        Path confDir = Files.createDirectories(dir.resolve("confdir"));
        Files.writeString(confDir.resolve("local_host_blacklist"), "0.0.0.0/0\n::/0\n");
        List<String> lines = new ArrayList<>(List.of(
                "CONFDIR = " + confDir,
                "SPOOLDIR = " + Files.setPosixFilePermissions(Files.createDirectories(dir.resolve("spool")),
                        PosixFilePermissions.fromString("rwxrwxrwx")),
                "MAIN_LOCAL_DOMAINS = " + Rendered.CUSTOMER_DOMAIN,
                "MAIN_RELAY_TO_DOMAINS =",
                "MAIN_RELAY_NETS =",
                "DC_minimaldns = 1",
                "MAIN_HARDCODE_PRIMARY_HOSTNAME = mx." + Rendered.CUSTOMER_DOMAIN));
        List<String> template = Files.readAllLines(RealProgram.UNPACKED.resolve("exim/etc/exim4/exim4.conf.template"));
        boolean listsPasted = false;
        boolean stanzaPasted = false;
        for (int i = 0; i < template.size(); i++) {
            String line = template.get(i);
            if (withOutputs && !listsPasted && line.startsWith("begin ")) {
                lines.addAll(Files.readAllLines(rendered.file("netigate-lists.conf")));
                listsPasted = true;
            }
            lines.add(line);
            if (withOutputs && line.equals("    verify = recipient") && template.get(i - 1).equals("  require")) {
                lines.addAll(Files.readAllLines(rendered.file("netigate-rcpt-acl.conf")));
                stanzaPasted = true;
            }
        }
        assertThat(listsPasted).as("pasted netigate-lists.conf").isEqualTo(withOutputs);
        assertThat(stanzaPasted).as("pasted netigate-rcpt-acl.conf").isEqualTo(withOutputs);
        Path config = dir.resolve("exim4.conf");
        Files.write(config, lines);
        return config;
    }

    private static RealProgram.Result exim(Path config, Path input, String... args) {
        List<String> command = new ArrayList<>(List.of("exim4", "-C", config.toString()));
        command.addAll(List.of(args));
        return RealProgram.runWithInput(Duration.ofSeconds(30), Map.of(), null, input, command.toArray(String[]::new));
    }
}
