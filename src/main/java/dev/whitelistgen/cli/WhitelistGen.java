package dev.whitelistgen.cli;

import dev.whitelistgen.UserError;
import dev.whitelistgen.render.TemplateRenderer;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;

/** Entry point. {@link #run} does everything except exiting, so tests call it in-process. */
public final class WhitelistGen {

    private WhitelistGen() {
    }

    public static void main(String[] args) {
        // No option has a java.time or java.sql type; without this, picocli loads and initialises about 70 such
        // classes by reflection on every start (-Xlog:class+load shows them).
        System.setProperty("picocli.converters.excludes", "java\\.time\\..*,java\\.sql\\..*");
        PrintWriter out = CheckedPrintWriter.over(new FileOutputStream(FileDescriptor.out));
        PrintWriter err = new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            // the JVM exits with 130 on Ctrl-C and 143 on SIGTERM by itself, silently: say why the run ended
            if (!finished && !stopsQuietly) {
                err.println("whitelist-gen: interrupted (Ctrl-C or SIGTERM) before finishing");
                err.flush();
            }
        }, "whitelist-gen interrupted"));
        int code;
        try {
            code = run(out, err, args);
        } finally {
            finished = true; // an uncaught Error ends the run too, with its own trace: no "interrupted" line
        }
        System.exit(code);
    }

    private static volatile boolean finished;
    private static volatile boolean stopsQuietly;

    /** For serve, whose way to stop is Ctrl-C: it says "serve stopped" itself. */
    static void stopsQuietly() {
        stopsQuietly = true;
    }

    public static int run(PrintWriter out, PrintWriter err, String... args) {
        if (args.length == 1 && (args[0].equals("--version") || args[0].equals("-V"))) {
            // The same lines picocli prints, without building its model first: that is most of the call (issue 30).
            for (String line : new VersionProvider().getVersion()) {
                out.println(line);
            }
            out.flush();
            return out.checkError() ? ExitCodes.IO : ExitCodes.OK;
        }
        int code;
        try {
            code = run(out, err, args, asksForHelp(args));
        } catch (OutOfMemoryError e) {
            // picocli passes Errors through. Once the stack has unwound the request's data is garbage, so there
            // is room for one line; a stack trace and exit 1 (diff's "differences") would tell the user nothing.
            err.println("whitelist-gen: out of memory (Java heap limit " + Runtime.getRuntime().maxMemory() / (1024 * 1024)
                    + " MiB). Give Java more (JAVA_TOOL_OPTIONS=-Xmx2g) or ask for fewer targets"
                    + " or servers per call");
            err.flush();
            return ExitCodes.SOFTWARE;
        }
        // checkError flushes; a failed write to standard output (full disk, closed, broken pipe) is a failed run
        if (out.checkError()) {
            String reason = out instanceof CheckedPrintWriter checked ? checked.failure().map(r -> ": " + r).orElse("") : "";
            err.println("whitelist-gen: cannot write to standard output" + reason + "; the output is incomplete");
            err.flush();
            return ExitCodes.IO;
        }
        return code;
    }

    private static int run(PrintWriter out, PrintWriter err, String[] args, boolean wholeTree) {
        CommandLine commandLine = new CommandLine(wholeTree ? new WhitelistGenCommand() : new GenerateCommand());
        commandLine.setOut(out);
        commandLine.setErr(err);
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        commandLine.setExitCodeExceptionMapper(new ExitCodes());
        boolean[] retryWithWholeTree = {false};
        commandLine.setParameterExceptionHandler((exception, arguments) -> {
            if (!wholeTree) {
                // a subcommand (which the root alone does not know) or a real mistake, which the whole tree
                // reports the same way, with picocli's "Did you mean" suggestions for a misspelt command
                retryWithWholeTree[0] = true;
                return ExitCodes.USAGE;
            }
            String suggestion = "";
            if (exception instanceof CommandLine.UnmatchedArgumentException unmatched && !unmatched.getSuggestions().isEmpty()) {
                // picocli's own "Did you mean" lines are for its default handler; one line here, as every message
                suggestion = "; did you mean " + String.join(" or ", unmatched.getSuggestions()) + "?";
            }
            err.println("whitelist-gen: " + exception.getMessage() + suggestion + " (try --help)");
            err.flush();
            return ExitCodes.USAGE;
        });
        commandLine.setExecutionExceptionHandler((exception, cmd, parseResult) -> {
            if (shuttingDown()) {
                // Ctrl-C or SIGTERM: the interrupted line says why; a failure the shutdown itself caused (a DNS
                // client closed under a check) would only mislead
                return ExitCodes.of(exception);
            }
            if (exception instanceof UserError error) {
                error.lines().forEach(line -> err.println("whitelist-gen: " + line));
            } else if (exception instanceof TemplateRenderer.RenderException) {
                err.println("whitelist-gen: template error: " + exception.getMessage());
            } else {
                err.println("whitelist-gen: internal error: " + exception);
                StackTraceElement[] trace = exception.getStackTrace();
                if (trace.length > 0) {
                    err.println("  at " + trace[0]);
                }
            }
            err.flush();
            return ExitCodes.of(exception);
        });
        int code = commandLine.execute(args);
        if (retryWithWholeTree[0]) {
            return run(out, err, args, true);
        }
        out.flush();
        err.flush();
        return code;
    }

    /** The JVM refuses new shutdown hooks once it is shutting down: the one way to ask whether it is. */
    private static boolean shuttingDown() {
        Thread probe = new Thread(() -> { }, "whitelist-gen shutdown probe");
        try {
            Runtime.getRuntime().addShutdownHook(probe);
            Runtime.getRuntime().removeShutdownHook(probe);
            return false;
        } catch (IllegalStateException e) {
            return true;
        }
    }

    /** Help lists the subcommands, so it needs the whole tree. Plain loops: this runs before anything is warm. */
    static boolean asksForHelp(String... args) {
        for (String arg : args) {
            if (arg.equals("--help") || (arg.startsWith("-") && !arg.startsWith("--") && arg.indexOf('h') > 0)) {
                return true;
            }
        }
        return false;
    }
}
