package dev.whitelistgen.targets;

import static org.assertj.core.api.Assertions.assertThat;

import dev.whitelistgen.model.IpNetwork;
import dev.whitelistgen.model.Server;
import dev.whitelistgen.testing.Profiles;
import dev.whitelistgen.testing.Repo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Issue 31.5: every output that allows by IP carries the Swedish article's caveat (IPs are less flexible and more
 * sensitive to change than the SPF include). Read off samples/, which SamplesTest keeps equal to every target's
 * output, so a new target is covered without an edit here. Value tables (*.csv) are data beside a guide that says it;
 * report and removal scripts (Test-*, Remove-*) allow nothing. ASCII-only outputs (*.ps1) write the å as <U+00E5>.
 */
class IpCaveatTest {

    static final String ARTICLE = "Jag får inga e-postutskick";

    @Test
    void everyOutputListingNetigatesIpsCarriesTheArticlesCaveat() throws IOException {
        List<String> ips = new ArrayList<>();
        for (Server server : Profiles.current().servers()) {
            server.networks().stream().map(IpNetwork::address).forEach(ips::add);
        }
        List<String> missing = new ArrayList<>();
        int checked = 0;
        try (Stream<Path> files = Files.walk(Repo.path("samples"))) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String relative = Repo.path("samples").relativize(file).toString();
                String name = file.getFileName().toString();
                if (relative.startsWith("bundle/") || name.endsWith(".csv") || name.startsWith("Test-") || name.startsWith("Remove-")) {
                    continue;
                }
                String text = Files.readString(file);
                if (ips.stream().anyMatch(text::contains)) {
                    checked++;
                    if (!text.contains(ARTICLE) && !text.contains(ARTICLE.replace("å", "<U+00E5>"))) {
                        missing.add(relative);
                    }
                }
            }
        }
        assertThat(checked).as("outputs that list Netigate's IPs").isGreaterThan(20);
        assertThat(missing).as("outputs listing Netigate's IPs without the article's caveat").isEmpty();
    }
}
