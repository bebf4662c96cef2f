package dev.whitelistgen.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.whitelistgen.bundle.DeterministicZip;
import dev.whitelistgen.render.Target;
import dev.whitelistgen.render.TargetCatalog;
import dev.whitelistgen.testing.Cli;
import dev.whitelistgen.testing.CliProcess;
import dev.whitelistgen.testing.NamedServer;
import dev.whitelistgen.testing.Profiles;
import dev.whitelistgen.testing.RealProgram;
import dev.whitelistgen.testing.Repo;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TimeZone;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** `whitelist-gen bundle` end to end: what is in the zip, its checksums, its languages, and that it is all or nothing. */
class BundleCommandTest {

    @TempDir
    Path dir;

    @Test
    void holdsEveryTargetThatNeedsNoDomainAReadmeAndChecksumsInAFixedOrder() throws IOException {
        Path zip = dir.resolve("ticket.zip");
        Cli.Result result = Cli.run("bundle", "--server", "dach", "--output", zip.toString());

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.out()).isEmpty();
        assertThat(result.err()).contains("left out bind: it needs --domain").contains("wrote " + zip);
        // every target of the catalog (a new folder needs no edit here): README, each target's files in name order, SHA256SUMS
        List<String> expected = new ArrayList<>(List.of("README.md"));
        for (Target target : new TargetCatalog(List.of(Repo.path("templates"))).all()) {
            if (target.requiresDomain()) {
                assertThat(result.err()).contains("left out " + target.name() + ": it needs --domain");
                continue;
            }
            Path generated = dir.resolve("generated").resolve(target.name());
            Cli.Result generate = Cli.run("--target", target.name(), "--server", "dach", "--output", generated.toString());
            assertThat(generate.exitCode()).as(generate.toString()).isZero();
            try (Stream<Path> files = Files.walk(generated)) {
                files.filter(Files::isRegularFile).map(f -> target.name() + "/" + generated.relativize(f)).sorted().forEach(expected::add);
            }
        }
        expected.add("SHA256SUMS");
        Map<String, String> entries = entries(zip);
        assertThat(entries.keySet()).containsExactlyElementsOf(expected)
                .contains("exim/netigate-lists.conf", "m365/Install-NetigateAllowlist.ps1", "postfix/apply.sh", "spamassassin/netigate-welcomelist.cf");
        String readme = entries.get("README.md");
        assertThat(readme).contains("## Not included").contains("- `bind`: writes records for your own domains")
                .contains("`whitelist-gen bundle --server dach --profile 2 --lang en`");
        for (String file : entries.keySet()) {
            if (!file.equals("README.md") && !file.equals("SHA256SUMS")) {
                assertThat(readme).as("README describes " + file).contains("| `" + file + "` | ");
            }
        }
    }

    @Test
    void theTargetFilesAreExactlyWhatGenerateWrites() throws IOException {
        Path zip = dir.resolve("ticket.zip");
        assertThat(Cli.run("bundle", "--server", "azure", "--domain", "example.com", "-o", zip.toString()).exitCode()).isZero();
        Map<String, String> entries = entries(zip);
        for (String target : List.of("postfix", "bind")) {
            Path generated = dir.resolve(target);
            assertThat(Cli.run("--target", target, "--server", "azure", "--domain", "example.com", "--output", generated.toString())
                    .exitCode()).isZero();
            try (Stream<Path> files = Files.list(generated)) {
                for (Path file : files.toList()) {
                    assertThat(entries.get(target + "/" + file.getFileName())).as(target + "/" + file.getFileName())
                            .isEqualTo(Files.readString(file));
                }
            }
        }
        assertThat(entries).containsKey("bind/spf-records.zone");
        assertThat(entries.get("README.md")).doesNotContain("## Not included");
    }

    @Test
    void theChecksumsMatchAndSha256sumAcceptsThemAfterUnzip() throws IOException, NoSuchAlgorithmException {
        Path zip = dir.resolve("ticket.zip");
        assertThat(Cli.run("bundle", "--server", "dach", "-d", "example.com", "--lang", "sv", "-o", zip.toString()).exitCode()).isZero();
        Map<String, String> entries = entries(zip);
        StringBuilder expected = new StringBuilder();
        for (Map.Entry<String, String> entry : entries.entrySet()) {
            if (!entry.getKey().equals("SHA256SUMS")) {
                byte[] digest = MessageDigest.getInstance("SHA-256").digest(entry.getValue().getBytes(StandardCharsets.UTF_8));
                expected.append(HexFormat.of().formatHex(digest)).append("  ").append(entry.getKey()).append('\n');
            }
        }
        assertThat(entries.get("SHA256SUMS")).isEqualTo(expected.toString());

        Path extracted = Files.createDirectories(dir.resolve("extracted"));
        RealProgram.Result unzip = RealProgram.run(java.time.Duration.ofSeconds(30), Map.of(), extracted, "unzip", "-q", zip.toString());
        assertThat(unzip.exitCode()).as(unzip.toString()).isZero();
        RealProgram.Result check = RealProgram.run(java.time.Duration.ofSeconds(30), Map.of(), extracted, "sha256sum", "--strict", "-c", "SHA256SUMS");
        assertThat(check.exitCode()).as(check.toString()).isZero();
        assertThat(check.out().lines()).hasSize(entries.size() - 1).allMatch(line -> line.endsWith(": OK"));

        Files.writeString(extracted.resolve("postfix/netigate_clients.cidr"), "0.0.0.0/0 OK\n");
        assertThat(RealProgram.run(java.time.Duration.ofSeconds(30), Map.of(), extracted, "sha256sum", "-c", "SHA256SUMS").exitCode())
                .as("a changed file fails the check").isNotZero();
    }

    @Test
    void theSameInputsGiveTheSameBytesWhateverTheDefaultLocaleAndTimeZone() throws IOException {
        String[] args = {"bundle", "--server", "dach", "--domain", "example.com", "--lang", "de", "--output"};
        assertThat(run(args, dir.resolve("a.zip")).exitCode()).isZero();
        assertThat(run(args, dir.resolve("b.zip")).exitCode()).isZero();
        TimeZone zone = TimeZone.getDefault();
        Locale locale = Locale.getDefault();
        try {
            TimeZone.setDefault(TimeZone.getTimeZone("Asia/Kolkata"));
            Locale.setDefault(Locale.forLanguageTag("tr-TR"));
            assertThat(run(args, dir.resolve("c.zip")).exitCode()).isZero();
        } finally {
            TimeZone.setDefault(zone);
            Locale.setDefault(locale);
        }
        byte[] first = Files.readAllBytes(dir.resolve("a.zip"));
        assertThat(Files.readAllBytes(dir.resolve("b.zip"))).isEqualTo(first);
        assertThat(Files.readAllBytes(dir.resolve("c.zip"))).isEqualTo(first);
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(first))) {
            for (ZipEntry entry; (entry = zip.getNextEntry()) != null; ) {
                assertThat(entry.getTimeLocal()).as(entry.getName()).isEqualTo(DeterministicZip.ENTRY_TIME);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"en", "sv", "de"})
    void theReadmeIsInTheChosenLanguageWithEveryTargetsTexts(String language) throws IOException {
        Path zip = dir.resolve("ticket.zip");
        Cli.Result result = Cli.run("bundle", "--server-from-url", "https://www.ntgt.de/login", "--domain", "example.com",
                "--lang", language, "-o", zip.toString());
        assertThat(result.exitCode()).as(result.toString()).isZero();
        String readme = entries(zip).get("README.md");
        Map<String, String> frame = texts("templates/_bundle/bundle_" + language + ".properties");
        // Scenario 2 must not oversell the IP tie: Netigate's IPs are shared, only DKIM with the domain proves the sender.
        assertThat(frame.get("scenario2")).contains("Netigate").contains("DKIM").contains("d=");
        assertThat(readme).startsWith("# " + frame.get("title") + "\n")
                .contains("## " + frame.get("heading_contents"))
                .contains(frame.get("scenario2"))
                .contains("DACH (`dach`)").contains("`ntgt.de`").contains("`survey@ntgt.de`").contains("`example.com`");
        // Issue 31.5: the German article's scope note with scenario 2, both articles' support pointers, the DKIM pointer
        assertThat(frame.get("scope_note")).contains("Das Problem: E-Mail im Spam-Ordner gelandet", "Ich erhalte keine versandten E-Mails");
        assertThat(frame.get("dkim_note")).contains("Jag får inga e-postutskick", "DKIM");
        assertThat(readme).contains("2. " + frame.get("scenario2") + " " + frame.get("scope_note") + "\n")
                .contains("\n" + frame.get("dkim_note") + "\n").contains("\n" + frame.get("support") + "\n");
        for (String target : List.of("postfix", "bind")) {
            Map<String, String> words = texts("templates/" + target + "/bundle_" + language + ".properties");
            assertThat(readme).contains("## " + words.get("title") + " — `" + target + "/`")
                    .contains(words.get("scenario")).contains(words.get("apply")).contains(words.get("undo"));
        }
        assertThat(readme).doesNotContain("[=").doesNotContain("[#");

        // The google guide is prose for the customer's admin: in the bundle's language, headings included.
        Map<String, String> google = texts("templates/google/bundle_" + language + ".properties");
        String guide = entries(zip).get("google/google-workspace-guide.md");
        assertThat(guide).startsWith("# " + google.get("guide.title") + " (DACH)\n")
                .contains("## " + google.get("guide.step1.heading") + "\n", "## " + google.get("guide.verify.heading") + "\n",
                        "## " + google.get("guide.undo.heading") + "\n", google.get("guide.step1.what"))
                .doesNotContain("{rule}").doesNotContain("{list}").doesNotContain("[=");
        if (!language.equals("en")) {
            assertThat(guide).doesNotContain("## Verify").doesNotContain("## Undo").doesNotContain("Approved senders:");
        }
    }

    @Test
    void theGoogleGuideOnItsOwnIsEnglishAndTheBundleLeavesTheAllowlistOut() throws IOException {
        Path zip = dir.resolve("ticket.zip");
        assertThat(Cli.run("bundle", "--server", "dach", "--lang", "de", "-t", "google", "-o", zip.toString()).exitCode()).isZero();
        String bundled = entries(zip).get("google/google-workspace-guide.md");
        // German labels first only where Google's German help names them (bundle_de.properties cites the pages),
        // German quotation marks around the cited page titles.
        assertThat(bundled).contains("## 2. Wenn Schritt 1 nicht reicht", "**E-Mail-Zulassungsliste** (Email allowlist)",
                "**Menü > Apps > Google Workspace > Gmail > Spam, Phishing und Malware** (Menu > Apps > Google Workspace > Gmail > Spam, Phishing and Malware)",
                "**Eingangsgateway** (Inbound gateway)", "**Konfigurieren** (Configure)", "**Adresse hinzufügen** (Add address)",
                "**Adressenlisten verwalten** (Manage address lists)", "**Add address list** (Adressenliste hinzufügen)",
                "„Customize spam filter settings“").doesNotContain("178.77.90.228,");
        // Google's Swedish help for these settings could not be read, so the Swedish guide gives the English labels
        // with a translation and says so, instead of presenting guessed Swedish labels as the console's.
        Path swedish = dir.resolve("sv.zip");
        assertThat(Cli.run("bundle", "--server", "dach", "--lang", "sv", "-t", "google", "-o", swedish.toString()).exitCode()).isZero();
        assertThat(entries(swedish).get("google/google-workspace-guide.md"))
                .contains("**Menu > Apps > Google Workspace > Gmail > Spam, Phishing and Malware** (meny > appar",
                        "kan etiketterna vara formulerade på ett annat sätt", "”Customize spam filter settings”")
                .doesNotContain("**Meny").doesNotContain("**Hantera adresslistor**");
        Path alone = dir.resolve("alone");
        assertThat(Cli.run("--target", "google", "--server", "dach", "-o", alone.toString()).exitCode()).isZero();
        assertThat(Files.readString(alone.resolve("google-workspace-guide.md")))
                .startsWith("# Google Workspace: let Netigate's survey invitations in (DACH)\n").contains("## Verify");
    }

    @Test
    void anErrorLeavesNoZipAndKeepsAnOldOne() throws IOException {
        Path zip = dir.resolve("ticket.zip");
        Files.writeString(zip, "old");
        assertThat(Cli.run("bundle", "--server", "dach", "--lang", "fi", "-o", zip.toString()).exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(Cli.run("bundle", "--server", "all", "-o", zip.toString()).exitCode()).isEqualTo(ExitCodes.USAGE);
        Cli.Result refused = Cli.run("bundle", "--server", "dach", "--target", "bind", "--domain", "example.com", "--existing-spf",
                "v=spf1 include:a.example include:b.example include:c.example include:d.example include:e.example"
                        + " include:f.example include:g.example include:h.example include:i.example include:j.example -all",
                "-o", zip.toString());
        assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(ExitCodes.REFUSED);
        assertThat(refused.err()).startsWith("whitelist-gen: ");
        assertThat(Files.readString(zip)).isEqualTo("old");
        try (Stream<Path> left = Files.list(dir)) {
            assertThat(left.map(p -> p.getFileName().toString()).toList()).containsExactly("ticket.zip");
        }

        Path blocked = dir.resolve("a-file");
        Files.writeString(blocked, "x");
        Cli.Result io = Cli.run("bundle", "--server", "dach", "-o", blocked.resolve("sub/ticket.zip").toString());
        assertThat(io.exitCode()).as(io.toString()).isEqualTo(ExitCodes.IO);
        assertThat(io.err()).startsWith("whitelist-gen: --output: cannot write");
        Cli.Result missingDomain = Cli.run("bundle", "--server", "dach", "--target", "bind", "-o", dir.resolve("new.zip").toString());
        assertThat(missingDomain.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(missingDomain.err()).contains("--domain: target bind");
        assertThat(dir.resolve("new.zip")).doesNotExist();
    }

    @Test
    void namedTargetsOnlyAndTheReproduceCommandSaysSo() throws IOException {
        Path zip = dir.resolve("ticket.zip");
        assertThat(Cli.run("bundle", "-s", "se", "-t", "postfix", "-o", zip.toString()).exitCode()).isZero();
        Map<String, String> entries = entries(zip);
        assertThat(entries.keySet()).allMatch(name -> name.startsWith("postfix/") || name.equals("README.md") || name.equals("SHA256SUMS"));
        assertThat(entries.get("README.md")).contains("`whitelist-gen bundle --server azure --profile 2 --lang en --target postfix`")
                .doesNotContain("## Not included");
    }

    /** Issue 29: one zip for a customer behind a gateway, the gateway's part and the mailbox systems' parts. */
    @Test
    void behindAGatewayTheBundleHoldsTheGatewayAndTheMailboxPartsAndSaysTheOrder() throws IOException {
        Path zip = dir.resolve("ticket.zip");
        Cli.Result result = Cli.run("bundle", "--server", "dach", "--behind", "mimecast", "--domain", "example.com", "-o", zip.toString());

        assertThat(result.exitCode()).as(result.toString()).isZero();
        Map<String, String> entries = entries(zip);
        assertThat(entries.keySet()).containsExactly("README.md", "bind/spf-records.zone",
                "google/google-workspace-guide.md", "google/google-workspace-values.csv", "google/verify-allowlist.sh",
                "m365/Install-NetigateAllowlist.ps1", "m365/Remove-NetigateAllowlist.ps1", "m365/Test-NetigateAllowlist.ps1",
                "mimecast/mimecast-antispoofing-bypass.sh", "mimecast/mimecast-guide.md", "mimecast/mimecast-values.csv", "SHA256SUMS");
        String readme = entries.get("README.md");
        assertThat(readme).contains("`whitelist-gen bundle --server dach --profile 2 --lang en --domain example.com --behind mimecast`",
                "## Your mail passes a filtering gateway first: apply in this order",
                "1. **First the gateway**: `mimecast/` (Mimecast Email Security Cloud Gateway).",
                "2. **Then your mailbox system**, only the part for the one you run: `google/` or `m365/`.",
                "your mailbox system sees the gateway's IP, not Netigate's")
                .doesNotContain("If your mail passes a filtering gateway first");
        assertThat(readme.indexOf("apply in this order")).as("the order comes before everything else").isLessThan(readme.indexOf("## Check the files first"));
        // the mailbox part is the one made for behind the gateway: Enhanced Filtering, no enabled SCL -1 rule
        String install = entries.get("m365/Install-NetigateAllowlist.ps1");
        assertThat(install).contains("--behind mimecast", "Set-InboundConnector", "-Enabled $false",
                "allowlist Netigate in the gateway itself (mimecast/mimecast-guide.md in this package)");

        // Google Workspace behind the gateway: its inbound gateway step names the gateway's guide in the bundle
        assertThat(entries.get("google/google-workspace-guide.md"))
                .contains("Allow Netigate on the gateway itself (`mimecast/mimecast-guide.md` in this package), and list the gateway's own IPs");

        Path generated = dir.resolve("m365");
        assertThat(Cli.run("--target", "m365", "--server", "dach", "--behind", "mimecast", "--domain", "example.com", "-o",
                generated.toString()).exitCode()).isZero();
        assertThat(Files.readString(generated.resolve("Install-NetigateAllowlist.ps1")))
                .as("outside a bundle the same script names the command").contains("(whitelist-gen --target mimecast --server dach)")
                .isEqualTo(install.replace("(mimecast/mimecast-guide.md in this package)", "(whitelist-gen --target mimecast --server dach)"));

        Path plain = dir.resolve("plain.zip");
        assertThat(Cli.run("bundle", "--server", "dach", "-o", plain.toString()).exitCode()).isZero();
        assertThat(entries(plain).get("README.md")).doesNotContain("apply in this order").contains("If your mail passes a filtering gateway first");
        assertThat(entries(plain).get("google/google-workspace-guide.md"))
                .contains("Allow Netigate on the gateway itself (your Netigate contact can send the settings for several such systems)");
    }

    /**
     * With --existing-spf-from-dns the merged record's include tree is counted through DNS and the count kept with the
     * record; the request keeps its gateway meanwhile. Before, counting rebuilt the customer without it: m365's script
     * for a gateway customer was the one with the enabled SCL -1 bypass rule, and every Reproduce line said --behind ''.
     */
    @Test
    void behindAGatewayWithTheSpfRecordFromDnsKeepsTheGateway() throws IOException {
        Map<String, String> zones = new LinkedHashMap<>();
        zones.put("customer.example", NamedServer.zone("customer.example", "@\tIN\tTXT\t\"v=spf1 mx -all\"\n"));
        // TEST FIXTURE for the include (the profile's IPs; not Netigate's real record)
        zones.put("ntgt.de", NamedServer.zone("ntgt.de", "_spf\tIN\tTXT\t\"v=spf1 " + Profiles.spfTerms(Profiles.server("dach")) + " -all\"\n"));
        try (NamedServer named = NamedServer.start(zones)) {
            Path zip = dir.resolve("ticket.zip");
            Cli.Result bundle = Cli.run("bundle", "--server", "dach", "--behind", "mimecast", "--domain", "customer.example",
                    "--existing-spf-from-dns", "--dns-server", named.address(), "-o", zip.toString());
            assertThat(bundle.exitCode()).as(bundle.toString()).isZero();
            Map<String, String> entries = entries(zip);
            assertThat(entries.get("bind/spf-records.zone")).contains("counted through DNS before writing (--existing-spf-from-dns)");
            assertThat(entries.get("README.md")).contains("--behind mimecast`", "apply in this order").doesNotContain("--behind ''");
            assertThat(entries.get("m365/Install-NetigateAllowlist.ps1")).contains("--behind mimecast", "Set-InboundConnector")
                    .doesNotContain("--behind ''");

            Cli.Result generate = Cli.run("--target", "m365", "--target", "bind", "--server", "dach", "--behind", "mimecast",
                    "--domain", "customer.example", "--existing-spf-from-dns", "--dns-server", named.address());
            assertThat(generate.exitCode()).as(generate.toString()).isZero();
            assertThat(generate.out()).contains("# Reproduce: whitelist-gen --target m365 --server dach --profile 2 --domain customer.example"
                    + " --behind mimecast\r\n", "Set-InboundConnector").doesNotContain("--behind ''");
        }
    }

    /** --target narrows a gateway customer's bundle; the README and the script say where the missing part comes from. */
    @Test
    void behindAGatewayTargetStillNarrows() throws IOException {
        Path zip = dir.resolve("ticket.zip");
        Cli.Result result = Cli.run("bundle", "--server", "azure", "--behind", "barracuda", "--target", "m365", "--lang", "de", "-o", zip.toString());

        assertThat(result.exitCode()).as(result.toString()).isZero();
        Map<String, String> entries = entries(zip);
        assertThat(entries.keySet()).containsExactly("README.md", "m365/Install-NetigateAllowlist.ps1", "m365/Remove-NetigateAllowlist.ps1",
                "m365/Test-NetigateAllowlist.ps1", "SHA256SUMS");
        assertThat(entries.get("README.md")).contains("--target m365 --behind barracuda`",
                "1. **Zuerst das Gateway**: fragen Sie Ihren Ansprechpartner bei Netigate danach.", "`m365/`");
        assertThat(entries.get("m365/Install-NetigateAllowlist.ps1")).contains("(ask your Netigate contact for its part)");

        Path gatewayOnly = dir.resolve("gateway.zip");
        assertThat(Cli.run("bundle", "--server", "azure", "--behind", "barracuda", "--target", "barracuda", "-o", gatewayOnly.toString())
                .exitCode()).isZero();
        assertThat(entries(gatewayOnly).get("README.md")).contains("1. **First the gateway**: `barracuda/`",
                "2. **Then your mailbox system** (Microsoft 365, Google Workspace): its part is not in this package; ask your Netigate contact for it.");
        // a mail server of the customer's own behind the gateway sees the gateway's IP: its rules on Netigate's IPs cannot match
        Cli.Result postfix = Cli.run("bundle", "--server", "azure", "--behind", "barracuda", "--target", "postfix", "-o", gatewayOnly.toString());
        assertThat(postfix.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(postfix.err()).isEqualTo("whitelist-gen: --behind: target postfix has no such option\n");

        Path other = dir.resolve("other.zip");
        assertThat(Cli.run("bundle", "--server", "azure", "--behind", "other", "-o", other.toString()).exitCode()).isZero();
        assertThat(entries(other).keySet()).containsExactly("README.md", "google/google-workspace-guide.md", "google/google-workspace-values.csv",
                "google/verify-allowlist.sh", "json/netigate-profile.json", "m365/Install-NetigateAllowlist.ps1",
                "m365/Remove-NetigateAllowlist.ps1", "m365/Test-NetigateAllowlist.ps1", "SHA256SUMS");
        assertThat(entries(other).get("m365/Install-NetigateAllowlist.ps1")).contains("allowlist Netigate in the gateway itself (its"
                + " vendor''s console; json/netigate-profile.json in this package holds the values)"); // '' in a PowerShell string
        assertThat(entries(other).get("README.md")).contains("1. **First the gateway**: the gateway's own console", "`json/netigate-profile.json`")
                .contains("- `bind`: writes records for your own domains");
    }

    @Test
    void twoGatewaysInOneBundleAreAUsageErrorAndWriteNothing() {
        Path zip = dir.resolve("ticket.zip");
        Cli.Result result = Cli.run("bundle", "--server", "dach", "--behind", "cisco", "--target", "mimecast,m365", "-o", zip.toString());

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err()).isEqualTo("whitelist-gen: --behind: the mail passes cisco first, but --target names mimecast, another"
                + " gateway; a bundle is for the one gateway in front of the mailboxes: name mimecast with --behind, or leave it out\n");
        assertThat(zip).doesNotExist();
        Cli.Result unknown = Cli.run("bundle", "--server", "dach", "--behind", "sophos", "-o", zip.toString());
        assertThat(unknown.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(unknown.err()).startsWith("whitelist-gen: --behind: 'sophos' is not one of hornetsecurity, mimecast, proofpoint, barracuda, cisco, other");
        assertThat(zip).doesNotExist();
    }

    /**
     * A bundle's reader has no whitelist-gen: every gateway guide in it names the bundle's own files (which are there)
     * instead of commands, in every language; only the last line, Reproduce, is a command (issue 29).
     */
    @ParameterizedTest
    @ValueSource(strings = {"cisco", "hornetsecurity", "mimecast", "proofpoint", "barracuda"})
    void aGatewayGuideInABundleNamesTheBundlesFilesNotCommands(String gateway) throws IOException {
        for (String language : List.of("en", "sv", "de")) {
            Path zip = dir.resolve(gateway + "-" + language + ".zip");
            Cli.Result result = Cli.run("bundle", "--server", "dach", "--behind", gateway, "--domain", "example.com", "--lang", language,
                    "-o", zip.toString());
            assertThat(result.exitCode()).as(result.toString()).isZero();
            Map<String, String> entries = entries(zip);
            List<String> lines = entries.get(gateway + "/" + gateway + "-guide.md").lines().toList();
            assertThat(lines.subList(0, lines.size() - 1)).as(language).noneMatch(line -> line.matches(".*whitelist-gen (-|check|bundle).*"));
            String here = texts("templates/_bundle/bundle_" + language + ".properties").get("part_here");
            String guide = String.join("\n", lines);
            for (String file : List.of("m365/Install-NetigateAllowlist.ps1", "google/google-workspace-guide.md", "bind/spf-records.zone")) {
                assertThat(guide).as(language).contains(here.replace("{path}", file));
                assertThat(entries).containsKey(file);
            }
        }
        Path alone = dir.resolve(gateway);
        assertThat(Cli.run("--target", gateway, "--server", "dach", "--domain", "example.com", "-o", alone.toString()).exitCode()).isZero();
        assertThat(Files.readString(alone.resolve(gateway + "-guide.md"))).as("outside a bundle the commands stay")
                .contains("`whitelist-gen --target m365 --server dach --behind " + gateway + "`", "`whitelist-gen --target google --server dach`",
                        "`whitelist-gen --target bind --server dach --domain example.com`")
                .doesNotContain("in this package");
    }

    /** Made without --domain, a gateway guide in a bundle sends its reader to the Netigate contact, not to a flag. */
    @ParameterizedTest
    @ValueSource(strings = {"cisco", "hornetsecurity", "mimecast", "proofpoint", "barracuda"})
    void aGatewayGuideInABundleWithoutDomainsAsksTheNetigateContactForThem(String gateway) throws IOException {
        for (String language : List.of("en", "sv", "de")) {
            Path zip = dir.resolve(gateway + "-nodomain-" + language + ".zip");
            Cli.Result result = Cli.run("bundle", "--server", "dach", "--behind", gateway, "--lang", language, "-o", zip.toString());
            assertThat(result.exitCode()).as(result.toString()).isZero();
            Map<String, String> texts = texts("templates/" + gateway + "/bundle_" + language + ".properties");
            assertThat(entries(zip).get(gateway + "/" + gateway + "-guide.md")).as(language)
                    .contains(texts.get("guide.again.bundle")).doesNotContain(texts.get("guide.again.command"));
        }
        Path alone = dir.resolve(gateway + "-nodomain");
        assertThat(Cli.run("--target", gateway, "--server", "dach", "-o", alone.toString()).exitCode()).isZero();
        assertThat(Files.readString(alone.resolve(gateway + "-guide.md"))).as("outside a bundle")
                .contains(texts("templates/" + gateway + "/bundle_en.properties").get("guide.again.command"));
    }

    private static Cli.Result run(String[] args, Path output) {
        String[] all = java.util.Arrays.copyOf(args, args.length + 1);
        all[args.length] = output.toString();
        return Cli.run(all);
    }

    static Map<String, String> entries(Path zip) throws IOException {
        Map<String, String> entries = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip), StandardCharsets.UTF_8)) {
            for (ZipEntry entry; (entry = in.getNextEntry()) != null; ) {
                entries.put(entry.getName(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        return entries;
    }

    private static Map<String, String> texts(String file) throws IOException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(Repo.path(file), StandardCharsets.UTF_8)) {
            properties.load(reader);
        }
        Map<String, String> texts = new LinkedHashMap<>();
        properties.forEach((k, v) -> texts.put((String) k, ((String) v).strip()));
        return texts;
    }

    @Test
    void aProfileFileIsNamedAsGivenInTheReadmeAndEveryReproduceLine() throws IOException {
        Path draft = Files.copy(Repo.path("profiles/netigate/v2.yaml"), dir.resolve("draft v3.yaml"));
        Path zip = dir.resolve("ticket.zip");
        Cli.Result result = Cli.run("bundle", "--server", "dach", "--profile", draft.toString(), "-o", zip.toString());
        assertThat(result.exitCode()).as(result.toString()).isZero();
        Map<String, String> entries = entries(zip);
        assertThat(entries.get("README.md")).contains("whitelist-gen bundle --server dach --profile '" + draft + "' --lang en");
        List<String> reproduce = entries.values().stream().flatMap(String::lines).filter(l -> l.contains("Reproduce: ")).toList();
        assertThat(reproduce).isNotEmpty().allMatch(l -> l.contains("--profile '" + draft + "'"), "names the file")
                .noneMatch(l -> l.contains("--profile 2"));
    }

    /** {@code -o -} writes the zip to standard output: the same bytes as a file. */
    @Test
    void dashWritesTheZipToStandardOutput() throws Exception {
        Path zip = dir.resolve("ticket.zip");
        Path captured = dir.resolve("stdout.bin");
        assertThat(Cli.run("bundle", "--server", "dach", "--output", zip.toString()).exitCode()).isZero();

        Process process = new ProcessBuilder(CliProcess.command("bundle", "--server", "dach", "-o", "-"))
                .redirectOutput(captured.toFile()).redirectError(dir.resolve("err.txt").toFile()).start();

        assertThat(process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isZero();
        assertThat(Files.readAllBytes(captured)).isEqualTo(Files.readAllBytes(zip));
        assertThat(Files.readString(dir.resolve("err.txt"))).endsWith("wrote the zip to standard output ("
                + (zipEntries(zip) - 2) + " files, README in en)\n");
        assertThat(dir.resolve("-")).doesNotExist();
    }

    /**
     * /dev/stdout is a link (to /proc/self/fd/1, then a pipe here): not a regular file, so refused, never replaced.
     * The test's own link stands in for it, so a regression cannot replace the system's /dev/stdout when run as root.
     */
    @Test
    void aLinkToStandardOutputIsRefusedNotReplaced() throws Exception {
        Path stdout = Files.createSymbolicLink(dir.resolve("stdout"), Path.of("/proc/self/fd/1"));

        Process process = new ProcessBuilder(CliProcess.command("bundle", "--server", "dach", "-o", stdout.toString()))
                .redirectError(dir.resolve("err.txt").toFile()).start();
        process.getInputStream().readAllBytes();

        assertThat(process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isEqualTo(ExitCodes.IO);
        assertThat(Files.readString(dir.resolve("err.txt"))).startsWith("whitelist-gen: --output: '" + stdout + "' is a link to '");
        assertThat(stdout).isSymbolicLink();
    }

    private static int zipEntries(Path zip) throws IOException {
        int count = 0;
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            while (in.getNextEntry() != null) {
                count++;
            }
        }
        return count;
    }
}
