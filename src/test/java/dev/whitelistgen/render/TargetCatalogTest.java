package dev.whitelistgen.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.whitelistgen.UserError;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TargetCatalogTest {

    private static void target(Path root, String name, String descriptor) throws IOException {
        Path folder = Files.createDirectories(root.resolve(name));
        Files.writeString(folder.resolve("target.yaml"), descriptor);
        Files.writeString(folder.resolve("out.txt.ftl"), "x\n");
    }

    @Test
    void aBrokenTargetDoesNotStopAnotherButEveryListingReportsIt(@TempDir Path root) throws IOException {
        target(root, "good", "description: fine\n");
        target(root, "broken", "description: fine\nflags: [a]\nflags: [b]\n");
        TargetCatalog catalog = new TargetCatalog(List.of(root));

        assertThat(catalog.names()).containsExactly("broken", "good");
        assertThat(catalog.get("good").description()).isEqualTo("fine");
        assertThatThrownBy(catalog::all).isInstanceOf(UserError.class)
                .hasMessage(root.resolve("broken/target.yaml") + ": line 3: duplicate key 'flags'");
    }

    @Test
    void anOverrideFolderWinsOverTheBuiltInTargetOfTheSameName(@TempDir Path override, @TempDir Path builtIn) throws IOException {
        target(override, "postfix", "description: mine\n");
        target(builtIn, "postfix", "description: built in\n");
        target(builtIn, "bind", "description: only built in\n");
        TargetCatalog catalog = new TargetCatalog(List.of(override, builtIn));

        assertThat(catalog.get("postfix").description()).isEqualTo("mine");
        assertThat(catalog.all()).extracting(Target::description).containsExactly("only built in", "mine");
    }

    @Test
    void yamlOneOneBooleansAreNotTakenForTrueOrFalse(@TempDir Path root) throws IOException {
        target(root, "t", "description: d\nrequires_domain: yes\n");
        assertThatThrownBy(() -> new TargetCatalog(List.of(root)).get("t"))
                .hasMessage(root.resolve("t/target.yaml") + ": requires_domain: expected true or false");
    }

    @Test
    void notUtf8IsAClearError(@TempDir Path root) throws IOException {
        target(root, "t", "");
        Files.write(root.resolve("t/target.yaml"), new byte[] {'d', ':', ' ', (byte) 0xff, '\n'});
        assertThatThrownBy(() -> new TargetCatalog(List.of(root)).get("t"))
                .hasMessage(root.resolve("t/target.yaml") + ": not UTF-8 text");
    }
}
