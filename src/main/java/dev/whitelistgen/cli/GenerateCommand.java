package dev.whitelistgen.cli;

import dev.whitelistgen.UserError;
import dev.whitelistgen.model.DomainName;
import dev.whitelistgen.model.Profile;
import dev.whitelistgen.profile.ProfileCatalog;
import dev.whitelistgen.model.Server;
import dev.whitelistgen.output.OutputWriter;
import dev.whitelistgen.render.Generator;
import dev.whitelistgen.render.Progress;
import dev.whitelistgen.render.RenderedFile;
import dev.whitelistgen.render.Target;
import dev.whitelistgen.render.TargetSelection;
import dev.whitelistgen.spf.SpfRecord;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** The root command, which generates; {@link WhitelistGenCommand} adds the subcommands. */
@Command(name = "whitelist-gen",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        sortOptions = false,
        usageHelpAutoWidth = true,
        description = {
            "Writes ready-to-apply allowlist configuration that lets Netigate's survey mail into a mail system.",
            "Example: whitelist-gen --target postfix --server dach"},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:success",
            "1:a check or diff found a difference",
            "2:usage error (unknown target/server, missing or bad flag)",
            "3:invalid profile or input value",
            "4:refused: the target cannot express the request safely",
            "5:cannot read or write a file",
            "6:network error",
            "7:diff: some targets refuse a profile (listed; the rest is compared)",
            "70:internal error (a bug)"})
public class GenerateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = {"-t", "--target"}, paramLabel = "TARGET", split = ",",
            description = "Mail system to write for (see 'list targets'; repeatable or comma-separated), or 'all'"
                    + " (those needing --domain only with --domain).")
    List<String> targets = new ArrayList<>();

    @Mixin
    ServerOptions serverOptions;

    @Option(names = {"-p", "--profile"}, paramLabel = "VERSION|FILE",
            description = "Profile version or file (default: the current version).")
    String profile;

    @Option(names = {"-o", "--output"}, paramLabel = "DIR",
            description = "Write the files into DIR (created if missing) instead of printing them.")
    Path output;

    @Mixin
    CustomerOptions customer;

    @Option(names = "--ip-allow-list",
            description = "Also add the IPs to the platform's connection IP Allow List (targets that offer it; weakens filtering more).")
    boolean ipAllowList;

    @Option(names = "--dkim-signed",
            description = "The customer's Netigate account signs surveys with DKIM for the --domain values (d= that domain): "
                    + "targets that can check DKIM tie those domains to the signature instead of Netigate's shared IPs.")
    boolean dkimSigned;

    @Mixin
    SourceOptions sources;

    @Override
    public Integer call() {
        if (targets.isEmpty()) {
            throw new UserError(UserError.Kind.USAGE, "--target is required (or a command: " + String.join(", ",
                    Arrays.stream(WhitelistGenCommand.class.getAnnotation(Command.class).subcommands())
                            .map(type -> type.getAnnotation(Command.class).name()).toList()) + "); try --help");
        }
        ProfileCatalog catalog = sources.profiles();
        Profile chosen = catalog.resolve(profile);
        List<Server> servers = serverOptions.servers(chosen);
        List<DomainName> customerDomains = customer.customerDomains(chosen);
        TargetSelection selection = TargetSelection.of(sources.targets(), targets, !customerDomains.isEmpty());
        Map<DomainName, SpfRecord> existing = customer.existingRecords(customerDomains);
        if (selection.included().stream().anyMatch(Target::spfRecords)) {
            customer.refuseMergedRecordsOverTreeLimits(chosen, servers, customerDomains, existing);
        }
        Set<String> flags = new LinkedHashSet<>();
        if (ipAllowList) {
            flags.add("ip-allow-list");
        }
        if (dkimSigned) {
            if (customerDomains.isEmpty()) {
                throw new UserError(UserError.Kind.USAGE, "--dkim-signed: says the customer's --domain values are DKIM-signed; give at least one --domain");
            }
            flags.add("dkim-signed");
        }
        String profileArgument = SourceOptions.profileArgument(profile, chosen);
        Progress progress = TerminalProgress.forStandardError(spec.commandLine().getErr());
        List<RenderedFile> files;
        try {
            files = new Generator(sources.renderer(), progress, p -> profileArgument).withHistory(catalog::earlierThan)
                    .generate(selection.included(), chosen, servers, customerDomains, existing, customer.spfMode(), flags);
        } finally {
            TerminalProgress.finish(progress);
        }
        for (Target skipped : selection.skipped()) {
            spec.commandLine().getErr().println("left out " + skipped.name() + ": it needs --domain");
        }
        if (output == null) {
            OutputWriter.print(spec.commandLine().getOut(), files);
        } else {
            report(OutputWriter.write(output, files), spec.commandLine().getErr());
        }
        return ExitCodes.OK;
    }

    /** Each file as wrote (new), replaced (its bytes changed: a hand edit is gone) or unchanged; then what else is there. */
    private void report(OutputWriter.Result result, PrintWriter err) {
        result.written().forEach(file -> err.println(file.outcome().label() + " " + file.path()));
        List<Path> leftovers = result.leftovers();
        if (!leftovers.isEmpty()) {
            Path root = output.toAbsolutePath().normalize();
            int shown = Math.min(leftovers.size(), 5);
            err.println("whitelist-gen: warning: " + output + " also holds " + leftovers.size() + " file" + (leftovers.size() == 1 ? "" : "s")
                    + " this run did not write (another target's, or an older version's?): "
                    + String.join(", ", leftovers.subList(0, shown).stream().map(p -> root.relativize(p).toString()).toList())
                    + (leftovers.size() > shown ? ", …" : "") + "; remove what is not needed");
        }
    }
}
