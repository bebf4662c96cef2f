package dev.whitelistgen.cli;

import dev.whitelistgen.UserError;
import dev.whitelistgen.model.Profile;
import dev.whitelistgen.profile.InvalidProfileException;
import dev.whitelistgen.profile.ProfileCatalog;
import dev.whitelistgen.profile.ProfileLoader;
import java.io.PrintWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
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
            "Then checks the profile versions together (--profiles-dir and the built-in ones): exactly one current,",
            "no version twice in one folder, every supersedes naming a version.",
            "Valid files are listed on standard output; exit 3 when any file is invalid or the versions together are not."})
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
        List<Path> invalidFiles = new ArrayList<>();
        for (Path file : files) {
            String notAFile = ProfileCatalog.notAProfileFile(file);
            if (notAFile != null) {
                problems.add(file + ": " + notAFile);
                invalidFiles.add(file);
                invalid++;
                continue;
            }
            try {
                Profile profile = loader.load(file);
                out.println(file + ": valid (version " + profile.version() + ", " + profile.status().label() + ", "
                        + profile.servers().size() + " servers)");
            } catch (InvalidProfileException e) {
                problems.addAll(e.lines());
                invalidFiles.add(file);
                invalid++;
            }
        }
        out.flush();
        // a file can be valid alone and still break the set it joins (a second current version, a supersedes
        // naming no version); every other run would stop on that, so validate says it now
        List<String> together = sources.profiles().problems().stream()
                .filter(line -> !problems.contains(line) && !aboutOneOf(line, invalidFiles)).toList();
        if (invalid > 0) {
            problems.add(invalid + " of " + files.size() + (files.size() == 1 ? " file" : " files") + " invalid, " + problems.size()
                    + (problems.size() == 1 ? " problem" : " problems"));
        }
        if (!together.isEmpty()) {
            problems.addAll(together);
            problems.add("the profile versions together: " + together.size() + (together.size() == 1 ? " problem" : " problems"));
        }
        if (!problems.isEmpty()) {
            throw new UserError(UserError.Kind.INVALID_INPUT, problems);
        }
        return ExitCodes.OK;
    }

    /** A line about a file reported above, which the catalogue may name by another path (./profiles/… for profiles/…). */
    private static boolean aboutOneOf(String line, List<Path> files) {
        int colon = line.indexOf(':');
        if (colon <= 0) {
            return false;
        }
        for (Path file : files) {
            try {
                if (Files.isSameFile(Path.of(line.substring(0, colon)), file)) {
                    return true;
                }
            } catch (IOException | InvalidPathException e) {
                // not a path, or a file that is gone: not the same file
            }
        }
        return false;
    }
}
