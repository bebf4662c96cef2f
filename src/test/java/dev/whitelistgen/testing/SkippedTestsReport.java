package dev.whitelistgen.testing;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * Says at the end of a test run which tests were skipped and why (surefire counts skips but drops the reasons).
 * Registered for every run through META-INF/services.
 */
public final class SkippedTestsReport implements TestExecutionListener {

    private final Map<String, List<String>> byReason = new TreeMap<>();

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
        if (byReason.isEmpty()) {
            return;
        }
        StringBuilder report = new StringBuilder();
        int total = byReason.values().stream().mapToInt(List::size).sum();
        report.append("Skipped: ").append(total).append(" test").append(total == 1 ? "" : "s")
                .append(" whose prerequisite is missing (").append(Prerequisites.REQUIRE_ALL)
                .append("=true makes these failures):\n");
        byReason.forEach((reason, tests) -> report.append("  ").append(tests.size()).append(" × ").append(reason)
                .append("\n      e.g. ").append(tests.get(0)).append('\n'));
        // FileDescriptor.err: surefire redirects System.err into report files, but shows the fork's own stderr
        new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8).print(report);
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
        return member.isEmpty() ? owner : owner + "." + member;
    }
}
