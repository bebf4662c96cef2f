package dev.whitelistgen.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.TestAbortedException;

/** The one switch: without it a missing prerequisite skips with its reason, with it the test fails. */
class PrerequisitesTest {

    private final String before = System.getProperty(Prerequisites.REQUIRE_ALL);

    @AfterEach
    void restore() {
        if (before == null) {
            System.clearProperty(Prerequisites.REQUIRE_ALL);
        } else {
            System.setProperty(Prerequisites.REQUIRE_ALL, before);
        }
    }

    @Test
    void aMissingProgramSkipsWithItsPackageOrFailsUnderRequireAll() {
        System.setProperty(Prerequisites.REQUIRE_ALL, "false");
        assertThatThrownBy(() -> RealProgram.require("named-checkzone-not-here"))
                .isInstanceOf(TestAbortedException.class)
                .hasMessage("named-checkzone-not-here is not installed (Debian package named-checkzone-not-here;"
                        + " .ci/run installs everything the tests need)");
        System.setProperty(Prerequisites.REQUIRE_ALL, "true");
        assertThatThrownBy(() -> RealProgram.require("named-checkzone-not-here"))
                .isInstanceOf(AssertionError.class).hasMessageEndingWith("(required: whitelistgen.requireAll is set)");
    }

    @Test
    void aMissingPackageFileSkipsWithThePackageThatBringsIt() {
        System.setProperty(Prerequisites.REQUIRE_ALL, "false");
        assertThatThrownBy(() -> RealProgram.packageFile("/usr/share/postfix-not-here/master.cf.dist", "postconf"))
                .isInstanceOf(TestAbortedException.class)
                .hasMessage("/usr/share/postfix-not-here/master.cf.dist is missing (Debian package postfix;"
                        + " .ci/run installs everything the tests need)");
    }

    /**
     * Issue 22: tests read files that only a package brings (/etc/spamassassin/*.pre) before checking for the
     * program, and failed on a machine without it. Every such path goes through RealProgram.packageFile.
     */
    @Test
    void noTestNamesAPackagesFileOutsideTheCheck() throws java.io.IOException {
        java.util.List<String> offenders = new java.util.ArrayList<>();
        try (java.util.stream.Stream<Path> sources = java.nio.file.Files.walk(Repo.path("src/test/java"))) {
            for (Path source : sources.filter(p -> p.toString().endsWith(".java") && !p.endsWith("RealProgram.java")).toList()) {
                java.util.List<String> lines = java.nio.file.Files.readAllLines(source);
                for (int i = 0; i < lines.size(); i++) {
                    if (lines.get(i).matches(".*Path\\.of\\(\"/(etc|usr|var|opt)/.*")) {
                        offenders.add(Repo.path("src/test/java").relativize(source) + ":" + (i + 1) + ": " + lines.get(i).strip());
                    }
                }
            }
        }
        assertThat(offenders).as("use RealProgram.packageFile(PATH, PROGRAM)").isEmpty();
    }

    @Test
    void knownProgramsNameTheirPackageOrSetupStep() {
        assertThat(RealProgram.source("postmap")).isEqualTo("Debian package postfix");
        assertThat(RealProgram.source("named-checkzone")).isEqualTo("Debian package bind9-utils");
        assertThat(RealProgram.source("exim4")).contains(".ci/setup.d/exim.sh");
    }

    @Test
    void externalDataIsTakenFromThePropertyAndNamedWhenAbsent(@TempDir Path dir) {
        System.setProperty(Prerequisites.REQUIRE_ALL, "false");
        System.setProperty("whitelistgen.test.data", dir.toString());
        try {
            assertThat(Prerequisites.externalData("whitelistgen.test.data", "WHITELISTGEN_TEST_DATA_UNSET", "data"))
                    .isEqualTo(dir);
            System.setProperty("whitelistgen.test.data", dir.resolve("missing").toString());
            assertThatThrownBy(() -> Prerequisites.externalData("whitelistgen.test.data", "WHITELISTGEN_TEST_DATA_UNSET",
                    "data")).isInstanceOf(TestAbortedException.class).hasMessageStartingWith("data not found at ");
            System.clearProperty("whitelistgen.test.data");
            assertThatThrownBy(() -> Prerequisites.externalData("whitelistgen.test.data", "WHITELISTGEN_TEST_DATA_UNSET",
                    "data")).isInstanceOf(TestAbortedException.class)
                    .hasMessage("data not given: set -Dwhitelistgen.test.data=PATH or WHITELISTGEN_TEST_DATA_UNSET");
        } finally {
            System.clearProperty("whitelistgen.test.data");
        }
    }
}
