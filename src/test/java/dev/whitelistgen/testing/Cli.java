package dev.whitelistgen.testing;

import dev.whitelistgen.cli.WhitelistGen;
import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs the CLI in-process, as a user would from a shell, and captures what it prints. */
public final class Cli {

    public record Result(int exitCode, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout\n" + out + "\n--- stderr\n" + err;
        }
    }

    private Cli() {
    }

    public static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = WhitelistGen.run(new PrintWriter(out), new PrintWriter(err), args);
        return new Result(code, out.toString(), err.toString());
    }
}
