package dev.whitelistgen.diff;

import static org.assertj.core.api.Assertions.assertThat;

import dev.whitelistgen.model.Profile;
import dev.whitelistgen.model.Server;
import dev.whitelistgen.testing.Profiles;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ProfileDiffTest {

    private static final Profile CURRENT = Profiles.version("2");

    @Test
    void theSameProfileHasNoChanges() {
        assertThat(ProfileDiff.between(CURRENT, CURRENT, Optional.empty()).isEmpty()).isTrue();
    }

    @Test
    void aServerThatIsNewOrGoneListsAllItsValuesAsAddedOrRemoved() {
        Profile onlyDach = withServers(CURRENT.servers().stream().filter(s -> s.id().equals("dach")).toList());
        ProfileDiff added = ProfileDiff.between(onlyDach, CURRENT, Optional.empty());
        assertThat(added.servers()).singleElement().satisfies(server -> {
            assertThat(server.id()).isEqualTo("azure");
            assertThat(server.status()).isEqualTo(ProfileDiff.Status.ADDED);
            assertThat(server.changes()).extracting(ProfileDiff.FieldChange::field)
                    .containsExactly("name", "aliases", "spf_include", "networks", "mail_domains", "sender_addresses");
            assertThat(server.changes()).allMatch(change -> change.removed().isEmpty());
        });
        ProfileDiff removed = ProfileDiff.between(CURRENT, onlyDach, Optional.empty());
        assertThat(removed.servers()).singleElement().satisfies(server -> {
            assertThat(server.status()).isEqualTo(ProfileDiff.Status.REMOVED);
            assertThat(server.changes()).allMatch(change -> change.added().isEmpty());
        });
        assertThat(ProfileDiff.between(CURRENT, onlyDach, Optional.of("dach")).isEmpty()).isTrue();
    }

    @Test
    void anEditedServerListsOnlyWhatChanged() {
        Server dach = CURRENT.server("dach").orElseThrow();
        Server edited = new Server(dach.id(), dach.name(), dach.aliases(), Optional.empty(), dach.networks().subList(1, dach.networks().size()),
                dach.mailDomains(), dach.senderAddresses(), dach.webDomains(), dach.notes());
        Profile after = withServers(List.of(CURRENT.server("azure").orElseThrow(), edited));
        ProfileDiff diff = ProfileDiff.between(CURRENT, after, Optional.empty());
        assertThat(diff.servers()).singleElement().satisfies(server -> {
            assertThat(server.id()).isEqualTo("dach");
            assertThat(server.changes()).containsExactly(
                    new ProfileDiff.FieldChange("spf_include", List.of("_spf.ntgt.de"), List.of()),
                    new ProfileDiff.FieldChange("networks", List.of(dach.networks().get(0).toString()), List.of()));
        });
    }

    private static Profile withServers(List<Server> servers) {
        return new Profile(CURRENT.file(), CURRENT.vendor(), CURRENT.version(), CURRENT.status(), CURRENT.supersedes(),
                CURRENT.source(), CURRENT.unknowns(), servers, CURRENT.tls(), CURRENT.dkim());
    }
}
