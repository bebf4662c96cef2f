package dev.whitelistgen.profile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.whitelistgen.model.IpNetwork;
import dev.whitelistgen.model.NetworkPolicy;
import dev.whitelistgen.model.Profile;
import dev.whitelistgen.model.Server;
import dev.whitelistgen.testing.Profiles;
import dev.whitelistgen.testing.Prerequisites;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The profiles invent nothing: every IP, include, domain and address stands in the support article the
 * profile names. The articles are third-party text the repository does not carry: given as a folder with
 * -Dwhitelistgen.seeds=DIR or WHITELISTGEN_SEEDS, skipped without.
 */
class ProfileSourcesTest {

    static Path seeds() {
        return Prerequisites.externalData("whitelistgen.seeds", "WHITELISTGEN_SEEDS",
                "Netigate's source articles (the folder of the files named in each profile's source.file)");
    }

    static List<Profile> profiles() {
        return Profiles.catalog().all();
    }

    @ParameterizedTest(name = "version {0}")
    @MethodSource("profiles")
    void everyValueStandsInTheSourceArticle(Profile profile) throws IOException {
        assertThat(profile.source().file()).as("source.file of version %s: which article to check against", profile.version()).isNotEmpty();
        Path article = seeds().resolve(profile.source().file());
        assertThat(article).as("the source article of version %s", profile.version()).isRegularFile();
        // the articles write "include: _spf.netigate.se" with a space; compare without whitespace
        String text = Files.readString(article).replaceAll("\\s+", "");
        for (Server server : profile.servers()) {
            for (IpNetwork network : server.networks()) {
                assertThat(text).as("%s in %s", network, article).contains(network.toString());
            }
            server.spfInclude().ifPresent(include -> assertThat(text).contains("include:" + include));
            server.mailDomains().forEach(domain -> assertThat(text).contains("@" + domain));
            server.senderAddresses().forEach(address -> assertThat(text).contains(address.toString()));
            server.webDomains().forEach(domain -> assertThat(text).contains(domain.name()));
        }
    }

    /**
     * Issue 31: a value the article text does not hold is an inference, and the profile lists it under {@code inferred}
     * (aliases, server names and ids, the sender split); the status and {@code supersedes} always are, as neither
     * article is dated. Together with validate's check of the header, no header can claim less inference than there is.
     */
    @ParameterizedTest(name = "version {0}")
    @MethodSource("profiles")
    void everyValueTheArticleDoesNotHoldIsListedAsInferred(Profile profile) throws IOException {
        String text = articleText(profile);
        assertThat(unlistedInferences(profile, text)).as("inferred values of version %s not under 'inferred'", profile.version()).isEmpty();
        if (!profile.source().publisher().isEmpty()) {
            assertThat(text).as("the publisher stands in the article").contains(profile.source().publisher().toLowerCase(Locale.ROOT));
        }
        String cited = profile.source().title().isEmpty() ? profile.source().heading() : profile.source().title();
        assertThat(text).as("the title or heading stands in the article").contains(cited.toLowerCase(Locale.ROOT));
    }

    /** The check above fails a profile whose header claims nothing is inferred and which lists nothing (validate accepts it). */
    @Test
    void aProfileClaimingNoInferenceIsFailedByTheArticleText(@TempDir Path folder) throws IOException {
        Profile current = Profiles.current();
        String claimsNone = "# Every value below is copied from the article; nothing is inferred.\n"
                + Files.readString(current.file()).replaceAll("(?ms)^inferred:\n.*?(?=^# Mail servers|^networks:)", "");
        Profile loaded = new ProfileLoader(NetworkPolicy.DEFAULT).load(Files.writeString(folder.resolve("v2.yaml"), claimsNone));
        assertThat(loaded.inferred()).as("the inferred list is gone, so validate's header check has nothing to refuse").isEmpty();
        assertThat(unlistedInferences(loaded, articleText(current))).contains("status", "supersedes",
                "servers.azure.aliases", "servers.azure.sender_addresses", "servers.dach.sender_addresses");
    }

    private static String articleText(Profile profile) throws IOException {
        return Files.readString(seeds().resolve(profile.source().file())).toLowerCase(Locale.ROOT);
    }

    /** The fields whose values the article text does not hold, or that are an inference by nature, and are not listed. */
    static List<String> unlistedInferences(Profile profile, String articleText) {
        List<String> listed = profile.inferred().stream().map(Profile.Inference::field).toList();
        List<String> inferred = new ArrayList<>(List.of("status"));
        profile.supersedes().ifPresent(s -> inferred.add("supersedes"));
        for (Server server : profile.servers()) {
            String at = "servers." + server.id();
            if (!articleText.contains(server.id())) {
                inferred.add(at);
            }
            if (server.aliases().stream().anyMatch(alias -> !articleText.contains(alias))) {
                inferred.add(at + ".aliases");
            }
            if (!articleText.contains(server.name().toLowerCase(Locale.ROOT))) {
                inferred.add(at + ".name");
            }
            if (!server.senderAddresses().isEmpty() && profile.servers().size() > 1) {
                inferred.add(at + ".sender_addresses");
            }
        }
        return inferred.stream().filter(field -> !listed.contains(field)).toList();
    }

    @Test
    void theVersionsAreTheTwoArticlesStates() {
        Profile older = Profiles.version("1");
        Profile current = Profiles.current();
        assertThat(current.version()).isEqualTo("2");
        assertThat(older.status()).isEqualTo(Profile.Status.SUPERSEDED);
        assertThat(current.supersedes()).contains("1");
        assertThat(older.server("sweden").orElseThrow().networks()).extracting(IpNetwork::toString).containsExactly("193.44.77.163");
        assertThat(older.server("germany").orElseThrow().networks()).extracting(IpNetwork::toString).containsExactly("178.77.90.228");
        for (String server : List.of("azure", "dach")) {
            // the Swedish article does not say which server sends from which IP: both get all four
            assertThat(current.server(server).orElseThrow().networks()).extracting(IpNetwork::toString)
                    .containsExactly("46.254.11.92", "86.107.243.139", "89.45.227.195", "89.45.227.221");
        }
        assertThat(current.server("netigate.se").orElseThrow().spfInclude()).hasValueSatisfying(d -> assertThat(d.name()).isEqualTo("_spf.netigate.se"));
        assertThat(current.server("ntgt.de").orElseThrow().spfInclude()).hasValueSatisfying(d -> assertThat(d.name()).isEqualTo("_spf.ntgt.de"));
        assertThat(current.dkim().selector()).as("no article gives a DKIM selector").isEmpty();
        assertThat(current.unknowns()).anyMatch(u -> u.contains("without saying which server"));
    }
}
