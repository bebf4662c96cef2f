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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The exim target, proven by Debian's Exim (unpacked by .ci/setup.d/exim.sh) on Debian's own configuration
 * with the outputs applied as their comments say, in both of Debian's layouts (the lists included from
 * exim4.conf.localmacros before the single file exim4.conf.template, or as conf.d/main/50_netigate_lists
 * assembled by Debian's real update-exim4.conf), hooked into Debian's acl_local_deny_exceptions through
 * LOCAL_DENY_EXCEPTIONS_LOCAL_ACL_FILE without editing a package file; and the stanza in a hand-kept
 * configuration. -bh runs an SMTP
 * session from a given IP without network. The strict check is Debian's local_host_blacklist, here listing
 * every address (as an RBL that lists everyone would): only the Netigate stanza can let a sender past it.
 */
class EximRealTest {

    /** How the outputs reach the configuration. */
    enum Layout { SINGLE_FILE, SPLIT, WITHOUT_OUTPUTS }

    private static final String LOCAL_RECIPIENT = "nobody@" + Rendered.CUSTOMER_DOMAIN;
    private static final Pattern REPLY = Pattern.compile("^(\\d{3})([ -])(.*)$");
    private static final Path DEBIAN_CONFIG = RealProgram.UNPACKED.resolve("exim/etc/exim4");
    private static final Map<String, Path> CONFIGS = new HashMap<>();

    @TempDir
    static Path work;

    @BeforeAll
    static void letEximIn() throws IOException {
        // Exim gives up root for the Debian-exim user, which must reach the spool folder (JUnit's are private)
        Files.setPosixFilePermissions(work, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    @BeforeEach
    void requireExim() {
        // before anything reads Debian's configuration, which comes with the binary
        RealProgram.require("exim4");
    }

    static Stream<Arguments> renderedInBothLayouts() {
        return Rendered.everyServerAndVersion("exim", work)
                .flatMap(r -> Stream.of(Arguments.of(r, Layout.SINGLE_FILE), Arguments.of(r, Layout.SPLIT)));
    }

    static Stream<Rendered> rendered() {
        return Rendered.everyServerAndVersion("exim", work);
    }

    @ParameterizedTest(name = "{0}, {1}")
    @MethodSource("renderedInBothLayouts")
    void debianConfigurationWithTheOutputsParses(Rendered rendered, Layout layout) throws IOException {
        Path config = config(rendered, layout);
        RealProgram.Result check = exim(config, null, "-bV");

        assertThat(check.exitCode()).as(check.toString()).isZero();
        assertThat(check.out()).contains("Configuration file is " + config);
        // the lists resolve and the hook is in: the check the lists file documents prints ok
        String documented = Files.readAllLines(rendered.file("netigate-lists.conf")).stream()
                .filter(l -> l.contains("exim4 -be -oMa ")).findFirst().orElseThrow().replaceFirst("^#\\s+", "");
        assertThat(documentedCheck(documented, config).out().strip()).isEqualTo("ok");
    }

    @ParameterizedTest(name = "{0}, {1}")
    @MethodSource("renderedInBothLayouts")
    void listedIpsWithAcceptedSendersPassTheStrictCheckAndNothingElseDoes(Rendered rendered, Layout layout) throws IOException {
        Path config = config(rendered, layout);
        String netigateSender = "survey@" + rendered.server().senderDomains().get(0);
        String listed = rendered.server().networks().get(0).address();

        for (IpNetwork network : rendered.server().networks()) {
            for (String domain : rendered.acceptedSenderDomains()) {
                assertThat(rcptReply(config, network.address(), "survey@" + domain, LOCAL_RECIPIENT))
                        .as("%s from %s", domain, network).startsWith("250 Accepted");
            }
        }
        assertThat(rcptReply(config, listed, netigateSender.toUpperCase(java.util.Locale.ROOT), LOCAL_RECIPIENT))
                .as("domains are case-insensitive, as in every target").startsWith("250 Accepted");
        assertThat(rcptReply(config, listed, netigateSender, "someone@outside-domain.example"))
                .as("relaying from a listed IP").isEqualTo("550 relay not permitted");
        assertThat(rcptReply(config, listed, "offers@unrelated-sender.example", LOCAL_RECIPIENT))
                .as("another sender on a listed IP").startsWith("550 sender IP address " + listed + " is locally blacklisted");
        assertThat(rcptReply(config, listed, "bounce@mail." + rendered.server().senderDomains().get(0), LOCAL_RECIPIENT))
                .as("a subdomain of a Netigate sender domain (exact domains only, issue 19.9)")
                .startsWith("550 sender IP address " + listed + " is locally blacklisted");
        String neighbour = rendered.unlistedNeighbour();
        assertThat(rcptReply(config, neighbour, netigateSender, LOCAL_RECIPIENT))
                .as("a Netigate sender on the unlisted address %s", neighbour)
                .startsWith("550 sender IP address " + neighbour + " is locally blacklisted");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rendered")
    void withoutTheOutputsTheStrictCheckRefusesNetigateToo(Rendered rendered) throws IOException {
        Path config = config(rendered, Layout.WITHOUT_OUTPUTS);
        String listed = rendered.server().networks().get(0).address();

        assertThat(rcptReply(config, listed, "survey@" + rendered.server().senderDomains().get(0), LOCAL_RECIPIENT))
                .startsWith("550 sender IP address " + listed + " is locally blacklisted");
    }

    @Test
    void freeTextInTheProfileStaysInert() throws IOException {
        Profile hostile = Rendered.hostileProfile(work.resolve("hostile"));
        Rendered rendered = Rendered.render("exim", hostile, hostile.servers().get(0), List.of(Rendered.CUSTOMER_DOMAIN),
                work.resolve("hostile"));
        Path config = config(rendered, Layout.SINGLE_FILE);
        RealProgram.Result check = exim(config, null, "-bV");
        String listed = rendered.server().networks().get(0).address();

        assertThat(check.exitCode()).as(check.toString()).isZero();
        assertThat(rcptReply(config, listed, "survey@" + rendered.server().senderDomains().get(0), LOCAL_RECIPIENT))
                .startsWith("250 Accepted");
        assertThat(rcptReply(config, listed, "offers@unrelated-sender.example", LOCAL_RECIPIENT)).startsWith("550 ");
    }

    /**
     * Issue 19.4: a hand-kept exim.conf whose relay check comes last, with the stanza pasted first in the RCPT
     * ACL. The stanza itself must keep relaying closed: an outside recipient from a listed IP with a Netigate
     * sender is refused by the later relay check, while a local recipient is accepted by the stanza.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("rendered")
    void theStanzaCannotOpenARelayWhenTheRelayCheckComesAfterIt(Rendered rendered) throws IOException {
        Path config = handKeptConfig(rendered, rendered.folder().getFileName() + "-relay-last", true);
        String listed = rendered.server().networks().get(0).address();
        String netigateSender = "survey@" + rendered.server().senderDomains().get(0);

        RealProgram.Result check = exim(config, null, "-bV");
        assertThat(check.exitCode()).as(check.toString()).isZero();
        assertThat(rcptReply(config, listed, netigateSender, "victim@outside-domain.example"))
                .as("relaying from a listed IP with a Netigate sender").isEqualTo("550 relay not permitted");
        assertThat(rcptReply(config, listed, netigateSender, LOCAL_RECIPIENT)).startsWith("250 Accepted");
    }

    /**
     * Issue 26.2, hand-kept configurations: the stanza pasted without the lists it names passes exim -bV, and then
     * every client gets 451 (the named list is unknown when the ACL runs). The check the lists file documents for
     * such configurations, run as printed, prints ok with the lists and not without them.
     */
    @Test
    void theHandKeptCheckCatchesAStanzaWithoutItsLists() throws IOException {
        Rendered rendered = currentDach("hand-kept-check");
        String documented = documentedCommand(rendered, "exim -be '");
        Path good = handKeptConfig(rendered, "hand-kept-good", true);
        Path broken = handKeptConfig(rendered, "hand-kept-without-lists", false);
        assertThat(exim(broken, null, "-bV").exitCode()).as("exim -bV passes without the lists").isZero();
        assertThat(rcptReply(broken, "198.51.100.1", "offers@unrelated-sender.example", LOCAL_RECIPIENT))
                .as("any client, once such a configuration runs").startsWith("451 ");

        assertThat(documentedCheck(documented, good).out().strip()).isEqualTo("ok");
        RealProgram.Result caught = documentedCheck(documented, broken);
        assertThat(caught.out().strip()).as(caught.toString()).isNotEqualTo("ok");
    }

    /**
     * A hand-kept exim.conf whose relay check comes last, the stanza pasted first in its RCPT ACL and the lists
     * in the main section (or, without them, only the stanza), in {@code name} under the test's folder.
     */
    private static Path handKeptConfig(Rendered rendered, String name, boolean withLists) throws IOException {
        Path dir = Files.createDirectories(work.resolve(name));
        Path spool = Files.setPosixFilePermissions(Files.createDirectories(dir.resolve("spool")),
                PosixFilePermissions.fromString("rwxrwxrwx"));
        List<String> lines = new ArrayList<>(List.of(
                "primary_hostname = mx." + Rendered.CUSTOMER_DOMAIN,
                "spool_directory = " + spool,
                "domainlist local_domains = " + Rendered.CUSTOMER_DOMAIN,
                "domainlist relay_to_domains =",
                "acl_smtp_rcpt = acl_check_rcpt"));
        if (withLists) {
            lines.addAll(Files.readAllLines(rendered.file("netigate-lists.conf")));
        }
        lines.addAll(List.of("begin acl", "acl_check_rcpt:"));
        lines.addAll(Files.readAllLines(rendered.file("netigate-rcpt-acl.conf")));
        lines.addAll(List.of(
                "  deny message = strict check: " + "not allowlisted",
                "    hosts = !+netigate_hosts",
                "  accept domains = +local_domains",
                "  deny message = relay not permitted",
                "begin routers",
                "local_user:",
                "  driver = accept",
                "  domains = +local_domains",
                "  local_parts = nobody",
                "  transport = discard",
                "begin transports",
                "discard:",
                "  driver = appendfile",
                "  file = /dev/null",
                "  user = nobody"));
        Path config = dir.resolve("exim.conf");
        Files.write(config, lines);
        return config;
    }

    /**
     * Issue 26.2: lists named so that update-exim4.conf skips them (a dot in the name) pass update-exim4.conf and
     * exim4 -bV. The check the lists file documents, run as printed, must print ok for the right name and not
     * for the skipped one, before anything is reloaded.
     */
    @Test
    void theDocumentedCheckCatchesListsThatUpdateEximSkipped() throws IOException {
        Rendered rendered = currentDach("check");
        String documented = documentedCommand(rendered, "exim4 -be -oMa ");
        Path good = debianConfig(rendered, Layout.SPLIT, Files.createDirectories(work.resolve("check-good")), "50_netigate_lists");
        Path skipped = debianConfig(rendered, Layout.SPLIT, Files.createDirectories(work.resolve("check-skipped")), "50_netigate_lists.conf");
        assertThat(Files.readString(skipped)).doesNotContain("netigate_hosts");
        for (Path config : List.of(good, skipped)) {
            assertThat(exim(config, null, "-bV").exitCode()).as("exim4 -bV passes either way").isZero();
        }

        assertThat(documentedCheck(documented, good).out().strip()).isEqualTo("ok");
        RealProgram.Result caught = documentedCheck(documented, skipped);
        assertThat(caught.out().strip()).as(caught.toString()).isNotEqualTo("ok");
    }

    private static RealProgram.Result documentedCheck(String command, Path config) {
        String exim = RealProgram.require("exim4").toString();
        // both names the documented checks use: exim4 on Debian, exim in a hand-kept installation
        return RealProgram.run(Duration.ofSeconds(30), Map.of(), null, "sh", "-c",
                "exim4() { '" + exim + "' -C '" + config + "' \"$@\"; }; exim() { exim4 \"$@\"; }; " + command);
    }

    /**
     * Issue 23.4: version 1's files applied, then version 2's copied over them as the header says, in both of
     * Debian's layouts: version 1's IP gets no exception any more, version 2's do, and the customer's own
     * exception (Debian's host_local_deny_exceptions) stays.
     */
    @ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.EnumSource(value = Layout.class, names = {"SINGLE_FILE", "SPLIT"})
    void anUpgradeFromVersionOneLeavesNothingOfItAndKeepsTheCustomersOwnExceptions(Layout layout) throws IOException {
        Profile v1 = Rendered.profiles().stream().filter(p -> p.version().equals("1")).findFirst().orElseThrow();
        Profile v2 = Rendered.profiles().stream().filter(p -> p.version().equals("2")).findFirst().orElseThrow();
        Rendered old = Rendered.render("exim", v1, v1.server("dach").orElseThrow(), List.of(Rendered.CUSTOMER_DOMAIN), work.resolve("upgrade-v1"));
        Rendered now = Rendered.render("exim", v2, v2.server("dach").orElseThrow(), List.of(Rendered.CUSTOMER_DOMAIN), work.resolve("upgrade-v2"));
        Path dir = Files.createDirectories(work.resolve("upgrade-" + layout));
        Files.createDirectories(dir.resolve("test-confdir"));
        Files.writeString(dir.resolve("test-confdir/host_local_deny_exceptions"), "198.51.100.7\n");
        String v1Ip = "178.77.90.228";

        Path config = debianConfig(old, layout, dir, "50_netigate_lists");
        assertThat(rcptReply(config, v1Ip, "survey@ntgt.de", LOCAL_RECIPIENT)).as("version 1 applied").startsWith("250 Accepted");

        config = debianConfig(now, layout, dir, "50_netigate_lists");
        assertThat(exim(config, null, "-bV").exitCode()).isZero();
        assertThat(rcptReply(config, v1Ip, "survey@ntgt.de", LOCAL_RECIPIENT)).as("version 1's IP after the upgrade")
                .startsWith("550 sender IP address " + v1Ip + " is locally blacklisted");
        for (IpNetwork network : now.server().networks()) {
            assertThat(rcptReply(config, network.address(), "survey@ntgt.de", LOCAL_RECIPIENT)).startsWith("250 Accepted");
        }
        assertThat(rcptReply(config, "198.51.100.7", "offers@unrelated-sender.example", LOCAL_RECIPIENT))
                .as("the customer's own exception").startsWith("250 Accepted");
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
     * Debian's configuration with the outputs applied as their comments tell the admin, and the test's own
     * settings in front: its own CONFDIR (with the blacklist) and spool, no DNS, a fixed host name.
     */
    private static synchronized Path config(Rendered rendered, Layout layout) throws IOException {
        String key = rendered.folder() + "/" + layout;
        if (CONFIGS.containsKey(key)) {
            return CONFIGS.get(key);
        }
        Path config = debianConfig(rendered, layout, Files.createDirectories(work.resolve(rendered.folder().getFileName() + "-" + layout)),
                "50_netigate_lists");
        CONFIGS.put(key, config);
        return config;
    }

    /** As above, in {@code dir}, the lists copied under {@code listsName} in the split layout; run again, it applies over. */
    private static Path debianConfig(Rendered rendered, Layout layout, Path dir, String listsName) throws IOException {
        Path testConfDir = Files.createDirectories(dir.resolve("test-confdir"));
        Files.writeString(testConfDir.resolve("local_host_blacklist"), "0.0.0.0/0\n::/0\n");
        Path spool = Files.setPosixFilePermissions(Files.createDirectories(dir.resolve("spool")),
                PosixFilePermissions.fromString("rwxrwxrwx"));
        List<String> lines = new ArrayList<>(List.of(
                "CONFDIR = " + testConfDir,
                "SPOOLDIR = " + spool,
                "DC_minimaldns = 1",
                "MAIN_HARDCODE_PRIMARY_HOSTNAME = mx." + Rendered.CUSTOMER_DOMAIN));
        if (layout == Layout.SPLIT) {
            lines.addAll(splitLayout(rendered, dir, listsName));
        } else {
            // what update-exim4.conf would define from its debconf answers
            lines.addAll(List.of("MAIN_LOCAL_DOMAINS = " + Rendered.CUSTOMER_DOMAIN, "MAIN_RELAY_TO_DOMAINS =", "MAIN_RELAY_NETS ="));
            if (layout == Layout.SINGLE_FILE) {
                // exim4.conf.localmacros, which update-exim4.conf puts in front of the template, holds the .include
                lines.add(".include " + installLists(rendered, dir));
            }
            lines.addAll(Files.readAllLines(DEBIAN_CONFIG.resolve("exim4.conf.template")));
        }
        Path config = dir.resolve("exim4.conf");
        Files.write(config, lines);
        return config;
    }

    /**
     * netigate-lists.conf and netigate-deny-exceptions.conf copied into {@code dir}, as into /etc/exim4/, the
     * macro naming the copy (the test's own path instead of /etc/exim4/); returns the lists' copy.
     */
    private static Path installLists(Rendered rendered, Path dir) throws IOException {
        Path exceptions = dir.resolve("netigate-deny-exceptions.conf");
        Files.copy(rendered.file("netigate-deny-exceptions.conf"), exceptions, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        String lists = Files.readString(rendered.file("netigate-lists.conf"));
        assertThat(lists).contains("LOCAL_DENY_EXCEPTIONS_LOCAL_ACL_FILE = /etc/exim4/netigate-deny-exceptions.conf\n");
        Path copy = dir.resolve("netigate-lists.conf");
        Files.writeString(copy, lists.replace("/etc/exim4/netigate-deny-exceptions.conf", exceptions.toString()));
        return copy;
    }

    /**
     * Debian's conf.d with netigate-lists.conf copied to conf.d/main/{@code listsName}, assembled by Debian's own
     * update-exim4.conf; no package file is changed.
     */
    private static List<String> splitLayout(Rendered rendered, Path dir, String listsName) throws IOException {
        Path confDir = dir.resolve("debian-confdir");
        try (Stream<Path> files = Files.walk(DEBIAN_CONFIG)) {
            for (Path source : files.toList()) {
                Path target = confDir.resolve(DEBIAN_CONFIG.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        Files.writeString(confDir.resolve("update-exim4.conf.conf"), String.join("\n",
                "dc_eximconfig_configtype='internet'", "dc_other_hostnames='" + Rendered.CUSTOMER_DOMAIN + "'",
                "dc_local_interfaces='127.0.0.1'", "dc_relay_domains=''", "dc_relay_nets=''", "dc_minimaldns='false'",
                "dc_use_split_config='true'", "dc_localdelivery='mail_spool'", ""));
        Files.copy(installLists(rendered, dir), confDir.resolve("conf.d/main/" + listsName), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        return assemble(confDir, dir);
    }

    private static List<String> assemble(Path confDir, Path dir) throws IOException {
        Path assembled = dir.resolve("assembled.conf");
        RealProgram.Result update = RealProgram.run(Duration.ofSeconds(60), Map.of(), dir,
                "update-exim4.conf", "--confdir", confDir.toString(), "--output", assembled.toString());
        assertThat(update.exitCode()).as(update.toString()).isZero();
        return Files.readAllLines(assembled);
    }

    private static RealProgram.Result exim(Path config, Path input, String... args) {
        List<String> command = new ArrayList<>(List.of("exim4", "-C", config.toString()));
        command.addAll(List.of(args));
        return RealProgram.runWithInput(Duration.ofSeconds(30), Map.of(), null, input, command.toArray(String[]::new));
    }

    /** The current profile's dach output with the customer's domain, rendered into work/FOLDER. */
    private Rendered currentDach(String folder) throws IOException {
        Profile current = Rendered.profiles().stream().filter(p -> p.status() == Profile.Status.CURRENT).findFirst().orElseThrow();
        return Rendered.render("exim", current, current.server("dach").orElseThrow(), List.of(Rendered.CUSTOMER_DOMAIN),
                work.resolve(folder));
    }

    /** The check command the lists file documents in a comment, as an admin would copy it. */
    private static String documentedCommand(Rendered rendered, String containing) throws IOException {
        return Files.readAllLines(rendered.file("netigate-lists.conf")).stream()
                .filter(l -> l.contains(containing)).findFirst().orElseThrow().replaceFirst("^#\\s+", "");
    }
}
