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
        target(root, "broken", "description: fine\nflags: [a]\nflags: [ip-allow-list]\n");
        TargetCatalog catalog = new TargetCatalog(List.of(root));

        assertThat(catalog.names()).containsExactly("broken", "good");
        assertThat(catalog.get("good").description()).isEqualTo("fine");
        assertThatThrownBy(catalog::all).isInstanceOf(UserError.class)
                .hasMessage(root.resolve("broken/target.yaml") + ":2: flags[0]: unknown option 'a'; known: " + dev.whitelistgen.model.Flag.ids() + "\n"
                        + root.resolve("broken/target.yaml") + ":3: flags: duplicate key (first given on line 2)");
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
                .hasMessage(root.resolve("t/target.yaml") + ":2: requires_domain: expected true or false, found 'yes'");
    }

    @Test
    void everyProblemOfATargetYamlIsReportedWithItsLineAndExitCode3(@TempDir Path root) throws IOException {
        target(root, "t", """
                requires_domain: true
                colour: blue
                limits:
                  - name: connection filter
                    doc: http://example.com/limits
                    flag: dkim-signed
                    widest_prefix: 0x18
                    count: networks
                  - just text
                """);
        String file = root.resolve("t/target.yaml").toString();
        String expected = String.join("\n",
                file + ":1: description: missing required key",
                file + ":2: colour: unknown key; expected one of ascii_files, crlf_files, description, flags, limits, purpose, requires_domain, spf_records",
                file + ":4: limits[0].max_count: count and max_count go together",
                file + ":5: limits[0].doc: the https:// page that states the limit",
                file + ":6: limits[0].flag: 'dkim-signed' is not one of this target's flags",
                file + ":7: limits[0].widest_prefix: expected a whole number, found '0x18'",
                file + ":9: limits[1]: expected a mapping (key: value lines), found a scalar");
        assertThatThrownBy(() -> new TargetCatalog(List.of(root)).get("t")).hasMessage(expected);
        dev.whitelistgen.testing.Cli.Result cli = dev.whitelistgen.testing.Cli.run("--target", "t", "--server", "dach", "--domain",
                "customer.example", "--templates-dir", root.toString());
        assertThat(cli.exitCode()).isEqualTo(3);
        assertThat(cli.err()).isEqualTo(("whitelist-gen: " + expected).replace("\n", "\nwhitelist-gen: ") + "\n");
    }

    @Test
    void notUtf8IsAClearError(@TempDir Path root) throws IOException {
        target(root, "t", "");
        Files.write(root.resolve("t/target.yaml"), new byte[] {'d', ':', ' ', (byte) 0xff, '\n'});
        assertThatThrownBy(() -> new TargetCatalog(List.of(root)).get("t"))
                .hasMessage(root.resolve("t/target.yaml") + ": not UTF-8 text");
    }
}
