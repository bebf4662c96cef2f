package dev.whitelistgen.render;

import dev.whitelistgen.UserError;
import dev.whitelistgen.model.Server;
import dev.whitelistgen.request.ChosenProfile;
import dev.whitelistgen.request.Customer;
import java.util.ArrayList;
import java.util.List;

/**
 * Renders targets for servers. With several targets or servers each gets its own folder,
 * {@code <target>/<server>/file}, so one call can write everything without name clashes. What the customer may ask
 * of which target is checked before (app's requests); what a target's documented limits refuse is checked here.
 */
public final class Generator {

    private final TemplateRenderer renderer;
    private final Progress progress;

    public Generator(TemplateRenderer renderer) {
        this(renderer, Progress.NONE);
    }

    public Generator(TemplateRenderer renderer, Progress progress) {
        this.renderer = renderer;
        this.progress = progress;
    }

    /** {@code language}: of the targets' prose where a target renders any (a bundle's --lang; else English). */
    public List<RenderedFile> generate(List<Target> targets, ChosenProfile profile, List<Server> servers, Customer customer,
                                       String language) {
        return generate(targets, profile, servers, customer, language, BundleContext.NONE);
    }

    /** {@code bundle}: what the bundle these files go into holds, for prose that names its files (issue 29). */
    public List<RenderedFile> generate(List<Target> targets, ChosenProfile profile, List<Server> servers, Customer customer,
                                       String language, BundleContext bundle) {
        RenderedFiles files = new RenderedFiles();
        generate(targets, profile, servers, customer, language, bundle, files);
        return files.files();
    }

    /** As above, each file going into the sink as it renders instead of being held. */
    public void generate(List<Target> targets, ChosenProfile profile, List<Server> servers, Customer customer, String language,
                         BundleContext bundle, RenderSink sink) {
        refuseBrokenLimits(targets, servers, customer);
        int done = 0;
        for (Target target : targets) {
            for (Server server : servers) {
                RenderRequest request = new RenderRequest(target, profile, server, customer, language, bundle);
                String prefix = (targets.size() > 1 ? target.name() + "/" : "") + (servers.size() > 1 ? server.id() + "/" : "");
                renderer.render(target, RenderModel.of(request), path -> sink.open(prefix + path));
                progress.rendered(++done, targets.size() * servers.size(), target.name() + "/" + server.id());
            }
        }
    }

    /** Every documented limit the request breaks, all reported at once, before anything is rendered. */
    private static void refuseBrokenLimits(List<Target> targets, List<Server> servers, Customer customer) {
        List<String> problems = new ArrayList<>();
        for (Target target : targets) {
            Customer asked = customer.offeredBy(target.flags());
            for (TargetLimit limit : target.limits()) {
                if (!limit.applies(asked)) {
                    continue;
                }
                for (Server server : servers) {
                    limit.problems(server, asked.domains()).forEach(p -> problems.add("target " + target.name() + ": " + p));
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new UserError(UserError.Kind.REFUSED, problems);
        }
    }
}
