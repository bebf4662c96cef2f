package dev.whitelistgen.check;

import dev.whitelistgen.render.Escapers;
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
        StringBuilder out = new StringBuilder();
        write(out, root, "");
        return out.append('\n').toString();
    }

    private static void write(StringBuilder out, Object value, String indent) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof String s) {
            out.append(Escapers.json(s));
        } else if (value instanceof Number || value instanceof Boolean) {
            out.append(value);
        } else if (value instanceof Map<?, ?> map) {
            if (map.isEmpty()) {
                out.append("{}");
                return;
            }
            out.append("{\n");
            int i = 0;
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                out.append(indent).append("  ").append(Escapers.json(entry.getKey().toString())).append(": ");
                write(out, entry.getValue(), indent + "  ");
                out.append(++i < map.size() ? ",\n" : "\n");
            }
            out.append(indent).append('}');
        } else if (value instanceof List<?> list) {
            if (list.isEmpty()) {
                out.append("[]");
                return;
            }
            out.append("[\n");
            for (int i = 0; i < list.size(); i++) {
                out.append(indent).append("  ");
                write(out, list.get(i), indent + "  ");
                out.append(i + 1 < list.size() ? ",\n" : "\n");
            }
            out.append(indent).append(']');
        } else {
            out.append(Escapers.json(value.toString()));
        }
    }
}
