package dev.whitelistgen.cli;

import dev.whitelistgen.app.MxLookup;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "mx", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class, sortOptions = false,
        header = "Which mail system receives the customer's mail, and which targets to generate?",
        description = {"Resolves the domain's MX records and names the system each MX host belongs to (Microsoft 365,",
            "Google Workspace, or a filtering gateway such as Cisco, Hornetsecurity, Mimecast, Proofpoint, Barracuda",
            "or Sophos) from the host names each vendor gives its customers, and says which targets to generate.",
            "Example: whitelist-gen check mx --domain customer.example"})
final class CheckMxCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = {"-d", "--domain"}, paramLabel = "DOMAIN", required = true, description = "The customer's domain.")
    String domain;

    @Mixin
    CheckOptions check;

    @Override
    public Integer call() {
        return check.print(MxLookup.run(domain, check.resolver()), spec.commandLine().getOut());
    }
}
