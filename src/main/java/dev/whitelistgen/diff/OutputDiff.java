package dev.whitelistgen.diff;

import dev.whitelistgen.UserError;
import dev.whitelistgen.model.Profile;
import dev.whitelistgen.model.Server;
import dev.whitelistgen.render.Generator;
import dev.whitelistgen.render.RenderedFile;
import dev.whitelistgen.render.Target;
import dev.whitelistgen.render.TargetTexts;
import dev.whitelistgen.request.ChosenProfile;
import dev.whitelistgen.request.Customer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * How the generated files change between two profiles: what ops rolls out when Netigate's data changes. A target
 * that refuses either profile for a server (a documented limit, such as IPv4 only) is listed with its reasons
 * instead of compared; the other targets are compared all the same.
 */
public record OutputDiff(List<FileChange> files, List<Refusal> refused) {

    public enum Status { ADDED, REMOVED, CHANGED }

    /** One output file, named TARGET/SERVER/FILE, with its unified diff. */
    public record FileChange(String path, Status status, String diff) { }

    /** A target that refuses one profile (named by its label: the --from or --to argument) for one server. */
    public record Refusal(String target, String server, String profileLabel, List<String> reasons) {
        public Refusal {
            reasons = List.copyOf(reasons);
        }
    }

    /** One profile's outputs (TARGET/SERVER/FILE → text), and the target/server pairs that refused it. */
    public record Rendered(Map<String, String> outputs, List<Refusal> refused) {
        public Rendered {
            outputs = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(outputs));
            refused = List.copyOf(refused);
        }
    }

    public OutputDiff {
        files = List.copyOf(files);
        refused = List.copyOf(refused);
    }

    public OutputDiff(List<FileChange> files) {
        this(files, List.of());
    }

    /** No file changed and nothing refused. */
    public boolean isEmpty() {
        return files.isEmpty() && refused.isEmpty();
    }

    /**
     * The files of every target/server that rendered for both profiles; one that refused either is left out of the
     * comparison (its files would otherwise show as all removed or all added) and listed as refused.
     */
    public static OutputDiff between(Rendered from, Rendered to, String fromLabel, String toLabel) {
        List<Refusal> refused = new ArrayList<>(from.refused());
        refused.addAll(to.refused());
        Set<String> skipped = new LinkedHashSet<>();
        refused.forEach(r -> skipped.add(r.target() + "/" + r.server() + "/"));
        return new OutputDiff(between(withoutPrefixes(from.outputs(), skipped), withoutPrefixes(to.outputs(), skipped),
                fromLabel, toLabel).files(), refused);
    }

    private static Map<String, String> withoutPrefixes(Map<String, String> outputs, Set<String> prefixes) {
        Map<String, String> kept = new LinkedHashMap<>();
        outputs.forEach((path, text) -> {
            if (prefixes.stream().noneMatch(path::startsWith)) {
                kept.put(path, text);
            }
        });
        return kept;
    }

    /** Outputs in the newer profile's order, then those only the older one had; labels head the diffs (--- FROM/path). */
    public static OutputDiff between(Map<String, String> from, Map<String, String> to, String fromLabel, String toLabel) {
        Set<String> paths = new LinkedHashSet<>(to.keySet());
        paths.addAll(from.keySet());
        List<FileChange> changes = new ArrayList<>();
        for (String path : paths) {
            String before = from.get(path);
            String after = to.get(path);
            if (before != null && before.equals(after)) {
                continue;
            }
            Status status = before == null ? Status.ADDED : after == null ? Status.REMOVED : Status.CHANGED;
            String diff = UnifiedDiff.of(before == null ? "/dev/null" : fromLabel + "/" + path,
                    after == null ? "/dev/null" : toLabel + "/" + path,
                    before == null ? "" : before, after == null ? "" : after);
            changes.add(new FileChange(path, status, diff));
        }
        return new OutputDiff(changes);
    }

    /**
     * Every output of the targets for the profile's servers (or only {@code serverId}), as TARGET/SERVER/FILE → text.
     * A target that refuses the profile for a server (exit 4 when generating) is recorded under {@code profileLabel}.
     * Each file's Reproduce line names the profile by its version, so a file and its copy compare equal.
     * {@code earlier}: the versions a profile supersedes, as generating knows them, so each side is what generating
     * that version writes (outputs that take earlier versions' entries away name them).
     */
    public record Sides(Generator generator, List<Target> targets, Optional<String> serverId, Customer customer,
                        java.util.function.Function<Profile, List<Profile>> earlier) {

        public Sides(Generator generator, List<Target> targets, Optional<String> serverId, Customer customer) {
            this(generator, targets, serverId, customer, p -> List.of());
        }

        public Rendered render(Profile profile, String profileLabel) {
            Map<String, String> outputs = new LinkedHashMap<>();
            List<Refusal> refused = new ArrayList<>();
            for (Target target : targets) {
                for (Server server : profile.servers()) {
                    if (serverId.isPresent() && !serverId.get().equals(server.id())) {
                        continue;
                    }
                    try {
                        for (RenderedFile file : generator.generate(List.of(target), ChosenProfile.byVersion(profile).withEarlier(earlier.apply(profile)), List.of(server),
                                customer, TargetTexts.DEFAULT_LANGUAGE)) {
                            outputs.put(target.name() + "/" + server.id() + "/" + file.path(), file.content());
                        }
                    } catch (UserError e) {
                        if (e.kind() != UserError.Kind.REFUSED) {
                            throw e;
                        }
                        refused.add(new Refusal(target.name(), server.id(), profileLabel, e.lines()));
                    }
                }
            }
            return new Rendered(outputs, refused);
        }
    }
}
