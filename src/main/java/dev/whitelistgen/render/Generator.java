package dev.whitelistgen.render;

import dev.whitelistgen.UserError;
import dev.whitelistgen.model.DomainName;
import dev.whitelistgen.model.Profile;
import dev.whitelistgen.model.Server;
import dev.whitelistgen.model.SpfMode;
import dev.whitelistgen.spf.SpfRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Renders targets for servers. With several targets or servers each gets its own folder,
 * {@code <target>/<server>/file}, so one call can write everything without name clashes.
 */
public final class Generator {

    private final TemplateRenderer renderer;
    private final Progress progress;
    private final Function<Profile, String> profileArgument;
    private final Function<Profile, List<Profile>> earlierVersions;

    public Generator(TemplateRenderer renderer) {
        this(renderer, Progress.NONE, Profile::version);
    }

    /** {@code profileArgument}: how the "Reproduce:" line names a profile (a file as the user gave it, or its version). */
    public Generator(TemplateRenderer renderer, Progress progress, Function<Profile, String> profileArgument) {
        this(renderer, progress, profileArgument, p -> List.of());
    }

    private Generator(TemplateRenderer renderer, Progress progress, Function<Profile, String> profileArgument,
                      Function<Profile, List<Profile>> earlierVersions) {
        this.renderer = renderer;
        this.progress = progress;
        this.profileArgument = profileArgument;
        this.earlierVersions = earlierVersions;
    }

    /**
     * The same generator, told which versions a profile supersedes ({@code ProfileCatalog::earlierThan}), so that
     * outputs can name the entries of earlier versions to take away (issue 23: applying the current output
     * converges to a fresh install). Without it, outputs know of no earlier version.
     */
    public Generator withHistory(Function<Profile, List<Profile>> earlierVersions) {
        return new Generator(renderer, progress, profileArgument, earlierVersions);
    }

    public List<RenderedFile> generate(List<Target> targets, Profile profile, List<Server> servers,
                                       List<DomainName> domains, Map<DomainName, SpfRecord> existingSpf,
                                       SpfMode spfMode, Set<String> flags) {
        return generate(targets, profile, servers, domains, existingSpf, spfMode, flags, TargetTexts.DEFAULT_LANGUAGE);
    }

    /** As above, with the targets' prose in {@code language} (a bundle's --lang) where a target renders any. */
    public List<RenderedFile> generate(List<Target> targets, Profile profile, List<Server> servers,
                                       List<DomainName> domains, Map<DomainName, SpfRecord> existingSpf,
                                       SpfMode spfMode, Set<String> flags, String language) {
        for (Target target : targets) {
            if (target.requiresDomain() && domains.isEmpty()) {
                throw new UserError(UserError.Kind.USAGE, "--domain: target " + target.name()
                        + " writes records for the customer's domains; give at least one --domain");
            }
            for (String flag : flags) {
                if (!target.flags().contains(flag) && targets.size() == 1) {
                    throw new UserError(UserError.Kind.USAGE, "--" + flag + ": target " + target.name() + " has no such option"
                            + (target.flags().isEmpty() ? "" : " (it takes: --" + String.join(", --", target.flags().stream().sorted().toList()) + ")"));
                }
            }
        }
        checkLimits(targets, servers, domains, flags);
        List<RenderedFile> files = new ArrayList<>();
        List<Profile> earlier = earlierVersions.apply(profile);
        int done = 0;
        for (Target target : targets) {
            for (Server server : servers) {
                Set<String> targetFlags = flags.stream().filter(target.flags()::contains).collect(java.util.stream.Collectors.toSet());
                RenderRequest request = RenderRequest.of(target, profile, server, domains, existingSpf, spfMode, targetFlags,
                        language, profileArgument.apply(profile), earlier);
                String prefix = (targets.size() > 1 ? target.name() + "/" : "") + (servers.size() > 1 ? server.id() + "/" : "");
                for (RenderedFile file : renderer.render(target, RenderModel.of(request))) {
                    files.add(new RenderedFile(prefix + file.path(), file.content()));
                }
                progress.rendered(++done, targets.size() * servers.size(), target.name() + "/" + server.id());
            }
        }
        return files;
    }

    /** Every documented limit the request breaks, all reported at once, before anything is rendered. */
    private static void checkLimits(List<Target> targets, List<Server> servers, List<DomainName> domains, Set<String> flags) {
        List<String> problems = new ArrayList<>();
        for (Target target : targets) {
            for (TargetLimit limit : target.limits()) {
                if (!limit.applies(flags, domains)) {
                    continue;
                }
                for (Server server : servers) {
                    limit.problems(server, domains).forEach(p -> problems.add("target " + target.name() + ": " + p));
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new UserError(UserError.Kind.REFUSED, problems);
        }
    }
}
