package dev.whitelistgen.bundle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.whitelistgen.render.Target;
import dev.whitelistgen.render.TargetCatalog;
import dev.whitelistgen.testing.Repo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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

    @TestFactory
    Stream<DynamicTest> everyTargetHasEveryKeyInEveryLanguage() {
        BundleTexts texts = new BundleTexts(ROOTS);
        List<Target> targets = new TargetCatalog(ROOTS).all();
        assertThat(targets).isNotEmpty();
        return targets.stream().map(target -> DynamicTest.dynamicTest(target.name(), () ->
                assertThat(texts.problems(target, texts.languages()))
                        .as("texts of target " + target.name() + " (README.md, 'Adding a target')").isEmpty()));
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

    private static void copyFrame(Path root) throws IOException {
        Path frame = Files.createDirectories(root.resolve("_bundle"));
        try (Stream<Path> files = Files.list(Repo.path("templates/_bundle"))) {
            for (Path file : files.toList()) {
                Files.copy(file, frame.resolve(file.getFileName().toString()));
            }
        }
    }
}
