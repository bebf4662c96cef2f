package dev.whitelistgen.diff;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import com.github.difflib.patch.Patch;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A unified diff (diff -u format, 3 lines of context) of two texts, by java-diff-utils' Myers diff. Generated
 * files always end in a newline, so there is no "No newline at end of file" case; an absent file is empty.
 */
public final class UnifiedDiff {

    static final int CONTEXT = 3;

    private UnifiedDiff() {
    }

    /** Empty when the texts are equal. */
    public static String of(String fromName, String toName, String from, String to) {
        if (from.equals(to)) {
            return "";
        }
        List<String> before = lines(from);
        List<String> after = lines(to);
        Patch<String> patch = DiffUtils.diff(before, after);
        List<String> diff = new ArrayList<>(UnifiedDiffUtils.generateUnifiedDiff(fromName, toName, before, patch, CONTEXT));
        StringBuilder out = new StringBuilder();
        diff.forEach(line -> out.append(line).append('\n'));
        return out.toString();
    }

    private static List<String> lines(String text) {
        if (text.isEmpty()) {
            return List.of();
        }
        String body = text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
        return Arrays.asList(body.split("\n", -1));
    }
}
