package dev.whitelistgen;

import static org.assertj.core.api.Assertions.assertThat;

import dev.whitelistgen.testing.Repo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BuiltInResourcesTest {

    @Test
    void aHomeWithTheMarkedFolderIsReadDirectly() {
        assertThat(BuiltInResources.folder("templates", Repo.root().toString())).isEqualTo(Repo.path("templates"));
        assertThat(BuiltInResources.folder("profiles", Repo.root().toString())).isEqualTo(Repo.path("profiles"));
    }

    @Test
    void aHomeWithoutTheMarkerFallsBackToTheClassPath(@TempDir Path home) throws IOException {
        Files.createDirectories(home.resolve("templates"));  // a folder of that name, but not ours (no .root)
        Path folder = BuiltInResources.folder("templates", home.toString());
        assertThat(folder).isNotEqualTo(home.resolve("templates"));
        assertThat(folder.resolve("postfix/target.yaml")).isRegularFile();
    }

    @Test
    void noHomeReadsTheClassPath() {
        assertThat(BuiltInResources.folder("profiles", null).resolve("netigate/v2.yaml")).isRegularFile();
    }
}
