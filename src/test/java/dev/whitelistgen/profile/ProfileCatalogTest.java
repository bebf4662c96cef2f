package dev.whitelistgen.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.whitelistgen.model.NetworkPolicy;
import dev.whitelistgen.testing.Cli;
import dev.whitelistgen.testing.Repo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProfileCatalogTest {

    @TempDir
    Path override;

    ProfileCatalog catalog() {
        return new ProfileCatalog(List.of(override, Repo.path("profiles")), new ProfileLoader(NetworkPolicy.DEFAULT));
    }

    String currentProfileAs(String version, String status) throws IOException {
        return Files.readString(Repo.path("profiles/netigate/v2.yaml"))
                .replace("version: \"2\"", "version: \"" + version + "\"").replace("status: current", "status: " + status);
    }

    @Test
    void anOverrideFolderAddsVersionsSortedNumerically() throws IOException {
        Files.writeString(override.resolve("v10.yaml"), currentProfileAs("10", "superseded"));
        assertThat(catalog().all()).extracting(p -> p.version()).containsExactly("1", "2", "10");
        assertThat(catalog().current().version()).isEqualTo("2");
        assertThat(Cli.run("list", "profiles", "--profiles-dir", override.toString()).out()).contains("10   superseded");
    }

    @Test
    void anOverrideReplacesABuiltInVersionOfTheSameName() throws IOException {
        Files.writeString(override.resolve("mine.yaml"), currentProfileAs("2", "current").replace("89.45.227.221", "89.45.227.222"));
        assertThat(catalog().resolve("2").server("azure").orElseThrow().networks().toString()).contains("89.45.227.222");
    }

    @Test
    void exactlyOneVersionMustBeCurrent() throws IOException {
        Path v3 = Files.writeString(override.resolve("v3.yaml"), currentProfileAs("3", "current"));
        String expected = v3 + ": status: exactly one version must have status current, found 2 (2 in "
                + Repo.path("profiles/netigate/v2.yaml") + ", 3 in " + v3 + "); set the older versions' status to superseded";
        assertThatThrownBy(() -> catalog().current()).hasMessage(expected);
        assertThatThrownBy(() -> catalog().all()).as("every use of the catalogue, not only the current version")
                .hasMessage(expected);
        assertThat(catalog().problems()).containsExactly(expected);
    }

    @Test
    void noCurrentVersionNamesTheNewest() throws IOException {
        Path mine = Files.writeString(override.resolve("v2.yaml"), currentProfileAs("2", "superseded"));
        assertThat(catalog().problems()).containsExactly(
                mine + ": status: exactly one version must have status current, found 0; set the newest version's status to current");
    }

    @Test
    void aSupersedesThatNamesNoVersionIsAProblem() throws IOException {
        Path mine = Files.writeString(override.resolve("v2.yaml"), currentProfileAs("2", "current").replace("supersedes: \"1\"", "supersedes: \"7\""));
        assertThat(catalog().problems()).containsExactly(mine + ": supersedes: '7' names no version; known versions: 1, 2");
    }

    @Test
    void aVersionGivenTwiceInOneFolderIsAProblemButAnOverrideIsNot() throws IOException {
        Path first = Files.writeString(override.resolve("a.yaml"), currentProfileAs("2", "current"));
        assertThat(catalog().problems()).as("a --profiles-dir version replaces the built-in one").isEmpty();
        Path second = Files.writeString(override.resolve("b.yaml"), currentProfileAs("2", "current"));
        assertThat(catalog().problems()).containsExactly(
                second + ": version: '2' is also the version of " + first + "; give each file its own version");
    }

    @Test
    void anInvalidProfileInTheFolderStopsEveryRunWithItsProblems() throws IOException {
        Files.writeString(override.resolve("broken.yaml"), currentProfileAs("3", "superseded").replace("schema: 1", "schema: x"));
        Cli.Result result = Cli.run("--target", "postfix", "--server", "dach", "--profiles-dir", override.toString());
        assertThat(result.exitCode()).isEqualTo(3);
        assertThat(result.err()).contains("broken.yaml:4: schema: unsupported schema 'x'");
    }
}
