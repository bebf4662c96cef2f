package dev.whitelistgen.cli;

import dev.whitelistgen.UserError;
import dev.whitelistgen.model.Profile;
import dev.whitelistgen.app.TargetCheck;
import dev.whitelistgen.bundle.BundleTexts;
import dev.whitelistgen.profile.ProfileCatalog;
import dev.whitelistgen.render.Target;
import dev.whitelistgen.render.TargetCatalog;
import dev.whitelistgen.render.TemplateRenderer;
import dev.whitelistgen.yaml.InvalidYamlException;
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
            "A target folder (templates/NAME) is checked too: its target.yaml, its bundle texts in every language, and that",
            "it renders for every profile version, server and option it declares, with and without --domain.",
            "Valid files are listed on standard output; exit 3 when any file is invalid or the versions together are not.",
            "Example: whitelist-gen validate profiles/netigate/v2.yaml templates/postfix"})
final class ValidateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "FILE|FOLDER", description = "Profile files and target folders to check.")
    List<Path> files;

    @Mixin
    SourceOptions sources;

    @Override
    public Integer call() {
        ProfileLoader loader = sources.loader();
        PrintWriter out = spec.commandLine().getOut();
        List<String> problems = new ArrayList<>();
        int invalid = 0;
        int targets = (int) files.stream().filter(f -> Files.isRegularFile(f.resolve("target.yaml"))).count();
        List<Path> invalidFiles = new ArrayList<>();
        for (Path file : files) {
            if (Files.isRegularFile(file.resolve("target.yaml"))) {
                if (!checkTarget(file, out, problems)) {
                    invalid++;
                }
                continue;
            }
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
            } catch (InvalidYamlException e) {
                problems.addAll(e.lines());
                invalidFiles.add(file);
                invalid++;
            }
        }
        out.flush();
        // a file can be valid alone and still break the set it joins (a second current version, a supersedes
        // naming no version); every other run would stop on that, so validate says it now
        List<String> together = targets == files.size() ? List.<String>of() : sources.profiles().problems().stream()
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

    /** The folder's target.yaml, texts and every rendering (app.TargetCheck); false when anything is wrong. */
    private boolean checkTarget(Path folder, PrintWriter out, List<String> problems) {
        Target target;
        try {
            target = TargetCatalog.read(folder);
        } catch (InvalidYamlException e) {
            problems.addAll(e.lines());
            return false;
        }
        List<Path> roots = new ArrayList<>(List.of(folder.toAbsolutePath().normalize().getParent()));
        roots.addAll(sources.templateRoots());
        List<Profile> profiles = sources.profiles().all();
        TargetCheck.Outcome outcome = TargetCheck.run(target, profiles, new TemplateRenderer(roots), new BundleTexts(roots));
        if (!outcome.problems().isEmpty()) {
            problems.addAll(outcome.problems());
            return false;
        }
        out.println(folder + ": valid (target " + target.name() + ", " + outcome.rendered() + " renderings: profile versions "
                + String.join(", ", profiles.stream().map(Profile::version).toList()) + ", every server, "
                + (target.flags().isEmpty() ? "no options" : "options " + String.join(", ",
                        target.flags().stream().map(f -> "--" + f.id()).sorted().toList()))
                + (target.requiresDomain() ? ", with --domain" : ", with and without --domain") + ", every language)");
        outcome.refusals().forEach(refusal -> out.println("  refuses, as documented: " + refusal));
        return true;
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
