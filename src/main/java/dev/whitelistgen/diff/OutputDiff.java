package dev.whitelistgen.diff;

import dev.whitelistgen.model.DomainName;
import dev.whitelistgen.model.Profile;
import dev.whitelistgen.model.Server;
import dev.whitelistgen.model.SpfMode;
import dev.whitelistgen.render.Generator;
import dev.whitelistgen.render.RenderedFile;
import dev.whitelistgen.render.Target;
import dev.whitelistgen.spf.SpfRecord;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** How the generated files change between two profiles: what ops rolls out when Netigate's data changes. */
public record OutputDiff(List<FileChange> files) {

    public enum Status { ADDED, REMOVED, CHANGED }

    /** One output file, named TARGET/SERVER/FILE, with its unified diff. */
    public record FileChange(String path, Status status, String diff) { }

    public OutputDiff {
        files = List.copyOf(files);
    }

    public boolean isEmpty() {
        return files.isEmpty();
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

    /** Every output of the targets for the profile's servers (or only {@code serverId}), as TARGET/SERVER/FILE → text. */
    public static Map<String, String> render(Generator generator, List<Target> targets, Profile profile, Optional<String> serverId,
                                             List<DomainName> domains, Map<DomainName, SpfRecord> existingSpf, SpfMode spfMode) {
        Map<String, String> outputs = new LinkedHashMap<>();
        for (Target target : targets) {
            for (Server server : profile.servers()) {
                if (serverId.isPresent() && !serverId.get().equals(server.id())) {
                    continue;
                }
                for (RenderedFile file : generator.generate(List.of(target), profile, List.of(server), domains, existingSpf, spfMode, Set.of())) {
                    outputs.put(target.name() + "/" + server.id() + "/" + file.path(), file.content());
                }
            }
        }
        return outputs;
    }
}
