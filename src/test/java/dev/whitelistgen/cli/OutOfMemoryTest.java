package dev.whitelistgen.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.whitelistgen.testing.RealProgram;
import dev.whitelistgen.testing.Repo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A request too large for the heap ends with one line and exit 70, not a stack trace and exit 1. */
class OutOfMemoryTest {

    @Test
    void tooLittleHeapIsOneLineAndExit70(@TempDir Path dir) throws IOException {
        StringBuilder networks = new StringBuilder("networks:\n");
        for (int i = 0; i < 60_000; i++) {
            networks.append("  - 11.").append(i / 65536).append('.').append(i / 256 % 256).append('.').append(i % 256).append('\n');
        }
        String v2 = Files.readString(Repo.path("profiles/netigate/v2.yaml"));
        Path big = dir.resolve("big.yaml");
        Files.writeString(big, v2.substring(0, v2.indexOf("networks:\n")) + networks + v2.substring(v2.indexOf("servers:\n")));
        Path out = dir.resolve("out");

        // the test JVM's own class path: surefire's, where it gives one, else this JVM's
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        RealProgram.Result result = RealProgram.run(Duration.ofMinutes(2), Map.of(), null, "java", "-Xmx16m", "-Xss1m",
                "-cp", classPath, WhitelistGen.class.getName(),
                "--target", "all", "--server", "all", "--domain", "example.com", "--profile", big.toString(), "-o", out.toString());

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.SOFTWARE);
        assertThat(result.err()).matches("whitelist-gen: out of memory \\(Java heap limit \\d+ MiB\\)\\."
                + " Give Java more \\(JAVA_TOOL_OPTIONS=-Xmx2g\\) or ask for fewer targets or servers per call\\n");
        assertThat(result.out()).isEmpty();
        assertThat(out).doesNotExist();
    }
}
