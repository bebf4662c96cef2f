package dev.whitelistgen.cli;

import dev.whitelistgen.UserError;
import dev.whitelistgen.check.SpfCheck;
import dev.whitelistgen.dns.DnsjavaResolver;
import dev.whitelistgen.model.DomainName;
import dev.whitelistgen.model.Profile;
import dev.whitelistgen.spf.SpfEvaluator;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "spf", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class, sortOptions = false,
        header = "Does the customer domain's SPF record authorise Netigate's IPs?",
        description = {"Evaluates the domain's SPF record (RFC 7208) for every IP of the Netigate server.",
            "Flags more than 10 lookups or 2 void lookups, duplicate records, ptr, +all and syntax errors.",
            "When Netigate is not authorised, prints the merged record to publish.",
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
        DomainName customer;
        try {
            customer = DomainName.parse(domain);
        } catch (IllegalArgumentException e) {
            throw new UserError(UserError.Kind.INVALID_INPUT, "--domain: " + e.getMessage());
        }
        Profile chosen = sources.profiles().resolve(profile);
        DnsjavaResolver dns = check.resolver();
        // RFC 7208 §4.6.4: at least 20 s per evaluation; more when each query may take longer.
        Duration limit = check.timeout().multipliedBy(4).compareTo(Duration.ofSeconds(20)) > 0
                ? check.timeout().multipliedBy(4) : Duration.ofSeconds(20);
        SpfCheck spfCheck = new SpfCheck(dns, new SpfEvaluator(dns, limit, Clock.systemUTC()));
        return check.print(spfCheck.run(customer, servers.choice().single(chosen), chosen.version()),
                spec.commandLine().getOut());
    }
}
