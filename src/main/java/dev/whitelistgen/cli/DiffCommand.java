package dev.whitelistgen.cli;

import dev.whitelistgen.diff.DiffReport;
import dev.whitelistgen.diff.OutputDiff;
import dev.whitelistgen.diff.ProfileDiff;
import dev.whitelistgen.model.DomainName;
import dev.whitelistgen.model.Profile;
import dev.whitelistgen.model.SpfMode;
import dev.whitelistgen.profile.ProfileCatalog;
import dev.whitelistgen.render.Generator;
import dev.whitelistgen.render.Target;
import dev.whitelistgen.render.TargetSelection;
import dev.whitelistgen.spf.SpfRecord;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
        ProfileCatalog catalog = sources.profiles();
        Profile before = catalog.resolve(from, "--from");
        Profile after = catalog.resolve(to, "--to");
        String toLabel = to == null ? after.version() : to;
        Optional<String> serverId = serverOptions.idIn(List.of(after, before));
        List<DomainName> domains = customer.customerDomains(before, after);
        Map<DomainName, SpfRecord> existing = customer.existingRecords(domains);
        SpfMode mode = customer.spfMode();
        List<Target> chosen = TargetSelection.of(sources.targets(), targets, !domains.isEmpty()).included();
        Generator generator = new Generator(sources.renderer()).withHistory(catalog::earlierThan);
        OutputDiff outputs = OutputDiff.between(
                OutputDiff.render(generator, chosen, before, from, serverId, domains, existing, mode),
                OutputDiff.render(generator, chosen, after, toLabel, serverId, domains, existing, mode), from, toLabel);
        DiffReport report = new DiffReport(from, before, toLabel, after, ProfileDiff.between(before, after, serverId), outputs);
        PrintWriter out = spec.commandLine().getOut();
        out.print(json ? report.json() : report.text());
        out.flush();
        return report.someRefused() ? ExitCodes.DIFF_SOME_REFUSED : report.different() ? ExitCodes.DIFFERENT : ExitCodes.OK;
    }
}
