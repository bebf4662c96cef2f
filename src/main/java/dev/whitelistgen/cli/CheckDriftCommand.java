package dev.whitelistgen.cli;

import dev.whitelistgen.check.DriftCheck;
import dev.whitelistgen.model.Profile;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "drift", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class, sortOptions = false,
        header = "Does Netigate's SPF include still list the profile's IPs?",
        description = {"Compares what the server's SPF include authorises (followed recursively)",
            "with the profile's IPs: missing, extra, equal.",
            "Exit code 0 when they are equal, 1 when they drifted: fit for a schedule.",
            "Example: whitelist-gen check drift --server dach"})
final class CheckDriftCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

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
        return check.print(new DriftCheck(check.resolver()).run(servers.choice().single(chosen), chosen.version()),
                spec.commandLine().getOut());
    }
}
