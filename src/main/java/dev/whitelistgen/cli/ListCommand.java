package dev.whitelistgen.cli;

import dev.whitelistgen.UserError;
import dev.whitelistgen.model.Profile;
import dev.whitelistgen.model.Server;
import dev.whitelistgen.profile.ProfileCatalog;
import dev.whitelistgen.render.Target;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "list", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Lists targets, servers (of a profile version) and profile versions.")
final class ListCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(arity = "0..1", paramLabel = "WHAT", description = "targets, servers or profiles (default: all three).")
    String what;

    @Option(names = {"-p", "--profile"}, paramLabel = "VERSION|FILE", completionCandidates = Candidates.ProfileVersions.class, description = "Profile whose servers to list (default: current).")
    String profile;

    @Mixin
    SourceOptions sources;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        if (what != null && !List.of("targets", "servers", "profiles").contains(what)) {
            throw new UserError(UserError.Kind.USAGE, "list: unknown '" + what + "'; expected targets, servers or profiles");
        }
        ProfileCatalog catalog = null;
        if (what == null || !what.equals("targets")) {
            catalog = sources.profiles();
            catalog.all(); // a problem of the profile versions stops the run before anything is printed
        }
        if (what == null || what.equals("targets")) {
            out.println("Targets:");
            for (Target target : sources.targets().all()) {
                out.printf("  %-12s %s%n", target.name(), target.description());
            }
        }
        if (what == null || what.equals("servers")) {
            Profile chosen = catalog.resolve(profile);
            out.println("Servers (profile " + chosen.version() + "):");
            for (Server server : chosen.servers()) {
                out.printf("  %-8s %-18s aliases: %s; SPF include: %s; networks: %s%n", server.id(), server.name(),
                        String.join(", ", server.aliases()),
                        server.spfInclude().map(Object::toString).orElse("none given"),
                        String.join(" ", server.networks().stream().map(Object::toString).toList()));
            }
        }
        if (what == null || what.equals("profiles")) {
            printProfiles(out, catalog);
        }
        out.flush();
        return ExitCodes.OK;
    }

    /** Every profile version with its status and source; also what the `profiles` command prints. */
    static void printProfiles(PrintWriter out, ProfileCatalog catalog) {
        List<Profile> versions = catalog.all(); // before printing: a catalogue problem leaves standard output empty
        out.println("Profiles:");
        for (Profile p : versions) {
            // a profile inside the jar has no path a user could open; say where it comes from instead
            String where = "jar".equals(p.file().toUri().getScheme()) ? "built-in " + p.file().toString().substring(1) : p.file().toString();
            // neither article is dated: a status resting on inference says so
            boolean inferred = p.inferred().stream().anyMatch(i -> i.field().equals("status"));
            out.printf("  %-4s %-11s %s %s%n", p.version(), p.status().label() + (inferred ? "*" : ""), p.source().citation(), where);
        }
        if (versions.stream().anyMatch(p -> p.inferred().stream().anyMatch(i -> i.field().equals("status")))) {
            out.println("  * the status rests on inference (the order of the articles), not on a date they state; see the profile's 'inferred'");
        }
    }
}
