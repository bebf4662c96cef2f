package dev.whitelistgen.cli;

import dev.whitelistgen.UserError;
import picocli.CommandLine;

/** Every exit code the tool uses, in one place (README.md, "Exit codes", lists the same). */
public final class ExitCodes implements CommandLine.IExitCodeExceptionMapper {

    public static final int OK = 0;
    /** A check found a problem, or a diff found differences (as diff(1) does). */
    public static final int DIFFERENT = 1;
    public static final int USAGE = 2;
    /**
     * A profile, a value, or a target folder of the user's (--templates-dir: target.yaml or a template that does not
     * render), each problem naming file and line. Not 70: the user can fix it; not 4: nothing was refused.
     */
    public static final int INVALID_INPUT = 3;
    public static final int REFUSED = 4;
    public static final int IO = 5;
    public static final int NETWORK = 6;
    /**
     * diff: some targets refuse one of the two profiles (listed, with why); the data and the other targets were
     * compared and printed all the same. Not 4: the diff did run, and a script must still see its output.
     */
    public static final int DIFF_SOME_REFUSED = 7;
    /** serve: the port is taken (another serve, or another program). */
    public static final int PORT_IN_USE = 8;
    /** A bug: a broken built-in template or an unexpected exception. A broken --templates-dir template is 3. */
    public static final int SOFTWARE = 70;
    /** Stopped by Ctrl-C (128 + SIGINT), after one line saying so; files being written are not left half-written. */
    public static final int INTERRUPTED = 130;
    /** Stopped by SIGTERM (128 + SIGTERM), as kill or a service manager stops it. */
    public static final int TERMINATED = 143;

    @Override
    public int getExitCode(Throwable exception) {
        return of(exception);
    }

    static int of(Throwable exception) {
        if (exception instanceof UserError error) {
            return switch (error.kind()) {
                case USAGE -> USAGE;
                case INVALID_INPUT -> INVALID_INPUT;
                case REFUSED -> REFUSED;
                case IO -> IO;
                case NETWORK -> NETWORK;
            };
        }
        if (exception instanceof CommandLine.ParameterException) {
            return USAGE;
        }
        return SOFTWARE;
    }
}
