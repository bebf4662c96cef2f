package dev.whitelistgen.targets;

import static org.assertj.core.api.Assertions.assertThat;

import dev.whitelistgen.model.IpNetwork;
import dev.whitelistgen.model.Server;
import dev.whitelistgen.testing.Cli;
import dev.whitelistgen.testing.PostfixInstance;
import dev.whitelistgen.testing.Profiles;
import dev.whitelistgen.testing.RealProgram;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The postfix target's output, proven with the real postmap, postconf and a real Postfix on loopback. */
class PostfixTargetTest {

    static final String CUSTOMER = "example.com";
    static final String UNLISTED = "198.18.0.1";
    static final String PROTECTED_LIST = "all-staff@" + CUSTOMER;

    @TempDir
    static Path temp;
    static Path generated;
    static Server dach;

    @BeforeAll
    static void generate() {
        generated = temp.resolve("generated");
        Cli.Result result = Cli.run("--target", "postfix", "--server", "dach", "--domain", CUSTOMER, "--output", generated.toString());
        assertThat(result.exitCode()).as(result.toString()).isZero();
        dach = Profiles.current().server("dach").orElseThrow();
    }

    static Path configWith(Path folder, String... lines) throws IOException {
        Files.createDirectories(folder);
        Files.write(folder.resolve("main.cf"), List.of(lines));
        return folder;
    }

    static RealProgram.Result postmapQuery(Path config, String key, String table) {
        return RealProgram.run("postmap", "-c", config.toString(), "-q", key, table);
    }

    @Test
    void clientTableSendsEveryProfileNetworkToTheSenderClassAndNothingElse() throws IOException {
        Path config = configWith(temp.resolve("postmap"), "compatibility_level = 3.6");
        String table = "cidr:" + generated.resolve("netigate_clients.cidr");
        for (IpNetwork network : dach.networks()) {
            RealProgram.Result hit = postmapQuery(config, network.address(), table);
            assertThat(hit.out().strip()).as(hit.toString()).isEqualTo("netigate_senders");
            assertThat(hit.err()).doesNotContain("warning");
        }
        for (String other : List.of(UNLISTED, "89.45.227.220", "89.45.227.222", "46.254.11.93")) {
            RealProgram.Result miss = postmapQuery(config, other, table);
            assertThat(miss.exitCode()).as(miss.toString()).isEqualTo(1);
            assertThat(miss.out()).isEmpty();
        }
    }

    @Test
    void postscreenTablePermitsEveryProfileNetworkAndNothingElse() throws IOException {
        Path config = configWith(temp.resolve("postscreen"), "compatibility_level = 3.6");
        String table = "cidr:" + generated.resolve("netigate_postscreen.cidr");
        for (IpNetwork network : dach.networks()) {
            assertThat(postmapQuery(config, network.address(), table).out().strip()).isEqualTo("permit");
        }
        assertThat(postmapQuery(config, UNLISTED, table).exitCode()).isEqualTo(1);
    }

    /** Issue 19.9: exact domains only, as in every target; a regexp table has no parent-domain search (access(5)). */
    @Test
    void senderTableAcceptsTheExactDomainsOfTheServerAndTheCustomerOnly() throws IOException {
        Path config = configWith(temp.resolve("senders"), "compatibility_level = 3.6");
        String table = "regexp:" + generated.resolve("netigate_sender_access");
        assertThat(postmapQuery(config, "survey@ntgt.de", table).out().strip()).isEqualTo("OK");
        assertThat(postmapQuery(config, "Survey@NTGT.DE", table).out().strip()).as("case is ignored").isEqualTo("OK");
        assertThat(postmapQuery(config, "info@" + CUSTOMER, table).out().strip()).isEqualTo("OK");
        for (String other : List.of("survey@netigate.se", "someone@evil.example", "bounce@mail.ntgt.de", "x@sub." + CUSTOMER,
                "x@ntgtXde", "x@ntgt.de.evil.example", "ntgt.de", "\"x@ntgt.de\"@evil.example", "a@ntgt.de@evil.example",
                "survey@ntgt.de.", "<>", "survey@ntgt.de evil.example")) {
            RealProgram.Result miss = postmapQuery(config, other, table);
            assertThat(miss.exitCode()).as(other + ": " + miss).isEqualTo(1);
            assertThat(miss.err()).as(other).isEmpty();
        }
    }

    @Test
    void mainCfSnippetIsAcceptedByPostconfWithoutWarnings() throws IOException {
        List<String> main = new java.util.ArrayList<>(List.of("compatibility_level = 3.6"));
        main.addAll(Files.readAllLines(generated.resolve("main.cf.snippet")));
        Path config = temp.resolve("snippet");
        Files.createDirectories(config);
        Files.write(config.resolve("main.cf"), main);
        Files.copy(RealProgram.packageFile("/usr/share/postfix/master.cf.dist", "postconf"), config.resolve("master.cf"));
        RealProgram.Result result = RealProgram.run("postconf", "-c", config.toString(), "-n");
        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.err()).as("postconf warnings").isEmpty();
        assertThat(result.out()).contains("smtpd_restriction_classes = netigate_senders",
                "netigate_senders = check_sender_access regexp:/etc/postfix/netigate_sender_access");
        assertThat(result.out()).doesNotContain("mynetworks");
    }

    @Test
    void policydSpfSnippetListsExactlyTheServersNetworks() throws IOException {
        String whitelist = Files.readAllLines(generated.resolve("policyd-spf.conf.snippet")).stream()
                .filter(l -> l.startsWith("Whitelist = ")).findFirst().orElseThrow();
        // policyd-spf wants a comma list without spaces
        assertThat(whitelist.substring("Whitelist = ".length()).split(","))
                .containsExactlyElementsOf(dach.networks().stream().map(IpNetwork::cidr).toList());
    }

    @Test
    void applyRefusesAServerThatMayBeAnOpenRelay() throws IOException {
        try (PostfixInstance postfix = new PostfixInstance(PostfixInstance.newRoot(), List.of(
                "smtpd_relay_restrictions = permit",
                "smtpd_recipient_restrictions = permit_mynetworks"))) {
            String before = Files.readString(postfix.config().resolve("main.cf"));
            RealProgram.Result apply = runScript("apply.sh", postfix);
            assertThat(apply.exitCode()).isEqualTo(1);
            assertThat(apply.err()).contains("refusing to add an allowlist to a server that may be an open relay");
            assertThat(Files.readString(postfix.config().resolve("main.cf"))).isEqualTo(before);
            assertThat(postfix.config().resolve("netigate_clients.cidr")).doesNotExist();
        }
    }

    /** Relaying refused only through a $parameter, with no relay check in smtpd_relay_restrictions: refused, nothing changed. */
    @Test
    void applyRefusesARelayCheckItCannotPlaceItselfAfter() throws IOException {
        try (PostfixInstance postfix = new PostfixInstance(PostfixInstance.newRoot(), List.of(
                "smtpd_relay_restrictions =",
                "my_checks = reject_unauth_destination",
                "smtpd_recipient_restrictions = $my_checks"))) {
            String before = Files.readString(postfix.config().resolve("main.cf"));
            RealProgram.Result apply = runScript("apply.sh", postfix);
            assertThat(apply.exitCode()).as(apply.toString()).isEqualTo(1);
            assertThat(apply.err()).contains("relaying is rejected only through a $parameter");
            assertThat(Files.readString(postfix.config().resolve("main.cf"))).isEqualTo(before);
            assertThat(postfix.config().resolve("netigate_clients.cidr")).doesNotExist();
        }
    }

    @Test
    void undoRemovesExactlyWhatApplyAdded() throws IOException {
        Path root = PostfixInstance.newRoot();
        try (PostfixInstance postfix = new PostfixInstance(root, strictChecks(root.resolve("conf"), "smtpd_restriction_classes = local_only",
                "local_only = check_recipient_access hash:" + root.resolve("conf/spoof")))) {
            writeStrictTables(postfix.config());
            String before = postfix.postconf("-n").out();
            assertThat(runScript("apply.sh", postfix).exitCode()).isZero();
            assertThat(postfix.postconf("-n").out()).isNotEqualTo(before);
            RealProgram.Result undo = runScript("undo.sh", postfix);
            assertThat(undo.exitCode()).as(undo.toString()).isZero();
            assertThat(postfix.postconf("-n").out()).isEqualTo(before);
            assertThat(postfix.config().resolve("netigate_clients.cidr")).doesNotExist();
            assertThat(postfix.config().resolve("netigate_sender_access.db")).doesNotExist();
        }
    }

    /**
     * Issue 19.5 and 16.10: a main.cf as upstream writes it leaves smtpd_relay_restrictions unset, so postconf -h
     * gives the unexpanded compatibility expression; apply.sh must read it expanded and run. After apply then
     * undo, postconf -n, main.cf and master.cf are byte for byte what they were (no explicit defaults left).
     */
    @Test
    void applyAcceptsUpstreamsDefaultRelaySettingAndUndoRestoresEveryByte() throws IOException {
        Path root = PostfixInstance.newRoot();
        try (PostfixInstance postfix = new PostfixInstance(root, List.of(
                "# hand-kept: the recipient list spans lines, as admins write it",
                "smtpd_recipient_restrictions =",
                "    reject_unauth_destination,",
                "    check_client_access cidr:" + root.resolve("conf/strict.cidr")))) {
            writeStrictTables(postfix.config());
            assertThat(postfix.postconf("-h", "smtpd_relay_restrictions").out()).as("upstream default").contains("compatibility_level");
            Path mainCf = postfix.config().resolve("main.cf");
            Path masterCf = postfix.config().resolve("master.cf");
            byte[] mainBefore = Files.readAllBytes(mainCf);
            byte[] masterBefore = Files.readAllBytes(masterCf);
            String before = postfix.postconf("-n").out();

            RealProgram.Result apply = runScript("apply.sh", postfix);
            assertThat(apply.exitCode()).as(apply.toString()).isZero();
            assertThat(apply.err()).doesNotContain("open relay");
            assertThat(postfix.postconf("-n").out()).contains("postscreen_access_list = cidr:", "smtpd_restriction_classes = netigate_senders");
            RealProgram.Result undo = runScript("undo.sh", postfix);
            assertThat(undo.exitCode()).as(undo.toString()).isZero();

            assertThat(postfix.postconf("-n").out()).isEqualTo(before);
            assertThat(Files.readAllBytes(mainCf)).as("main.cf bytes").isEqualTo(mainBefore);
            assertThat(Files.readAllBytes(masterCf)).as("master.cf bytes").isEqualTo(masterBefore);
            assertThat(postfix.config().resolve("netigate-allowlist.undo")).doesNotExist();
            assertThat(postfix.config().resolve("netigate_sender_access")).doesNotExist();
        }
    }

    /** When main.cf was edited after apply, undo keeps that edit and still drops the parameters apply had added. */
    @Test
    void undoAfterAnEditRemovesOnlyTheAllowlist() throws IOException {
        Path root = PostfixInstance.newRoot();
        try (PostfixInstance postfix = new PostfixInstance(root, strictChecks(root.resolve("conf")).stream()
                .filter(l -> !l.startsWith("postscreen_access_list")).toList())) {
            writeStrictTables(postfix.config());
            String before = postfix.postconf("-n").out();
            assertThat(runScript("apply.sh", postfix).exitCode()).isZero();
            assertThat(postfix.postconf("-e", "message_size_limit = 20480000").exitCode()).isZero();
            RealProgram.Result undo = runScript("undo.sh", postfix);
            assertThat(undo.exitCode()).as(undo.toString()).isZero();
            assertThat(undo.out()).contains("postscreen_access_list: removed (apply.sh had added it)");
            List<String> expected = new java.util.ArrayList<>(before.lines().toList());
            expected.add("message_size_limit = 20480000");
            assertThat(postfix.postconf("-n").out().lines().sorted().toList()).isEqualTo(expected.stream().sorted().toList());
        }
    }

    /**
     * Apply, an edit, apply again, undo: the second apply may no longer offer the copy for restoring (the edit
     * would be lost), yet undo must still know which parameters apply had added and leave no explicit defaults
     * (issue 16.10). Before: the second apply dropped the copy, and smtpd_restriction_classes = and
     * postscreen_access_list = permit_mynetworks stayed in main.cf.
     */
    @Test
    void undoAfterAnEditBetweenTwoAppliesKeepsTheEditAndLeavesNoExplicitDefaults() throws IOException {
        Path root = PostfixInstance.newRoot();
        try (PostfixInstance postfix = new PostfixInstance(root, strictChecks(root.resolve("conf")).stream()
                .filter(l -> !l.startsWith("postscreen_access_list")).toList())) {
            writeStrictTables(postfix.config());
            String before = postfix.postconf("-n").out();
            assertThat(runScript("apply.sh", postfix).exitCode()).isZero();
            assertThat(postfix.postconf("-e", "message_size_limit = 20480000").exitCode()).isZero();
            RealProgram.Result second = runScript("apply.sh", postfix);
            assertThat(second.exitCode()).as(second.toString()).isZero();
            assertThat(second.out()).contains("main.cf was edited since the last apply.sh");
            assertThat(runScript("apply.sh", postfix).exitCode()).isZero();
            RealProgram.Result undo = runScript("undo.sh", postfix);
            assertThat(undo.exitCode()).as(undo.toString()).isZero();
            List<String> expected = new java.util.ArrayList<>(before.lines().toList());
            expected.add("message_size_limit = 20480000");
            assertThat(postfix.postconf("-n").out().lines().sorted().toList()).isEqualTo(expected.stream().sorted().toList());
            assertThat(postfix.config().resolve("netigate-allowlist.undo")).doesNotExist();
        }
    }

    /**
     * The config folder's path is written into restriction lists, which Postfix splits at spaces and commas: a
     * folder with a space would give "cidr:/a" and "b/netigate_clients.cidr" (an unknown restriction, so every
     * RCPT fails with 451). apply.sh and undo.sh refuse such a path before changing anything.
     */
    @ParameterizedTest
    @ValueSource(strings = {"apply.sh", "undo.sh"})
    void aConfigFolderWithASpaceIsRefusedBeforeAnythingChanges(String script) throws IOException {
        Path root = PostfixInstance.newRoot();
        try (PostfixInstance postfix = new PostfixInstance(root, strictChecks(root.resolve("conf")))) {
            writeStrictTables(postfix.config());
            Path spaced = Files.createDirectories(root.resolve("post fix"));
            for (String file : List.of("main.cf", "master.cf")) {
                Files.copy(postfix.config().resolve(file), spaced.resolve(file));
            }
            byte[] mainBefore = Files.readAllBytes(spaced.resolve("main.cf"));
            RealProgram.Result run = RealProgram.run(Duration.ofSeconds(60),
                    java.util.Map.of("POSTFIX_CONFIG_DIR", spaced.toString(), "WHITELIST_GEN_NO_RELOAD", "1"),
                    generated, "sh", generated.resolve(script).toString());
            assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
            assertThat(run.err()).contains(script + ": config folder '" + spaced + "' must be an absolute path");
            assertThat(Files.readAllBytes(spaced.resolve("main.cf"))).isEqualTo(mainBefore);
            assertThat(spaced.resolve("netigate_clients.cidr")).doesNotExist();
        }
    }

    /**
     * Issue 26.5: postfix check exits 1 and writes only to syslog when standard error is no terminal (here: a
     * myorigin file that does not exist, as with Debian's /etc/mailname missing). apply.sh checks before any
     * change, says so, and leaves main.cf as it was. Before: exit 1, no message, main.cf already changed.
     */
    @Test
    void applyStopsWithAMessageWhenPostfixCheckFailsAndChangesNothing() throws IOException {
        Path root = PostfixInstance.newRoot();
        try (PostfixInstance postfix = new PostfixInstance(root, strictChecks(root.resolve("conf")))) {
            writeStrictTables(postfix.config());
            Files.writeString(postfix.config().resolve("main.cf"), "myorigin = " + root.resolve("missing-mailname") + "\n",
                    java.nio.file.StandardOpenOption.APPEND);
            byte[] before = Files.readAllBytes(postfix.config().resolve("main.cf"));
            RealProgram.Result apply = runScript("apply.sh", postfix);
            assertThat(apply.exitCode()).as(apply.toString()).isEqualTo(1);
            assertThat(apply.err()).contains("apply.sh: postfix check fails before any change (see the mail log)", "Nothing was changed");
            assertThat(apply.out()).doesNotContain("Done");
            assertThat(Files.readAllBytes(postfix.config().resolve("main.cf"))).isEqualTo(before);
            assertThat(postfix.config().resolve("netigate_clients.cidr")).doesNotExist();
        }
    }

    /** Issue 26.4: no list with a check to skip (all empty, nothing after the relay check): a message, nothing changed, no "Done". */
    @Test
    void applyStopsWhereNoListHoldsACheckToSkip() throws IOException {
        try (PostfixInstance postfix = new PostfixInstance(PostfixInstance.newRoot(), List.of(
                "smtpd_relay_restrictions = permit_mynetworks, permit_sasl_authenticated, reject_unauth_destination"))) {
            byte[] before = Files.readAllBytes(postfix.config().resolve("main.cf"));
            RealProgram.Result apply = runScript("apply.sh", postfix);
            assertThat(apply.exitCode()).as(apply.toString()).isEqualTo(1);
            assertThat(apply.err()).contains("no restriction list holds a check for the allowlist to skip: smtpd_recipient_restrictions,",
                    "smtpd_relay_restrictions has nothing after reject_unauth_destination");
            assertThat(apply.out()).doesNotContain("Done");
            assertThat(Files.readAllBytes(postfix.config().resolve("main.cf"))).isEqualTo(before);
        }
    }

    /**
     * Issue 26.4: the checks live in smtpd_relay_restrictions after its relay check and every other list is empty.
     * apply.sh puts the check right after reject_unauth_destination there: a survey from a Netigate IP now passes
     * the RBL-style check, relaying stays refused, other clients still meet it; undo restores every byte. Before:
     * "Done." with nothing placed, and the survey got 554.
     */
    @Test
    void aConfigWithItsChecksInTheRelayRestrictionsGetsTheCheckAfterTheRelayCheck() throws Exception {
        Path root = PostfixInstance.newRoot();
        String rbl = "check_client_access cidr:" + root.resolve("conf/strict.cidr");
        try (PostfixInstance postfix = new PostfixInstance(root, List.of(
                "smtpd_relay_restrictions = permit_mynetworks, permit_sasl_authenticated, reject_unauth_destination, " + rbl))) {
            writeStrictTables(postfix.config());
            byte[] before = Files.readAllBytes(postfix.config().resolve("main.cf"));
            RealProgram.Result apply = runScript("apply.sh", postfix);
            assertThat(apply.exitCode()).as(apply.toString()).isZero();
            assertThat(postfix.configValue("smtpd_relay_restrictions")).isEqualTo("permit_mynetworks, permit_sasl_authenticated,"
                    + " reject_unauth_destination, check_client_access cidr:" + postfix.config().resolve("netigate_clients.cidr") + ", " + rbl);
            postfix.start();
            assertThat(postfix.rcpt("89.45.227.195", "survey@ntgt.de", "staff@" + CUSTOMER).code()).isEqualTo(250);
            assertThat(postfix.rcpt("89.45.227.195", "survey@ntgt.de", "victim@outside.example").text()).contains("Relay access denied");
            assertThat(postfix.rcpt("89.45.227.195", "someone@evil.example", "staff@" + CUSTOMER).text()).contains("strict check");
            assertThat(postfix.rcpt(UNLISTED, "survey@ntgt.de", "staff@" + CUSTOMER).text()).contains("strict check");
            RealProgram.Result undo = runScript("undo.sh", postfix);
            assertThat(undo.exitCode()).as(undo.toString()).isZero();
            assertThat(Files.readAllBytes(postfix.config().resolve("main.cf"))).isEqualTo(before);
        }
    }

    /**
     * Issue 23.4: version 1's apply.sh, then version 2's (from its own folder, as ops would run it), on a running
     * Postfix: postconf -n and the tables hold nothing of version 1, an XCLIENT session from version 1's IP no
     * longer gets OK while version 2's IPs do, the customer's own checks still apply, and undo.sh after the
     * upgrade puts back the main.cf of before the first apply byte for byte.
     */
    @Test
    void anUpgradeFromVersionOneLeavesNothingOfItAndUndoStillRestoresEveryByte() throws Exception {
        Path v1 = temp.resolve("generated-v1");
        Cli.Result result = Cli.run("--target", "postfix", "--server", "dach", "--profile", "1", "--domain", CUSTOMER, "--output", v1.toString());
        assertThat(result.exitCode()).as(result.toString()).isZero();
        String v1Ip = "178.77.90.228";
        Path root = PostfixInstance.newRoot();
        try (PostfixInstance postfix = new PostfixInstance(root, strictChecks(root.resolve("conf")))) {
            writeStrictTables(postfix.config());
            byte[] before = Files.readAllBytes(postfix.config().resolve("main.cf"));
            postfix.start();
            RealProgram.Result first = postfix.runReloading(v1, "sh", v1.resolve("apply.sh").toString());
            assertThat(first.exitCode()).as(first.toString()).isZero();
            assertThat(postfix.rcpt(v1Ip, "survey@ntgt.de", "staff@" + CUSTOMER).code()).as("version 1 applied").isEqualTo(250);

            RealProgram.Result upgrade = postfix.runReloading(generated, "sh", generated.resolve("apply.sh").toString());
            assertThat(upgrade.exitCode()).as(upgrade.toString()).isZero();
            assertThat(postfix.postconf("-n").out()).doesNotContain(v1Ip);
            for (String table : List.of("netigate_clients.cidr", "netigate_postscreen.cidr", "netigate_sender_access")) {
                assertThat(Files.readString(postfix.config().resolve(table))).as(table).doesNotContain(v1Ip).doesNotContain("profile version 1");
            }
            PostfixInstance.SmtpAnswer old = postfix.rcpt(v1Ip, "survey@ntgt.de", "staff@" + CUSTOMER);
            assertThat(old.code()).as(old.text()).isEqualTo(554);
            assertThat(old.text()).contains("strict check");
            for (IpNetwork network : dach.networks()) {
                assertThat(postfix.rcpt(network.address(), "survey@ntgt.de", "staff@" + CUSTOMER).code()).isEqualTo(250);
            }
            assertThat(postfix.rcpt(UNLISTED, "info@" + CUSTOMER, "staff@" + CUSTOMER).text()).as("the customer's own check")
                    .contains("spoofed sender");

            RealProgram.Result undo = postfix.runReloading(generated, "sh", generated.resolve("undo.sh").toString());
            assertThat(undo.exitCode()).as(undo.toString()).isZero();
            assertThat(Files.readAllBytes(postfix.config().resolve("main.cf"))).as("main.cf bytes after apply v1, apply v2, undo").isEqualTo(before);
        }
    }

    /** Issue 19.3: -o overrides of restriction lists in master.cf are left alone, and apply.sh says so. */
    @Test
    void applyNamesMasterCfOverridesItDoesNotChange() throws IOException {
        Path root = PostfixInstance.newRoot();
        try (PostfixInstance postfix = new PostfixInstance(root, strictChecks(root.resolve("conf")))) {
            writeStrictTables(postfix.config());
            Path masterCf = postfix.config().resolve("master.cf");
            Files.writeString(masterCf, "submission inet n - n - - smtpd\n  -o smtpd_recipient_restrictions=permit_sasl_authenticated,reject\n",
                    java.nio.file.StandardOpenOption.APPEND);
            byte[] masterBefore = Files.readAllBytes(masterCf);
            RealProgram.Result apply = runScript("apply.sh", postfix);
            assertThat(apply.exitCode()).as(apply.toString()).isZero();
            assertThat(apply.err()).contains("master.cf overrides restriction lists",
                    "submission/inet/smtpd_recipient_restrictions = permit_sasl_authenticated,reject");
            assertThat(Files.readAllBytes(masterCf)).isEqualTo(masterBefore);
        }
    }

    /** A strict server: every client not allowlisted is refused, and the customer's own domain from outside is spoofing. */
    static List<String> strictChecks(Path config, String... extra) {
        List<String> lines = new java.util.ArrayList<>(List.of(
                "smtpd_relay_restrictions = permit_mynetworks, reject_unauth_destination",
                "smtpd_recipient_restrictions = reject_unauth_destination, check_recipient_access hash:" + config.resolve("protected")
                        + ", check_client_access cidr:" + config.resolve("strict.cidr"),
                "smtpd_sender_restrictions = check_sender_access hash:" + config.resolve("spoof"),
                "postscreen_access_list = permit_mynetworks"));
        lines.addAll(List.of(extra));
        return lines;
    }

    static void writeStrictTables(Path config) throws IOException {
        Files.writeString(config.resolve("strict.cidr"), "0.0.0.0/0 REJECT strict check: client not allowlisted\n");
        Files.writeString(config.resolve("spoof"), CUSTOMER + " REJECT spoofed sender: own domain from outside\n");
        Files.writeString(config.resolve("protected"), PROTECTED_LIST + " REJECT protected list: internal senders only\n");
        for (String table : List.of("spoof", "protected")) {
            RealProgram.Result map = RealProgram.run("postmap", "-c", config.toString(), "hash:" + config.resolve(table));
            assertThat(map.exitCode()).as(map.toString()).isZero();
        }
    }

    static RealProgram.Result runScript(String script, PostfixInstance postfix) {
        return RealProgram.run(Duration.ofSeconds(60), postfix.environment(), generated, "sh", generated.resolve(script).toString());
    }

    /** The generated files applied by apply.sh to a strict Postfix, which then answers real SMTP sessions. */
    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class LivePostfix {

        PostfixInstance postfix;
        String mainCfAfterFirstApply;
        String mainCfAfterSecondApply;
        RealProgram.Result firstApply;

        @BeforeAll
        void applyAndStart() throws Exception {
            if (RealProgram.find("postfix").isEmpty()) {
                return; // each test below skips (or fails under requireAll) in requirePostfix
            }
            Path root = PostfixInstance.newRoot();
            postfix = new PostfixInstance(root, strictChecks(root.resolve("conf")));
            writeStrictTables(postfix.config());
            RealProgram.Result first = runScript("apply.sh", postfix);
            assertThat(first.exitCode()).as(first.toString()).isZero();
            firstApply = first;
            mainCfAfterFirstApply = Files.readString(postfix.config().resolve("main.cf"));
            RealProgram.Result second = runScript("apply.sh", postfix);
            assertThat(second.exitCode()).as(second.toString()).isZero();
            mainCfAfterSecondApply = Files.readString(postfix.config().resolve("main.cf"));
            postfix.start();
        }

        @BeforeEach
        void requirePostfix() {
            RealProgram.require("postfix");
        }

        @AfterAll
        void stop() throws IOException {
            if (postfix != null) {
                postfix.close();
            }
        }

        @Test
        void applyPlacesTheCheckAfterTheRelayCheckAndNeverInMynetworks() {
            String clients = "check_client_access cidr:" + postfix.config().resolve("netigate_clients.cidr");
            assertThat(postfix.configValue("smtpd_recipient_restrictions")).isEqualTo(
                    "reject_unauth_destination, " + clients + ", check_recipient_access hash:" + postfix.config().resolve("protected")
                            + ", check_client_access cidr:" + postfix.config().resolve("strict.cidr"));
            assertThat(postfix.configValue("smtpd_sender_restrictions")).startsWith(clients + ", check_sender_access");
            assertThat(postfix.configValue("smtpd_relay_restrictions")).isEqualTo("permit_mynetworks, reject_unauth_destination");
            assertThat(postfix.configValue("mynetworks")).isEqualTo("127.0.0.1/32");
            assertThat(postfix.configValue("postscreen_access_list"))
                    .isEqualTo("cidr:" + postfix.config().resolve("netigate_postscreen.cidr") + ", permit_mynetworks");
        }

        @Test
        void aSecondApplyChangesNothing() {
            assertThat(mainCfAfterSecondApply).isEqualTo(mainCfAfterFirstApply);
        }

        @Test
        void postfixCheckFindsNoProblem() {
            RealProgram.Result check = RealProgram.run("postfix", "-c", postfix.config().toString(), "check");
            assertThat(check.exitCode()).as(check.toString()).isZero();
            assertThat(check.all()).doesNotContain("warning");
        }

        @Test
        void everyNetigateIpWithANetigateSenderPassesTheStrictCheck() throws IOException {
            for (IpNetwork network : dach.networks()) {
                PostfixInstance.SmtpAnswer answer = postfix.rcpt(network.address(), "survey@ntgt.de", "staff@" + CUSTOMER);
                assertThat(answer.code()).as("%s: %s", network, answer.text()).isEqualTo(250);
            }
        }

        @Test
        void anUnlistedIpIsRefusedByTheStrictCheck() throws IOException {
            PostfixInstance.SmtpAnswer answer = postfix.rcpt(UNLISTED, "survey@ntgt.de", "staff@" + CUSTOMER);
            assertThat(answer.code()).isEqualTo(554);
            assertThat(answer.text()).contains("strict check: client not allowlisted");
        }

        @ParameterizedTest
        @ValueSource(strings = {"someone@evil.example", "survey@netigate.se"})
        void aNetigateIpWithAnotherSenderDomainGetsNoException(String sender) throws IOException {
            PostfixInstance.SmtpAnswer answer = postfix.rcpt(dach.networks().get(0).address(), sender, "staff@" + CUSTOMER);
            assertThat(answer.code()).as(answer.text()).isEqualTo(554);
            assertThat(answer.text()).contains("strict check");
        }

        /**
         * Issue 19.3: OK ends the list (postconf(5), smtpd_recipient_restrictions), so a check_recipient_access
         * REJECT after the netigate check is skipped for Netigate's mail, as the header says; apply.sh names it.
         */
        @Test
        void okSkipsALaterRecipientCheckAndApplySaysSo() throws IOException {
            PostfixInstance.SmtpAnswer netigate = postfix.rcpt(dach.networks().get(0).address(), "survey@ntgt.de", PROTECTED_LIST);
            assertThat(netigate.code()).as(netigate.text()).isEqualTo(250);
            PostfixInstance.SmtpAnswer other = postfix.rcpt(dach.networks().get(0).address(), "someone@evil.example", PROTECTED_LIST);
            assertThat(other.text()).contains("protected list");
            assertThat(firstApply.err()).contains("skips these later entries", "check_recipient_access");
            assertThat(Files.readAllLines(generated.resolve("apply.sh")))
                    .anyMatch(l -> l.contains("check_recipient_access (e.g. a REJECT protecting an internal list)"));
        }

        /** Issue 19.9: exact domains in every target; a Netigate subdomain gets no exception here either. */
        @Test
        void aSubdomainOfANetigateSenderDomainGetsNoException() throws IOException {
            PostfixInstance.SmtpAnswer answer = postfix.rcpt(dach.networks().get(0).address(), "bounce@mail.ntgt.de", "staff@" + CUSTOMER);
            assertThat(answer.code()).as(answer.text()).isEqualTo(554);
            assertThat(answer.text()).contains("strict check");
        }

        @Test
        void aNetigateIpCannotRelay() throws IOException {
            PostfixInstance.SmtpAnswer answer = postfix.rcpt(dach.networks().get(0).address(), "survey@ntgt.de", "victim@outside.example");
            assertThat(answer.code()).isEqualTo(554);
            assertThat(answer.text()).contains("Relay access denied");
        }

        @Test
        void theCustomersOwnDomainFromNetigateIsNotTakenForSpoofing() throws IOException {
            PostfixInstance.SmtpAnswer answer = postfix.rcpt(dach.networks().get(0).address(), "info@" + CUSTOMER, "staff@" + CUSTOMER);
            assertThat(answer.code()).as(answer.text()).isEqualTo(250);
        }

        @Test
        void theCustomersOwnDomainFromElsewhereIsStillSpoofing() throws IOException {
            PostfixInstance.SmtpAnswer answer = postfix.rcpt(UNLISTED, "info@" + CUSTOMER, "staff@" + CUSTOMER);
            assertThat(answer.code()).isEqualTo(554);
            assertThat(answer.text()).contains("spoofed sender");
        }
    }
}
