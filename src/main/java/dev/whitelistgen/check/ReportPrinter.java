package dev.whitelistgen.check;

import dev.whitelistgen.output.Json;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Writes a {@link Report} for a person (one line per finding, then the summary) or as JSON. */
public final class ReportPrinter {

    private static final String RESET = "\u001b[0m";

    private ReportPrinter() {
    }

    /** @param colour ANSI colours for the level words; only when standard output is a terminal */
    public static String text(Report report, boolean colour) {
        StringBuilder out = new StringBuilder();
        for (Finding finding : report.findings()) {
            out.append(level(finding.level(), colour)).append(' ').append(finding.text()).append('\n');
        }
        String verdict = report.passed() ? "PASS" : "FAIL";
        if (colour) {
            verdict = (report.passed() ? "\u001b[32m" : "\u001b[31m") + verdict + RESET;
        }
        out.append(verdict).append(": ").append(report.summary()).append('\n');
        return out.toString();
    }

    private static String level(Finding.Level level, boolean colour) {
        String word = String.format("%-4s", level.label());
        if (!colour) {
            return word;
        }
        String code = switch (level) {
            case OK -> "\u001b[32m";
            case INFO -> "\u001b[36m";
            case WARN -> "\u001b[33m";
            case FAIL -> "\u001b[31m";
        };
        return code + word + RESET;
    }

    public static String json(Report report) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("check", report.check());
        root.put("passed", report.passed());
        root.put("summary", report.summary());
        List<Object> findings = new ArrayList<>();
        for (Finding finding : report.findings()) {
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("level", finding.level().label());
            f.put("text", finding.text());
            findings.add(f);
        }
        root.put("findings", findings);
        root.putAll(report.data());
        return Json.write(root);
    }
}
