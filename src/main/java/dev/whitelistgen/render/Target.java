package dev.whitelistgen.render;

import dev.whitelistgen.model.Flag;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * One mail system the tool writes for, described by {@code templates/<name>/target.yaml}: {@code description} says
 * what it writes in the mail system's own terms, {@code purpose} (may be empty) what it is for in plain words, for
 * a support agent choosing it on serve's page. Every
 * {@code *.ftl} file in the folder (except those starting with '_') becomes the output file of the same
 * relative path without ".ftl", so the folder shows what the target writes.
 */
public record Target(
        String name,
        String description,
        String purpose,
        boolean requiresDomain,
        boolean spfRecords,
        Set<Flag> flags,
        List<String> crlfFiles,
        List<String> asciiFiles,
        List<TargetLimit> limits,
        Path folder,
        List<String> templates) {

    public Target {
        flags = flags.isEmpty() ? Set.of() : java.util.Collections.unmodifiableSet(java.util.EnumSet.copyOf(flags));
        crlfFiles = List.copyOf(crlfFiles);
        asciiFiles = List.copyOf(asciiFiles);
        limits = List.copyOf(limits);
        templates = List.copyOf(templates);
    }

    public static String outputName(String template) {
        return template.substring(0, template.length() - ".ftl".length());
    }

    public boolean crlf(String outputName) {
        return matches(crlfFiles, outputName);
    }

    /** Files whose non-ASCII characters are written as {@code <U+00E5>} (Windows PowerShell 5.1 reads BOM-less files as ANSI). */
    public boolean ascii(String outputName) {
        return matches(asciiFiles, outputName);
    }

    private static boolean matches(List<String> patterns, String outputName) {
        String fileName = outputName.substring(outputName.lastIndexOf('/') + 1);
        return patterns.stream().anyMatch(pattern -> pattern.startsWith("*")
                ? fileName.endsWith(pattern.substring(1)) : fileName.equals(pattern));
    }
}
