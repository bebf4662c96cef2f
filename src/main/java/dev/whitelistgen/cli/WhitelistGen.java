package dev.whitelistgen.cli;

import dev.whitelistgen.UserError;
import dev.whitelistgen.render.TemplateRenderer;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;

/** Entry point. {@link #run} does everything except exiting, so tests call it in-process. */
public final class WhitelistGen {

    private WhitelistGen() {
    }

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
        PrintWriter err = new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
        System.exit(run(out, err, args));
    }

    public static int run(PrintWriter out, PrintWriter err, String... args) {
        CommandLine commandLine = new CommandLine(new GenerateCommand());
        commandLine.setOut(out);
        commandLine.setErr(err);
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        commandLine.setExitCodeExceptionMapper(new ExitCodes());
        commandLine.setParameterExceptionHandler((exception, arguments) -> {
            err.println("whitelist-gen: " + exception.getMessage() + " (try --help)");
            err.flush();
            return ExitCodes.USAGE;
        });
        commandLine.setExecutionExceptionHandler((exception, cmd, parseResult) -> {
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
        out.flush();
        err.flush();
        return code;
    }
}
