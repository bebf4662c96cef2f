package dev.whitelistgen.diff;

import static org.assertj.core.api.Assertions.assertThat;

import dev.whitelistgen.testing.RealProgram;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The diff is only useful if it is a real unified diff: GNU patch must turn the old text into the new one. */
class UnifiedDiffTest {

    @TempDir
    Path dir;

    @Test
    void equalTextsGiveNothing() {
        assertThat(UnifiedDiff.of("a/x", "b/x", "one\ntwo\n", "one\ntwo\n")).isEmpty();
    }

    @Test
    void aChangedLineWithThreeLinesOfContext() {
        String before = "1\n2\n3\n4\n5\n6\n7\n8\n9\n";
        String after = "1\n2\n3\n4\nfive\n6\n7\n8\n9\n";
        assertThat(UnifiedDiff.of("1/f", "2/f", before, after)).isEqualTo("""
                --- 1/f
                +++ 2/f
                @@ -2,7 +2,7 @@
                 2
                 3
                 4
                -5
                +five
                 6
                 7
                 8
                """);
    }

    @Test
    void patchAppliesRandomEditsSeeded() throws IOException {
        long seed = Long.getLong("diff.seed", System.nanoTime());
        System.out.println("UnifiedDiffTest seed: " + seed + " (rerun with -Ddiff.seed=" + seed + ")");
        Random random = new Random(seed);
        for (int round = 0; round < 40; round++) {
            String before = text(random, random.nextInt(4) == 0 ? 0 : 1 + random.nextInt(30));
            String after = random.nextInt(5) == 0 ? "" : edit(random, before);
            String diff = UnifiedDiff.of("1/file", "2/file", before, after);
            Path file = dir.resolve("file");
            Files.writeString(file, before);
            Path patch = dir.resolve("change.diff");
            Files.writeString(patch, diff);
            if (before.equals(after)) {
                assertThat(diff).isEmpty();
                continue;
            }
            RealProgram.Result result = RealProgram.run(Duration.ofSeconds(20), Map.of(), dir,
                    "patch", "--batch", "--forward", "--no-backup-if-mismatch", "-p1", "-i", patch.toString(), "file");
            assertThat(result.exitCode()).as("seed " + seed + ", round " + round + "\n" + diff + "\n" + result).isZero();
            String patched = Files.exists(file) ? Files.readString(file) : "";
            assertThat(patched).as("seed " + seed + ", round " + round + "\n" + diff).isEqualTo(after);
        }
    }

    private static String text(Random random, int lines) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < lines; i++) {
            text.append("line ").append(random.nextInt(8)).append('\n');
        }
        return text.toString();
    }

    private static String edit(Random random, String text) {
        List<String> lines = new ArrayList<>(text.isEmpty() ? List.of() : List.of(text.split("\n")));
        int edits = 1 + random.nextInt(4);
        for (int i = 0; i < edits; i++) {
            int at = lines.isEmpty() ? 0 : random.nextInt(lines.size());
            switch (random.nextInt(3)) {
                case 0 -> lines.add(at, "new " + random.nextInt(100));
                case 1 -> {
                    if (!lines.isEmpty()) {
                        lines.remove(at);
                    }
                }
                default -> {
                    if (!lines.isEmpty()) {
                        lines.set(at, "changed " + random.nextInt(100));
                    }
                }
            }
        }
        return lines.isEmpty() ? "" : String.join("\n", lines) + "\n";
    }
}
