package dev.whitelistgen.targets;

import static org.assertj.core.api.Assertions.assertThat;

import dev.whitelistgen.model.DomainName;
import dev.whitelistgen.model.Server;
import dev.whitelistgen.testing.Profiles;
import dev.whitelistgen.testing.Repo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Converge (issue 23): a guide that tells the customer to exempt Netigate's web domains from link rewriting names, in
 * its upgrade section, each web domain an earlier version listed and the current one does not, so an exemption made
 * from an older guide is taken away again. Read off samples/ (current version, both servers), so a new guide with a
 * link step is covered without an edit here.
 */
class EarlierWebDomainsTest {

    @Test
    void everyGuideWithALinkStepNamesTheWebDomainsEarlierVersionsListedUnderUpgrade() throws IOException {
        List<String> missing = new ArrayList<>();
        int checked = 0;
        try (Stream<Path> folders = Files.list(Repo.path("templates"))) {
            for (Path folder : folders.filter(f -> !f.getFileName().toString().startsWith("_")).sorted().toList()) {
                String target = folder.getFileName().toString();
                Path guideTemplate = folder.resolve(target + "-guide.md.ftl");
                if (!Files.exists(guideTemplate) || !Files.readString(guideTemplate).contains("server.webDomains")) {
                    continue;
                }
                Properties texts = new Properties();
                try (var in = Files.newBufferedReader(folder.resolve("bundle_en.properties"))) {
                    texts.load(in);
                }
                String upgradeHeading = "## " + texts.getProperty("guide.upgrade.heading");
                for (Server current : Profiles.current().servers()) {
                    String guide = Files.readString(Repo.path("samples/" + target + "/" + current.id() + "/" + target + "-guide.md"));
                    assertThat(guide).as(target + "/" + current.id()).contains(upgradeHeading);
                    String upgrade = guide.substring(guide.indexOf(upgradeHeading)).split("\n## ", 2)[0];
                    for (DomainName earlier : Profiles.version("1").server(current.id()).orElseThrow().webDomains()) {
                        if (current.webDomains().contains(earlier)) {
                            continue;
                        }
                        checked++;
                        if (!upgrade.contains("`" + earlier.name() + "` (version 1)")) {
                            missing.add(target + "/" + current.id() + ": " + earlier.name());
                        }
                    }
                }
            }
        }
        assertThat(checked).as("earlier web domains looked for").isGreaterThanOrEqualTo(5 * 5);
        assertThat(missing).as("guides whose upgrade section does not name an earlier web domain").isEmpty();
    }
}
