package dev.whitelistgen.cli;

import dev.whitelistgen.bundle.Bundle;
import dev.whitelistgen.bundle.BundleTexts;
import dev.whitelistgen.bundle.DeterministicZip;
import dev.whitelistgen.model.DomainName;
import dev.whitelistgen.model.Profile;
import dev.whitelistgen.profile.ProfileCatalog;
import dev.whitelistgen.output.OutputWriter;
import dev.whitelistgen.render.RenderedFile;
import dev.whitelistgen.render.Target;
import dev.whitelistgen.render.TargetSelection;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
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
            "Example: whitelist-gen bundle --server dach --lang de --domain customer.example --output ticket.zip"})
final class BundleCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ServerOptions serverOptions;

    @Option(names = {"-t", "--target"}, paramLabel = "TARGET", split = ",",
            description = "Target to include (repeatable or comma-separated; default: every target, those needing --domain only with --domain).")
    List<String> targets = new ArrayList<>();

    @Option(names = "--lang", paramLabel = "LANG", defaultValue = "en",
            description = "Language of the README: en, sv or de (default: ${DEFAULT-VALUE}).")
    String language;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", required = true,
            description = "The zip to write (replaced atomically; nothing is written on any error).")
    Path output;

    @Option(names = {"-p", "--profile"}, paramLabel = "VERSION|FILE",
            description = "Profile version or file (default: the current version).")
    String profile;

    @Mixin
    CustomerOptions customer;

    @Mixin
    SourceOptions sources;

    @Override
    public Integer call() {
        ProfileCatalog catalog = sources.profiles();
        Profile chosen = catalog.resolve(profile);
        List<DomainName> domains = customer.customerDomains(chosen);
        TargetSelection plan = TargetSelection.of(sources.targets(), targets, !domains.isEmpty());
        String profileArgument = SourceOptions.profileArgument(profile, chosen);
        Bundle.Request request = new Bundle.Request(plan, chosen, serverOptions.single(chosen), domains,
                customer.existingRecords(domains), customer.spfMode(), language.toLowerCase(Locale.ROOT), profileArgument);
        List<RenderedFile> files = new Bundle(sources.renderer(), new BundleTexts(sources.templateRoots()))
                .withHistory(catalog::earlierThan).files(request);
        Path written = OutputWriter.writeFile(output, DeterministicZip.of(files), "--output");
        for (Target skipped : plan.skipped()) {
            spec.commandLine().getErr().println("left out " + skipped.name() + ": it needs --domain (the README says so)");
        }
        spec.commandLine().getErr().println("wrote " + written + " (" + (files.size() - 2) + " files, README in "
                + request.language() + ")");
        return ExitCodes.OK;
    }
}
