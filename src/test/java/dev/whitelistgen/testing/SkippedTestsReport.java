package dev.whitelistgen.testing;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * Says which tests were skipped and why (surefire counts skips but drops the reasons). Registered for every run
 * through META-INF/services. Under Maven each test run (surefire's, failsafe's) records its skips in
 * target/skipped-tests/, and {@link #main} prints them all once, grouped by reason, in the verify phase: after the
 * runs' summary lines, where a reader looks (issue 22). Run any other way, the list is printed at the run's end.
 */
public final class SkippedTestsReport implements TestExecutionListener {

    /** Set by pom.xml to Maven's build timestamp, so that main() reads only this build's records. */
    static final String BUILD_ID = "whitelistgen.buildId";
    static final String FOLDER = "skipped-tests";

    /**
     * A test class whose set-up ({@code @BeforeAll}) found a prerequisite missing is skipped as a whole: JUnit then
     * reports neither its tests nor their number, so the list names the class, marked with this, and counts it apart.
     */
    static final String WHOLE_CLASS = " (the whole class)";

    private final Map<String, List<String>> byReason = new TreeMap<>();
    private final Path records;
    private final String build;

    /** As JUnit's service loader makes it: records go to the target folder and build that pom.xml names, if any. */
    public SkippedTestsReport() {
        this(System.getProperty("whitelistgen.repo") == null ? null : Path.of(System.getProperty("whitelistgen.repo"), "target"),
                System.getProperty(BUILD_ID, ""));
    }

    SkippedTestsReport(Path targetFolder, String build) {
        this.records = build.isBlank() ? null : targetFolder;
        this.build = build;
    }

    @Override
    public void executionSkipped(TestIdentifier test, String reason) {
        byReason.computeIfAbsent(reason, r -> new ArrayList<>()).add(name(test));
    }

    @Override
    public void executionFinished(TestIdentifier test, TestExecutionResult result) {
        if (result.getStatus() == TestExecutionResult.Status.ABORTED) {
            String reason = result.getThrowable().map(Throwable::getMessage).orElse("aborted");
            byReason.computeIfAbsent(reason, r -> new ArrayList<>()).add(name(test));
        }
    }

    @Override
    public void testPlanExecutionFinished(TestPlan plan) {
        if (records == null) {
            // FileDescriptor.err: surefire redirects System.err into report files, but shows the fork's own stderr
            new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8).print(report(byReason));
            return;
        }
        List<String> lines = new ArrayList<>();
        byReason.forEach((reason, tests) -> tests.forEach(test -> lines.add(oneLine(reason) + "\t" + test)));
        try {
            Path folder = Files.createDirectories(records.resolve(FOLDER));
            Files.write(folder.resolve(build + "-" + ProcessHandle.current().pid() + "-" + System.nanoTime() + ".tsv"), lines);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** pom.xml runs this in the verify phase: {@code main(TARGET_DIR, BUILD_ID)} prints this build's skips once. */
    public static void main(String[] args) throws IOException {
        Path folder = Path.of(args[0], FOLDER);
        String build = args[1];
        Map<String, List<String>> byReason = new TreeMap<>();
        if (Files.isDirectory(folder)) {
            try (Stream<Path> records = Files.list(folder)) {
                for (Path record : records.sorted().toList()) {
                    if (!record.getFileName().toString().startsWith(build + "-")) {
                        Files.delete(record); // an earlier build's
                        continue;
                    }
                    for (String line : Files.readAllLines(record)) {
                        int tab = line.lastIndexOf('\t');
                        byReason.computeIfAbsent(line.substring(0, tab), r -> new ArrayList<>()).add(line.substring(tab + 1));
                    }
                }
            }
        }
        System.out.print(byReason.isEmpty() ? "No test was skipped.\n" : report(byReason));
    }

    static String report(Map<String, List<String>> byReason) {
        if (byReason.isEmpty()) {
            return "";
        }
        StringBuilder report = new StringBuilder();
        long classes = byReason.values().stream().flatMap(List::stream).filter(name -> name.endsWith(WHOLE_CLASS)).count();
        long skippedTests = byReason.values().stream().mapToInt(List::size).sum() - classes;
        report.append("Skipped: ").append(counted(skippedTests, "test"));
        if (classes > 0) {
            report.append(" and ").append(counted(classes, "test class")).append(" as a whole");
        }
        report.append(" whose prerequisite is missing (").append(Prerequisites.REQUIRE_ALL)
                .append("=true makes these failures):\n");
        byReason.forEach((reason, tests) -> report.append("  ").append(tests.size()).append(" × ").append(reason)
                .append("\n      e.g. ").append(tests.get(0)).append('\n'));
        return report.toString();
    }

    private static String oneLine(String reason) {
        return reason.replaceAll("\\s+", " ");
    }

    /** Class.method from the unique id ("[class:a.b.C]/[method:m(..)]"); display names can be whole records. */
    private static String name(TestIdentifier test) {
        String owner = "";
        String member = "";
        for (String segment : test.getUniqueId().split("/")) {
            if (segment.startsWith("[class:") || segment.startsWith("[nested-class:")) {
                owner = segment.substring(segment.indexOf(':') + 1, segment.length() - 1);
                owner = owner.substring(owner.lastIndexOf('.') + 1);
            } else if (member.isEmpty() && segment.matches("\\[(method|test-template|test-factory):.*")) {
                member = segment.substring(segment.indexOf(':') + 1, segment.length() - 1).replaceAll("\\(.*", "");
            }
        }
        if (member.isEmpty() && test.isContainer()) {
            return owner + WHOLE_CLASS;
        }
        return member.isEmpty() ? owner : owner + "." + member;
    }

    private static String counted(long count, String what) {
        return count + " " + what + (count == 1 ? "" : what.endsWith("s") ? "es" : "s");
    }
}
