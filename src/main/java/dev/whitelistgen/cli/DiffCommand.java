package dev.whitelistgen.cli;

import dev.whitelistgen.app.AllowlistService;
import dev.whitelistgen.app.DiffRequest;
import dev.whitelistgen.diff.DiffReport;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;


@Command(name = "diff", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class, sortOptions = false,
        description = {
            "Shows what changed between two profiles: first the data per server (IPs, SPF include, domains added or"
                    + " removed), then the targets that refuse a profile, with why (not compared), then a unified diff of each"
                    + " generated file that changed. Exit 0: no difference, 1: differences, 7: some targets refuse a profile.",
            "Example: whitelist-gen diff --from 1 --to 2 --target postfix --server dach"})
final class DiffCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--from", paramLabel = "VERSION|FILE", required = true, description = "The older profile: a version or a profile file.")
    String from;

    @Option(names = "--to", paramLabel = "VERSION|FILE", description = "The newer profile (default: the current version).")
    String to;

    @Option(names = {"-t", "--target"}, paramLabel = "TARGET", split = ",",
            description = "Target whose outputs to compare (repeatable or comma-separated; default: every target, those needing --domain only with --domain).")
    List<String> targets = new ArrayList<>();

    @Mixin
    ServerOptions serverOptions;

    @Option(names = "--json", description = "Print the result as JSON (for scripts and monitoring).")
    boolean json;

    @Mixin
    CustomerOptions customer;

    @Mixin
    SourceOptions sources;

    @Override
    public Integer call() {
        AllowlistService service = new AllowlistService(sources.sources());
        DiffRequest request = DiffRequest.of(new DiffRequest.Fields(from, to, targets, serverOptions.choice(), customer.fields(Set.of())),
                service.sources());
        AllowlistService.Diffed diffed = service.diff(request);
        diffed.warnings().forEach(warning -> spec.commandLine().getErr().println("whitelist-gen: warning: " + warning));
        DiffReport report = diffed.report();
        PrintWriter out = spec.commandLine().getOut();
        out.print(json ? report.json() : report.text());
        out.flush();
        return report.someRefused() ? ExitCodes.DIFF_SOME_REFUSED : report.different() ? ExitCodes.DIFFERENT : ExitCodes.OK;
    }
}
