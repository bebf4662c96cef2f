package dev.whitelistgen.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.whitelistgen.render.Progress;
import dev.whitelistgen.testing.Cli;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class TerminalProgressTest {

    @Test
    void silentForTheFirstSecondThenOneOverwrittenLineClearedAtTheEnd() {
        StringWriter text = new StringWriter();
        AtomicLong now = new AtomicLong(5_000_000_000L);
        TerminalProgress progress = new TerminalProgress(new PrintWriter(text), now::get);
        progress.rendered(1, 3, "postfix/azure");
        assertThat(text.toString()).as("a short run prints nothing extra").isEmpty();
        now.addAndGet(1_500_000_000L);
        progress.rendered(2, 3, "postfix/dach");
        progress.rendered(3, 3, "json/azure");
        TerminalProgress.finish(progress);
        assertThat(text.toString()).isEqualTo("\rwhitelist-gen: rendered 2 of 3: postfix/dach\u001b[K"
                + "\rwhitelist-gen: rendered 3 of 3: json/azure\u001b[K\r\u001b[K");
    }

    @Test
    void offWhereTheLauncherSaysStandardErrorIsNoTerminal() {
        String before = System.getProperty(TerminalProgress.PROPERTY);
        System.setProperty(TerminalProgress.PROPERTY, "false");
        try {
            assertThat(TerminalProgress.forStandardError(new PrintWriter(new StringWriter()))).isSameAs(Progress.NONE);
            System.setProperty(TerminalProgress.PROPERTY, "true");
            assertThat(TerminalProgress.forStandardError(new PrintWriter(new StringWriter()))).isInstanceOf(TerminalProgress.class);
        } finally {
            if (before == null) {
                System.clearProperty(TerminalProgress.PROPERTY);
            } else {
                System.setProperty(TerminalProgress.PROPERTY, before);
            }
        }
    }

    @Test
    void aRunWithoutATerminalPrintsNoCarriageReturn() {
        Cli.Result result = Cli.run("--target", "all", "--server", "all", "--domain", "example.com");
        assertThat(result.err()).doesNotContain("\r");
    }
}
