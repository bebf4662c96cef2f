package dev.whitelistgen.targets;

import static org.assertj.core.api.Assertions.assertThat;

import dev.whitelistgen.model.IpNetwork;
import dev.whitelistgen.model.Server;
import dev.whitelistgen.testing.Cli;
import dev.whitelistgen.testing.Profiles;
import dev.whitelistgen.testing.Repo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 31.5: every output that allows by IP carries the Swedish article's caveat (IPs are less flexible and more
 * sensitive to change than the SPF include), naming that article: a version-1 output's header cites the German
 * article, which says no such thing. The caveat is found by its words, not by the article's title, which every
 * version-2 header carries anyway.
 */
class IpCaveatTest {

    static final String ARTICLE = "Jag får inga e-postutskick";
    static final String CAVEAT = "flexible";

    /**
     * Read off samples/, which SamplesTest keeps equal to every target's output, so a new target is covered without an
     * edit here. Left out: files that allow nothing (read-only checks, removal scripts, the JSON data for the
     * customer's own automation) and value tables (*.csv) beside a guide that says it.
     */
    @Test
    void everyOutputListingNetigatesIpsCarriesTheArticlesCaveat() throws IOException {
        List<String> ips = new ArrayList<>();
        for (Server server : Profiles.current().servers()) {
            server.networks().stream().map(IpNetwork::address).forEach(ips::add);
        }
        Path samples = Repo.path("samples");
        List<String> missing = new ArrayList<>();
        int checked = 0;
        try (Stream<Path> files = Files.walk(samples)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String relative = samples.relativize(file).toString();
                String name = file.getFileName().toString();
                if (relative.startsWith("bundle/") || name.endsWith(".csv") || name.endsWith(".json")
                        || name.startsWith("Test-") || name.startsWith("Remove-") || name.equals("verify-allowlist.sh")) {
                    continue;
                }
                String text = Files.readString(file);
                if (ips.stream().anyMatch(text::contains)) {
                    checked++;
                    if (!caveatNamesTheArticle(text)) {
                        missing.add(relative);
                    }
                }
            }
        }
        assertThat(checked).as("outputs that list Netigate's IPs").isGreaterThan(30);
        assertThat(missing).as("outputs listing Netigate's IPs without the article's caveat").isEmpty();
    }

    /** Version 1 has no include and its own article no caveat: where its outputs give the caveat, they name its source. */
    @Test
    void aVersion1OutputAttributesTheCaveatToTheSwedishArticle(@TempDir Path folder) throws IOException {
        Cli.Result result = Cli.run("--target", "all", "--server", "dach", "--profile", "1", "--domain", "customer.example",
                "--output", folder.toString());
        assertThat(result.exitCode()).as(result.toString()).isZero();
        List<String> withCaveat = new ArrayList<>();
        List<String> misattributed = new ArrayList<>();
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String text = Files.readString(file);
                if (text.contains(CAVEAT)) {
                    withCaveat.add(folder.relativize(file).toString());
                    if (!caveatNamesTheArticle(text)) {
                        misattributed.add(folder.relativize(file).toString());
                    }
                }
            }
        }
        assertThat(withCaveat).as("version 1's outputs that allow by IP")
                .contains("postfix/netigate_clients.cidr", "exim/netigate-lists.conf", "rspamd/netigate-multimap.conf",
                        "spamassassin/netigate-welcomelist.cf", "bind/spf-records.zone", "cisco/cisco-guide.md");
        assertThat(misattributed).as("the caveat without the Swedish article named just before it").isEmpty();
    }

    /** Every mention of the caveat has the article's title in the 200 characters before it (comment markers and all). */
    private static boolean caveatNamesTheArticle(String text) {
        String plain = text.replace("<U+00E5>", "å");
        int at = plain.indexOf(CAVEAT);
        if (at < 0) {
            return false;
        }
        for (; at >= 0; at = plain.indexOf(CAVEAT, at + 1)) {
            if (!plain.substring(Math.max(0, at - 200), at).contains(ARTICLE)) {
                return false;
            }
        }
        return true;
    }
}
