package dev.whitelistgen.cli;

import dev.whitelistgen.UserError;
import dev.whitelistgen.app.AllowlistService;
import dev.whitelistgen.app.BundleRequest;
import dev.whitelistgen.model.Flag;
import dev.whitelistgen.output.OutputWriter;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;


@Command(name = "bundle", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class, sortOptions = false,
        description = {
            "Writes one zip for a support ticket: every chosen target's files for one server, a README in the customer's"
                    + " language (what each file is, how to apply and undo it, which scenario it solves) and SHA256SUMS.",
            "Example: whitelist-gen bundle --server dach --lang de --domain customer.example --output ticket.zip",
            "A customer behind a filtering gateway: --behind GATEWAY; by default the bundle then holds the gateway's part,"
                    + " Microsoft 365's and Google Workspace's (and bind with --domain), and its README says to apply the"
                    + " gateway's first."})
final class BundleCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ServerOptions serverOptions;

    @Option(names = {"-t", "--target"}, paramLabel = "TARGET", split = ",", completionCandidates = Candidates.Targets.class,
            description = "Target to include: ${COMPLETION-CANDIDATES} (repeatable or comma-separated; default: every target,"
                    + " those needing --domain only with --domain).")
    List<String> targets = new ArrayList<>();

    @Option(names = "--lang", paramLabel = "LANG", defaultValue = "en", completionCandidates = Candidates.Languages.class,
            description = "Language of the README: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    String language;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", required = true,
            description = "The zip to write (replaced atomically, through a symbolic link to a file; nothing is written on"
                    + " any error), or - for standard output.")
    Path output;

    @Option(names = {"-p", "--profile"}, paramLabel = "VERSION|FILE", completionCandidates = Candidates.ProfileVersions.class,
            description = "Profile version (${COMPLETION-CANDIDATES}) or file (default: the current version).")
    String profile;

    @Mixin
    CustomerOptions customer;

    @Mixin
    BehindOption behind;

    @Mixin
    SourceOptions sources;

    @Override
    public Integer call() {
        AllowlistService service = new AllowlistService(sources.sources());
        Set<Flag> flags = EnumSet.noneOf(Flag.class);
        behind.addTo(flags);
        BundleRequest request = BundleRequest.of(new BundleRequest.Fields(profile, targets, serverOptions.choice(),
                customer.fields(flags, behind.gateway), language), service.sources());
        boolean toStandardOutput = output.toString().equals("-");
        if (toStandardOutput && System.console() != null) {
            throw new UserError(UserError.Kind.USAGE, "--output: - writes the zip to standard output, which is a terminal;"
                    + " redirect it (> ticket.zip) or give a file name");
        }
        AllowlistService.Bundled bundled = service.bundle(request);
        String written;
        if (toStandardOutput) {
            // the CLI's standard output is a CheckedPrintWriter over the file descriptor (WhitelistGen.main)
            ((CheckedPrintWriter) spec.commandLine().getOut()).writeBytes(bundled.zip());
            written = "the zip to standard output";
        } else {
            written = OutputWriter.writeFile(output, bundled.zip(), "--output").toString();
        }
        PrintWriter err = spec.commandLine().getErr();
        bundled.warnings().forEach(warning -> err.println("whitelist-gen: warning: " + warning));
        bundled.leftOut().forEach(left -> err.println("left out " + left.target() + ": " + left.why() + " (the README says so)"));
        err.println("wrote " + written + " (" + (bundled.files().size() - 2) + " files, README in " + request.language() + ")");
        return ExitCodes.OK;
    }
}
