package dev.whitelistgen.cli;

import dev.whitelistgen.app.SpfLookup;
import dev.whitelistgen.check.Report;
import dev.whitelistgen.model.Profile;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "spf", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class, sortOptions = false,
        header = "Does the customer domain's SPF record authorise Netigate's IPs?",
        description = {"Evaluates the domain's SPF record (RFC 7208) for every IP of the Netigate server.",
            "Flags more than 10 lookups or 2 void lookups, duplicate records, ptr, +all and syntax errors,",
            "and terms of an earlier Netigate version that the current one no longer has.",
            "When Netigate is not authorised or such a term is left, prints the merged record to publish.",
            "Example: whitelist-gen check spf --domain customer.example --server azure"})
final class CheckSpfCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = {"-d", "--domain"}, paramLabel = "DOMAIN", required = true, description = "The customer's domain.")
    String domain;

    @Mixin
    ServerOptions servers;

    @Option(names = {"-p", "--profile"}, paramLabel = "VERSION|FILE", completionCandidates = Candidates.ProfileVersions.class,
            description = "Profile version (${COMPLETION-CANDIDATES}) or file (default: current).")
    String profile;

    @Mixin
    CheckOptions check;

    @Mixin
    SourceOptions sources;

    @Override
    public Integer call() {
        Profile chosen = sources.profiles().resolve(profile);
        Report report = SpfLookup.run(domain, servers.choice().single(chosen), chosen, check.resolver(), check.timeout());
        return check.print(report, spec.commandLine().getOut());
    }
}
