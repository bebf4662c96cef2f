package dev.whitelistgen.bundle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.whitelistgen.render.TargetCatalog;
import dev.whitelistgen.render.TargetTexts;
import dev.whitelistgen.testing.Repo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every target must say, in every language of the bundle README, what each of its files is, how to apply and
 * undo it, and which scenario it solves: a new target without texts fails here.
 */
class BundleTextsTest {

    private static final List<Path> ROOTS = List.of(Repo.path("templates"));

    @Test
    void englishSwedishAndGermanAreOffered() {
        assertThat(new BundleTexts(ROOTS).languages()).containsExactly("de", "en", "sv");
    }

    @Test
    void everyLanguageOfTheFrameHasExactlyTheEnglishKeys() {
        assertThat(new BundleTexts(ROOTS).frameProblems()).isEmpty();
    }

    @Test
    void aTargetWithoutTextsOrWithAMissingKeyIsReported(@TempDir Path root) throws IOException {
        copyFrame(root);
        Path bare = Files.createDirectories(root.resolve("bare"));
        Files.writeString(bare.resolve("target.yaml"), "description: no texts\n");
        Files.writeString(bare.resolve("out.txt.ftl"), "x\n");
        Path half = Files.createDirectories(root.resolve("half"));
        Files.writeString(half.resolve("target.yaml"), "description: some texts\n");
        Files.writeString(half.resolve("out.txt.ftl"), "x\n");
        String complete = "title = T\nscenario = 1\napply = a\nundo = u\nfile.out.txt = f\n";
        Files.writeString(half.resolve("bundle_en.properties"), complete);
        Files.writeString(half.resolve("bundle_de.properties"), complete.replace("undo = u\n", "") + "spare = s\n");
        Files.writeString(half.resolve("bundle_sv.properties"), complete.replace("apply = a", "apply =   "));
        BundleTexts texts = new BundleTexts(List.of(root));
        TargetCatalog catalog = new TargetCatalog(List.of(root));

        assertThat(texts.problems(catalog.get("bare"), texts.languages()))
                .hasSize(3).allMatch(p -> p.contains("has no bundle texts"));
        assertThat(texts.problems(catalog.get("half"), texts.languages())).containsExactlyInAnyOrder(
                half.resolve("bundle_de.properties") + ": missing key 'undo'",
                half.resolve("bundle_de.properties") + ": unknown key 'spare' (not in the en texts or not an output file)",
                half.resolve("bundle_sv.properties") + ": key 'apply' is empty");
    }

    @Test
    void theFrameCheckFindsAKeyMissingInOneLanguage(@TempDir Path root) throws IOException {
        copyFrame(root);
        Path swedish = root.resolve("_bundle/bundle_sv.properties");
        Files.writeString(swedish, Files.readString(swedish).replaceAll("(?m)^heading_check = .*$", ""));
        assertThat(new BundleTexts(List.of(root)).frameProblems()).containsExactly(swedish + ": missing key 'heading_check'");
    }

    /** The frame and every target folder: each language's keys are exactly the English keys (guide prose included). */
    @TestFactory
    Stream<DynamicTest> everyLanguageHasExactlyTheEnglishKeySet() throws IOException {
        BundleTexts texts = new BundleTexts(ROOTS);
        List<DynamicTest> tests = new ArrayList<>();
        for (Path folder : textFolders()) {
            Set<String> english = TargetTexts.load(TargetTexts.file(folder, "en")).keySet();
            for (String language : texts.languages()) {
                Path file = TargetTexts.file(folder, language);
                tests.add(DynamicTest.dynamicTest(folder.getFileName() + "/" + file.getFileName(), () ->
                        assertThat(TargetTexts.load(file).keySet()).as(file.toString()).isEqualTo(english)));
            }
        }
        return tests.stream();
    }

    /** Swedish and German texts hold no English sentence (console labels, code and product names aside). */
    @TestFactory
    Stream<DynamicTest> noEnglishSentenceIsLeftInSwedishOrGerman() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        for (Path folder : textFolders()) {
            for (String language : List.of("sv", "de")) {
                Path file = TargetTexts.file(folder, language);
                tests.add(DynamicTest.dynamicTest(folder.getFileName() + "/" + file.getFileName(), () -> {
                    List<String> english = new ArrayList<>();
                    TargetTexts.load(file).forEach((key, value) -> EnglishLeftovers.in(value).forEach(s -> english.add(key + ": " + s)));
                    assertThat(english).as("English left in " + file).isEmpty();
                }));
            }
        }
        return tests.stream();
    }

    /**
     * What a text tells the admin to type (a script, a cmdlet, a parameter such as -SenderAddress, inside `code`) is the
     * same in every language: a Swedish or German text that falls behind the English one misses a step (issue 24).
     */
    @TestFactory
    Stream<DynamicTest> swedishAndGermanNameTheSameCommandsAsEnglish() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        for (Path folder : textFolders()) {
            Map<String, String> english = TargetTexts.load(TargetTexts.file(folder, "en"));
            for (String language : List.of("sv", "de")) {
                Path file = TargetTexts.file(folder, language);
                tests.add(DynamicTest.dynamicTest(folder.getFileName() + "/" + file.getFileName(), () -> {
                    Map<String, String> translated = TargetTexts.load(file);
                    List<String> differences = new ArrayList<>();
                    english.forEach((key, text) -> {
                        Set<String> wanted = commandsIn(text);
                        Set<String> found = commandsIn(translated.getOrDefault(key, ""));
                        if (!wanted.equals(found)) {
                            differences.add(key + ": English names " + wanted + ", " + language + " names " + found);
                        }
                    });
                    assertThat(differences).as(file.toString()).isEmpty();
                }));
            }
        }
        return tests.stream();
    }

    /**
     * Issue 24: the m365 install names the tenant and asks before changing it, logs beside itself, and wants the scripts
     * unblocked; its removal keeps what the other server's install still records. Each language says so.
     */
    @Test
    void m365TextsSayWhichTenantTheLogTheUnblockingAndTheOtherServersEntries() throws IOException {
        Map<String, List<String>> apply = Map.of(
                "en", List.of("names the tenant and asks before changing it", "writes a log", "unblock the scripts"),
                "sv", List.of("vilken klientorganisation (tenant)", "frågar innan det ändrar", "skriver en logg", "avblockera skripten"),
                "de", List.of("nennt den Mandanten (Tenant)", "fragt, bevor es dort etwas ändert", "schreibt ein Protokoll", "Skripte entsperren"));
        Map<String, String> undo = Map.of("en", "the other Netigate server's install still records",
                "sv", "installationen för Netigates andra server fortfarande har antecknat",
                "de", "die Installation für den anderen Netigate-Server noch vermerkt hat");
        for (String language : List.of("en", "sv", "de")) {
            Map<String, String> texts = TargetTexts.load(TargetTexts.file(Repo.path("templates/m365"), language));
            assertThat(texts.get("apply")).as(language).contains(apply.get(language));
            assertThat(texts.get("undo")).as(language).contains(undo.get(language));
        }
    }

    private static final java.util.regex.Pattern CODE_SPAN = java.util.regex.Pattern.compile("`([^`]+)`");
    private static final java.util.regex.Pattern COMMAND_WORD = java.util.regex.Pattern.compile(
            "[A-Za-z]+-[A-Za-z]+\\.ps1|\\b[A-Z][a-z]+-[A-Z][A-Za-z]+\\b|(?<![\\w@.-])-[A-Z][A-Za-z]+");

    /** PowerShell scripts, cmdlets and parameters named inside `code` spans. */
    static Set<String> commandsIn(String text) {
        Set<String> words = new java.util.TreeSet<>();
        java.util.regex.Matcher span = CODE_SPAN.matcher(text);
        while (span.find()) {
            COMMAND_WORD.matcher(span.group(1)).results().forEach(m -> words.add(m.group()));
        }
        return words;
    }

    @Test
    void theCommandCheckFindsScriptsCmdletsAndParametersOnlyInCode() {
        assertThat(commandsIn("run `.\\Install-NetigateAllowlist.ps1 -SenderAddress survey@your-domain` and `Get-TransportRule | Where-Object Comments -like 'x'`;"
                + " Install-Other.ps1 -Mode outside code"))
                .containsExactly("-SenderAddress", "Get-TransportRule", "Install-NetigateAllowlist.ps1", "Where-Object");
    }

    /** Sentences a native-speaker review corrected (issue 25): none may come back in its old form, in any target. */
    static final Map<String, List<String>> CORRECTED = Map.of(
            "de", List.of("die Liste der von ihnen angenommenen Absenderdomains", "**Save** (Speichern)", "nach dem Allowlist-Eintrag",
                    "ist deshalb nicht sicher von Ihnen", "wo das System beides ausdrücken kann",
                    "es wird nicht mehr Filterung abgeschaltet als nötig", "Eine Ausnahme für Ihre Domain auf diesen Servern",
                    "(etwa an Kollegen Ihrer Domain)", "von allen Kunden von Netigate", "einem ausgerichteten SPF-Ergebnis (Alignment)",
                    "keine Markierung: es entfernt", "Prüfung, die nur liest", "Was sie ist", "Für Exims Hauptteil", "verweigert den Lauf",
                    "nicht nach Punkten ab", "Spam-Ordner"),
            "sv", List.of("undersökning", "en domän som er server tar emot eller vidarebefordrar för", "där systemet kan uttrycka båda",
                    "Ett undantag för er domän på de servrarna", "kollegor på er domän",
                    "en enkät med er domän är inte därmed bevisat skickad av er", "Under Spam klickar ni på Configure",
                    "servern eller avsändaren ensam ändrar ingenting (exakta domäner)", "avvisar dem inte på poäng", "vitlistningspoäng",
                    "var och en knuten till var och en av", "den gamla posten som står citerad ovanför", "den citerade texten",
                    "IP-tillåtelselistan", "Vad den är"));

    private static final java.util.regex.Pattern SWEDISH_HEADER_AS_RUBRIK =
            java.util.regex.Pattern.compile("(?i)(?<!första )\\b[\\p{L}-]*rubrik");

    @TestFactory
    Stream<DynamicTest> noCorrectedSentenceIsBackInItsOldForm() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        for (Path folder : textFolders()) {
            for (Map.Entry<String, List<String>> language : CORRECTED.entrySet()) {
                Path file = TargetTexts.file(folder, language.getKey());
                tests.add(DynamicTest.dynamicTest(folder.getFileName() + "/" + file.getFileName(), () -> {
                    List<String> old = new ArrayList<>();
                    TargetTexts.load(file).forEach((key, quoted) -> {
                        // the German article's own heading is quoted as it is spelt
                        String value = quoted.replace("Das Problem: E-Mail im Spam-Ordner gelandet", "");
                        String plain = value.replace("**", "");
                        language.getValue().stream().filter(o -> value.contains(o) || plain.contains(o.replace("**", "")))
                                .forEach(o -> old.add(key + ": " + o));
                        // customer text says E-Mail, not Mail (MAIL FROM and Cisco's English menu names aside)
                        if (language.getKey().equals("de") && java.util.regex.Pattern.compile("(?<![-\\w*])Mail(?![-\\w]| Policies| Flow)")
                                .matcher(value).find()) {
                            old.add(key + ": Mail (write E-Mail)");
                        }
                        // one Swedish word for a mail header, "huvud"; "rubrik" is only an article's heading
                        if (language.getKey().equals("sv") && SWEDISH_HEADER_AS_RUBRIK.matcher(value).find()) {
                            old.add(key + ": rubrik for a mail header (write huvud)");
                        }
                    });
                    assertThat(old).as("old forms in " + file).isEmpty();
                }));
            }
        }
        return tests.stream();
    }

    /** The bundle README asks to check the files before anything else (issue 25). */
    @Test
    void checkingTheFilesComesFirstInTheBundleReadme() throws IOException {
        for (String language : List.of("en", "de", "sv")) {
            String readme = Files.readString(Repo.path("samples/bundle/README." + language + ".md"));
            Map<String, String> frame = TargetTexts.load(Repo.path("templates/_bundle/bundle_" + language + ".properties"));
            assertThat(readme.indexOf("## " + frame.get("heading_check") + "\n")).as(language).isPositive()
                    .isLessThan(readme.indexOf("## " + frame.get("heading_scenarios") + "\n"));
        }
    }

    @Test
    void theLeftoverCheckFindsEnglishSentencesButNotLabelsCodeOrNames() {
        assertThat(EnglishLeftovers.in("Apply only the parts for the systems you run; each part can be undone."))
                .containsExactly("Apply only the parts for the systems you run;", "each part can be undone.");
        assertThat(EnglishLeftovers.in("Prüfen Sie die Dateien. Check the files first.")).containsExactly("Check the files first.");
        assertThat(EnglishLeftovers.in("Kör sedan `sh verify-allowlist.sh`.\\nIt changes nothing and reports each step."))
                .containsExactly("It changes nothing and reports each step.");
        assertThat(EnglishLeftovers.in("Markera **Bypass spam filters for messages received from addresses or domains within these"
                + " approved senders lists** (hoppa över skräppostfilter), se https://support.google.com/a/answer/2368132 och "
                + "**Spam, Phishing and Malware**; `if [ -n \"$x\" ] then echo the`; Spam, Phishing and Malware (Email allowlist)."))
                .isEmpty();
        assertThat(EnglishLeftovers.in("Die Einladungen werden als gefälscht (Spoofing) eingestuft, und es ist nicht mehr als nötig."))
                .isEmpty();
        assertThat(EnglishLeftovers.in("Be er kontakt på Netigate om den, så får ni ett paket som innehåller den här delen.")).isEmpty();
    }

    @Test
    void aGuideKeyOnlyInEnglishIsReportedForTheOtherLanguages(@TempDir Path root) throws IOException {
        copyFrame(root);
        Path target = Files.createDirectories(root.resolve("prose"));
        Files.writeString(target.resolve("target.yaml"), "description: renders prose\n");
        Files.writeString(target.resolve("out.md.ftl"), "[=texts[\"guide.title\"]]\n");
        String complete = "title = T\nscenario = 1\napply = a\nundo = u\nfile.out.md = f\n";
        Files.writeString(target.resolve("bundle_en.properties"), complete + "guide.title = Title\n");
        Files.writeString(target.resolve("bundle_de.properties"), complete + "guide.title = Titel\n");
        Files.writeString(target.resolve("bundle_sv.properties"), complete);
        BundleTexts texts = new BundleTexts(List.of(root));
        assertThat(texts.problems(new TargetCatalog(List.of(root)).get("prose"), texts.languages()))
                .containsExactly(target.resolve("bundle_sv.properties") + ": missing key 'guide.title'");
    }

    /** templates/_bundle and every target folder with texts. */
    private static List<Path> textFolders() throws IOException {
        try (Stream<Path> folders = Files.list(Repo.path("templates"))) {
            return folders.filter(f -> Files.isRegularFile(TargetTexts.file(f, "en"))).sorted().toList();
        }
    }

    private static void copyFrame(Path root) throws IOException {
        Path frame = Files.createDirectories(root.resolve("_bundle"));
        try (Stream<Path> files = Files.list(Repo.path("templates/_bundle"))) {
            for (Path file : files.toList()) {
                Files.copy(file, frame.resolve(file.getFileName().toString()));
            }
        }
    }
}
