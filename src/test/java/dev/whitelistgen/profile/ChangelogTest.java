package dev.whitelistgen.profile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.whitelistgen.model.Profile;
import dev.whitelistgen.testing.Profiles;
import dev.whitelistgen.testing.Repo;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** profiles/CHANGELOG.md says what changed in each version and why: a version without its entry fails here. */
class ChangelogTest {

    private static final Pattern HEADING = Pattern.compile("(?m)^## (\\S+) \\((current|superseded)\\) — (.+)$");

    @Test
    void everyVersionHasAnEntryWithItsStatusAndSourceNewestFirst() throws IOException {
        String changelog = Files.readString(Repo.path("profiles/CHANGELOG.md"));
        Matcher matcher = HEADING.matcher(changelog);
        List<String> entries = new java.util.ArrayList<>();
        while (matcher.find()) {
            entries.add(matcher.group(1) + " " + matcher.group(2) + " " + matcher.group(3));
        }
        List<Profile> versions = new java.util.ArrayList<>(Profiles.catalog().all());
        java.util.Collections.reverse(versions);
        assertThat(entries).containsExactlyElementsOf(versions.stream()
                .map(p -> p.version() + " " + p.status().label() + " " + p.source().citation()).toList());
    }
}
