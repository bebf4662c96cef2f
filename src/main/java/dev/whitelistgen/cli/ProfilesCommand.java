package dev.whitelistgen.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "profiles", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Lists the profile versions with their status and source (the same as 'list profiles').")
final class ProfilesCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    SourceOptions sources;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        ListCommand.printProfiles(out, sources.profiles());
        out.flush();
        return ExitCodes.OK;
    }
}
