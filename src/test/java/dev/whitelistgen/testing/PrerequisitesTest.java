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
