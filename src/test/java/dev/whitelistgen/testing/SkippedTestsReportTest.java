package dev.whitelistgen.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.core.LauncherConfig;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.opentest4j.TestAbortedException;

/** The list of skips printed after the test runs (issue 22): what it counts and names is what JUnit skipped. */
class SkippedTestsReportTest {

    // Fixtures, run only by the launcher below: surefire leaves nested classes out, and JUnit runs a static nested
    // class only when it is selected.
    static class ProgramMissingForTheWholeClass {
        @BeforeAll
        static void start() {
            throw new TestAbortedException("named is not installed");
        }

        @Test
        void one() {
        }

        @Test
        void two() {
        }
    }

    static class ProgramMissingForSomeTests {
        @Test
        void runs() {
        }

        @Test
        void needsPostfix() {
            throw new TestAbortedException("postfix is not installed");
        }

        @Test
        void needsPostfixToo() {
            throw new TestAbortedException("postfix is not installed");
        }
    }

    @Test
    void aClassSkippedInItsSetUpIsCountedAsAClassNotAsOneTest(@TempDir Path target) throws Exception {
        // its own launcher without the listeners registered for the surrounding run, which would record these skips
        Launcher launcher = LauncherFactory.create(LauncherConfig.builder().enableTestExecutionListenerAutoRegistration(false).build());
        launcher.execute(LauncherDiscoveryRequestBuilder.request()
                .selectors(selectClass(ProgramMissingForTheWholeClass.class), selectClass(ProgramMissingForSomeTests.class))
                .build(), new SkippedTestsReport(target, "build1"));
        Files.createDirectories(target.resolve(SkippedTestsReport.FOLDER));
        Path earlier = Files.writeString(target.resolve(SkippedTestsReport.FOLDER).resolve("build0-1-1.tsv"), "old reason\tOld.test\n");

        String printed = printedBy(target, "build1");

        assertThat(printed).startsWith("Skipped: 2 tests and 1 test class as a whole whose prerequisite is missing"
                + " (whitelistgen.requireAll=true makes these failures):\n");
        assertThat(printed).contains("  1 × named is not installed\n      e.g. SkippedTestsReportTest$ProgramMissingForTheWholeClass (the whole class)\n")
                .contains("  2 × postfix is not installed\n      e.g. SkippedTestsReportTest$ProgramMissingForSomeTests.needsPostfix")
                .doesNotContain("old reason");
        assertThat(earlier).as("an earlier build's record is removed").doesNotExist();
    }

    @Test
    void aRunWithoutSkipsSaysSo(@TempDir Path target) throws Exception {
        assertThat(printedBy(target, "build1")).isEqualTo("No test was skipped.\n");
    }

    private static String printedBy(Path target, String build) throws Exception {
        PrintStream before = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            SkippedTestsReport.main(new String[] {target.toString(), build});
        } finally {
            System.setOut(before);
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
