package dev.whitelistgen.cli;

import dev.whitelistgen.render.Progress;
import java.io.PrintWriter;
import java.util.function.LongSupplier;

/**
 * One self-overwriting line on standard error while a long run renders ("rendered 3 of 22: postfix/azure"), on a
 * terminal only: scripts and logs get no carriage returns. Silent for the first second, so short runs print
 * nothing extra; {@link #finish()} clears the line before the run's own output.
 */
final class TerminalProgress implements Progress {

    /** bin/whitelist-gen sets it to whether standard error is a terminal, which Java cannot find out itself. */
    static final String PROPERTY = "whitelistgen.progress";
    private static final long QUIET_NANOS = 1_000_000_000L;

    private final PrintWriter err;
    private final LongSupplier clock;
    private final long start;
    private boolean shown;

    TerminalProgress(PrintWriter err, LongSupplier clock) {
        this.err = err;
        this.clock = clock;
        this.start = clock.getAsLong();
    }

    /** Active where the launcher says standard error is a terminal; without the launcher, where Java has a console. */
    static Progress forStandardError(PrintWriter err) {
        String told = System.getProperty(PROPERTY);
        boolean terminal = told != null ? Boolean.parseBoolean(told) : System.console() != null;
        return terminal ? new TerminalProgress(err, System::nanoTime) : Progress.NONE;
    }

    @Override
    public void rendered(int done, int total, String what) {
        if (clock.getAsLong() - start < QUIET_NANOS) {
            return;
        }
        err.print("\rwhitelist-gen: rendered " + done + " of " + total + ": " + what + "\u001b[K");
        err.flush();
        shown = true;
    }

    static void finish(Progress progress) {
        if (progress instanceof TerminalProgress terminal && terminal.shown) {
            terminal.err.print("\r\u001b[K");
            terminal.err.flush();
            terminal.shown = false;
        }
    }
}
