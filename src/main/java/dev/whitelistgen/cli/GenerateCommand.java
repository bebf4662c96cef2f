package dev.whitelistgen.cli;

import dev.whitelistgen.UserError;
import dev.whitelistgen.app.AllowlistService;
import dev.whitelistgen.app.GenerateRequest;
import dev.whitelistgen.model.Flag;
import dev.whitelistgen.output.OutputWriter;
import dev.whitelistgen.render.Progress;
import dev.whitelistgen.render.RenderSink;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
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
            "3:invalid profile, input value or --templates-dir target (file:line: what is wrong)",
            "4:refused: the target cannot express the request safely",
            "5:cannot read or write a file",
            "6:network error",
            "7:diff: some targets refuse a profile (listed; the rest is compared)",
            "8:serve: the port is in use",
            "70:internal error (a bug)",
            "130:stopped by Ctrl-C (SIGINT)",
            "143:stopped by SIGTERM"})
public class GenerateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = {"-t", "--target"}, paramLabel = "TARGET", split = ",", completionCandidates = Candidates.Targets.class,
            description = "Mail system to write for: ${COMPLETION-CANDIDATES} (see 'list targets'; repeatable or"
                    + " comma-separated; all: those needing --domain only with --domain).")
    List<String> targets = new ArrayList<>();

    @Mixin
    ServerOptions serverOptions;

    @Option(names = {"-p", "--profile"}, paramLabel = "VERSION|FILE", completionCandidates = Candidates.ProfileVersions.class,
            description = "Profile version (${COMPLETION-CANDIDATES}) or file (default: the current version).")
    String profile;

    @Option(names = {"-o", "--output"}, paramLabel = "DIR",
            description = "Write the files into DIR (created if missing) instead of printing them.")
    Path output;

    @Mixin
    CustomerOptions customer;

    @Option(names = "--ip-allow-list",
            description = "Also add the IPs to the platform's connection IP Allow List (targets that offer it; weakens filtering more).")
    boolean ipAllowList;

    @Option(names = "--dkim-signed",
            description = "The customer's Netigate account signs surveys with DKIM for the --domain values (d= that domain): "
                    + "targets that can check DKIM tie those domains to the signature instead of Netigate's shared IPs.")
    boolean dkimSigned;

    @Mixin
    BehindOption behind;

    @Mixin
    SourceOptions sources;

    @Override
    public Integer call() {
        if (targets.isEmpty()) {
            throw new UserError(UserError.Kind.USAGE, "--target is required (or a command: " + String.join(", ",
                    Arrays.stream(WhitelistGenCommand.class.getAnnotation(Command.class).subcommands())
                            .map(type -> type.getAnnotation(Command.class).name()).toList()) + "); try --help");
        }
        Set<Flag> flags = EnumSet.noneOf(Flag.class);
        if (ipAllowList) {
            flags.add(Flag.IP_ALLOW_LIST);
        }
        if (dkimSigned) {
            flags.add(Flag.DKIM_SIGNED);
        }
        behind.addTo(flags);
        AllowlistService service = new AllowlistService(sources.sources());
        GenerateRequest request = GenerateRequest.of(new GenerateRequest.Fields(profile, targets, serverOptions.choice(),
                customer.fields(flags, behind.gateway)), service.sources());
        PrintWriter err = spec.commandLine().getErr();
        AllowlistService.Prepared prepared = service.prepare(request);
        prepared.warnings().forEach(warning -> err.println("whitelist-gen: warning: " + warning));
        prepared.leftOut().forEach(left -> err.println("left out " + left.target() + ": " + left.why()));
        // rendered straight into the output (staged files, or held text for standard output), never held whole
        Progress progress = TerminalProgress.forStandardError(err);
        Consumer<RenderSink> render = sink -> {
            try {
                service.render(prepared, progress, sink);
            } finally {
                TerminalProgress.finish(progress); // the line is cleared before the run's own output
            }
        };
        if (output == null) {
            OutputWriter.print(spec.commandLine().getOut(), render);
        } else {
            report(OutputWriter.write(output, render), err);
        }
        return ExitCodes.OK;
    }

    /** Each file as wrote (new), replaced (its bytes changed: a hand edit is gone) or unchanged; then what else is there. */
    private void report(OutputWriter.Result result, PrintWriter err) {
        result.written().forEach(file -> err.println(file.outcome().label() + " " + file.path()));
        List<Path> leftovers = result.leftovers();
        if (!leftovers.isEmpty()) {
            Path root = output.toAbsolutePath().normalize();
            int shown = Math.min(leftovers.size(), 5);
            err.println("whitelist-gen: warning: " + output + " also holds " + leftovers.size() + " file" + (leftovers.size() == 1 ? "" : "s")
                    + " this run did not write (another target's, or an older version's?): "
                    + String.join(", ", leftovers.subList(0, shown).stream().map(p -> root.relativize(p).toString()).toList())
                    + (leftovers.size() > shown ? ", …" : "") + "; remove what is not needed");
        }
    }
}
