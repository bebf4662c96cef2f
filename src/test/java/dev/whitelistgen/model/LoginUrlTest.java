package dev.whitelistgen.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.whitelistgen.testing.Profiles;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class LoginUrlTest {

    private static final Profile CURRENT = Profiles.version("2");

    @ParameterizedTest
    @CsvSource({
        "https://netigate.se/survey/1, azure",
        "https://www.netigate.se/login?next=/x, azure",
        "http://app.netigate.se, azure",
        "HTTPS://App.NetiGate.SE/, azure",
        "https://ntgt.de/, dach",
        "https://www.ntgt.de/survey/edit/123, dach",
        "ntgt.de/login, dach",
        "https://ntgt.de.:443/x, dach",
    })
    void picksTheServerWhoseHostTheUrlIsOrIsUnder(String url, String server) {
        assertThat(LoginUrl.server(CURRENT, url).id()).isEqualTo(server);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "https://evil-ntgt.de/",            // a suffix without a dot is another domain
        "https://ntgt.de.evil.example/",    // the alias must end the host
        "https://ntgt.de@evil.example/",    // user info is not the host
        "https://example.de/",              // the bare alias "de" is a name, not a host
        "https://sweden/",
    })
    void refusesHostsThatAreNotALoginHostAndListsTheKnownOnes(String url) {
        assertThatThrownBy(() -> LoginUrl.server(CURRENT, url))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a Netigate login host")
                .hasMessageContaining("netigate.se → azure")
                .hasMessageContaining("ntgt.de → dach");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ftp://ntgt.de/", "javascript:alert(1)", "https://", "https://exa mple.de/"})
    void refusesWhatIsNotAnHttpUrl(String url) {
        assertThatThrownBy(() -> LoginUrl.server(CURRENT, url)).isInstanceOf(IllegalArgumentException.class);
    }

    @org.junit.jupiter.api.Test
    void theHostsComeFromTheProfileNotFromCode() {
        Server renamed = new Server("dach", "DACH", java.util.List.of("survey.example.org"), java.util.Optional.empty(),
                CURRENT.server("dach").orElseThrow().networks(), CURRENT.server("dach").orElseThrow().mailDomains(),
                java.util.List.of(), java.util.List.of(), java.util.List.of());
        Profile other = new Profile(CURRENT.file(), CURRENT.vendor(), "9", Profile.Status.CURRENT, java.util.Optional.empty(),
                CURRENT.source(), CURRENT.unknowns(), java.util.List.of(renamed), CURRENT.tls(), CURRENT.dkim());
        assertThat(LoginUrl.server(other, "https://app.survey.example.org/").id()).isEqualTo("dach");
        assertThatThrownBy(() -> LoginUrl.server(other, "https://ntgt.de/")).hasMessageContaining("survey.example.org → dach");
    }
}
