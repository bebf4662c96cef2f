package dev.whitelistgen.cli;

import dev.whitelistgen.UserError;
import dev.whitelistgen.check.Report;
import dev.whitelistgen.check.ReportPrinter;
import dev.whitelistgen.dns.DnsjavaResolver;
import java.io.PrintWriter;
import java.time.Duration;
import picocli.CommandLine.Option;

/** Options every check shares: output form, resolver, timeout; and how a report becomes output and exit code. */
final class CheckOptions {

    @Option(names = "--json", description = "Print the result as JSON instead of lines for a person.")
    boolean json;

    @Option(names = "--dns-server", paramLabel = "HOST[:PORT]",
            description = "DNS server to ask (default: the system's resolvers from /etc/resolv.conf).")
    String dnsServer;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "5",
            description = "Longest wait for one DNS answer or SMTP step (default: ${DEFAULT-VALUE}).")
    int timeoutSeconds;

    Duration timeout() {
        if (timeoutSeconds < 1 || timeoutSeconds > 120) {
            throw new UserError(UserError.Kind.USAGE, "--timeout: expected 1 to 120 seconds, got " + timeoutSeconds);
        }
        return Duration.ofSeconds(timeoutSeconds);
    }

    DnsjavaResolver resolver() {
        return resolver(dnsServer, timeout());
    }

    static DnsjavaResolver resolver(String server, Duration timeout) {
        try {
            return DnsjavaResolver.create(server, timeout);
        } catch (IllegalArgumentException e) {
            throw new UserError(UserError.Kind.USAGE, "--dns-server: " + e.getMessage());
        }
    }

    /** Prints the report; exit 0 when it passed, 1 when it found a problem. */
    int print(Report report, PrintWriter out) {
        // Colour only for a person at a terminal, and never when NO_COLOR is set (no-color.org).
        boolean colour = System.console() != null && System.getenv("NO_COLOR") == null;
        out.print(json ? ReportPrinter.json(report) : ReportPrinter.text(report, colour));
        out.flush();
        return report.passed() ? ExitCodes.OK : ExitCodes.DIFFERENT;
    }
}
