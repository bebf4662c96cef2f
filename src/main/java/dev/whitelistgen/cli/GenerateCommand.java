package dev.whitelistgen.cli;

import dev.whitelistgen.UserError;
import dev.whitelistgen.model.DomainName;
import dev.whitelistgen.model.Profile;
import dev.whitelistgen.model.Server;
import dev.whitelistgen.output.OutputWriter;
import dev.whitelistgen.render.Generator;
import dev.whitelistgen.render.Progress;
import dev.whitelistgen.render.RenderedFile;
import dev.whitelistgen.render.Target;
import dev.whitelistgen.render.TargetCatalog;
import dev.whitelistgen.spf.SpfRecord;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
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

    @Option(names = {"-t", "--target"}, paramLabel = "TARGET",
            description = "Mail system to write for (see 'list targets'), or 'all'.")
    String target;

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

    @Mixin
    SourceOptions sources;

    @Override
    public Integer call() {
        if (target == null) {
            throw new UserError(UserError.Kind.USAGE, "--target is required (or a command: list, profiles, bundle, diff, validate); try --help");
        }
        TargetCatalog catalog = sources.targets();
        List<Target> targets = target.equalsIgnoreCase("all") ? catalog.all() : List.of(catalog.get(target.toLowerCase(Locale.ROOT)));
        Profile chosen = sources.profiles().resolve(profile);
        List<Server> servers = serverOptions.servers(chosen);
        List<DomainName> customerDomains = customer.customerDomains(chosen);
        Map<DomainName, SpfRecord> existing = customer.existingRecords(customerDomains);
        Set<String> flags = new LinkedHashSet<>();
        if (ipAllowList) {
            flags.add("ip-allow-list");
        }
        Progress progress = TerminalProgress.forStandardError(spec.commandLine().getErr());
        List<RenderedFile> files;
        try {
            files = new Generator(sources.renderer(), progress)
                    .generate(targets, chosen, servers, customerDomains, existing, customer.spfMode(), flags);
        } finally {
            TerminalProgress.finish(progress);
        }
        if (output == null) {
            OutputWriter.print(spec.commandLine().getOut(), files);
        } else {
            List<Path> written = OutputWriter.write(output, files);
            written.forEach(path -> spec.commandLine().getErr().println("wrote " + path));
        }
        return ExitCodes.OK;
    }
}
