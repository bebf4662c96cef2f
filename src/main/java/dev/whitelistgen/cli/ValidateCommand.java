package dev.whitelistgen.cli;

import dev.whitelistgen.UserError;
import dev.whitelistgen.model.Profile;
import dev.whitelistgen.profile.InvalidProfileException;
import dev.whitelistgen.profile.ProfileLoader;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "validate", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {
            "Checks profile files and reports every problem in each (file:line: field: what is wrong), not only the first.",
            "Valid files are listed on standard output; exit 3 when any file is invalid."})
final class ValidateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Profile files to check.")
    List<Path> files;

    @Mixin
    SourceOptions sources;

    @Override
    public Integer call() {
        ProfileLoader loader = sources.loader();
        PrintWriter out = spec.commandLine().getOut();
        List<String> problems = new ArrayList<>();
        int invalid = 0;
        for (Path file : files) {
            try {
                Profile profile = loader.load(file);
                out.println(file + ": valid (version " + profile.version() + ", " + profile.status().label() + ", "
                        + profile.servers().size() + " servers)");
            } catch (InvalidProfileException e) {
                problems.addAll(e.lines());
                invalid++;
            }
        }
        out.flush();
        if (invalid > 0) {
            problems.add(invalid + " of " + files.size() + (files.size() == 1 ? " file" : " files") + " invalid, " + problems.size()
                    + (problems.size() == 1 ? " problem" : " problems"));
            throw new UserError(UserError.Kind.INVALID_INPUT, problems);
        }
        return ExitCodes.OK;
    }
}
