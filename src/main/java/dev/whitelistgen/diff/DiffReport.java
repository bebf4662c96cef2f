package dev.whitelistgen.diff;

import dev.whitelistgen.model.Profile;
import dev.whitelistgen.output.Json;
import dev.whitelistgen.render.Target;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The result of `whitelist-gen diff`: the data changes first, then the unified diff of each changed output. */
public record DiffReport(String fromLabel, Profile from, String toLabel, Profile to, ProfileDiff data, OutputDiff outputs,
                         List<Target> targets) {

    /** The data fields that outputs allow something by. */
    private static final java.util.Set<String> ALLOWED = java.util.Set.of("spf_include", "networks", "mail_domains",
            "sender_addresses", "web_domains");

    public DiffReport {
        targets = List.copyOf(targets);
    }

    public boolean different() {
        return !data.isEmpty() || !outputs.files().isEmpty();
    }

    /** Some target refuses one of the profiles for some server: its outputs were not compared. */
    public boolean someRefused() {
        return !outputs.refused().isEmpty();
    }

    /** Nothing when there is no difference and nothing refused, as diff(1) prints nothing. */
    public String text() {
        if (!different() && !someRefused()) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        out.append("== data: profile ").append(describe(fromLabel, from)).append(" -> ").append(describe(toLabel, to)).append('\n');
        if (data.isEmpty()) {
            out.append("no change in the servers' data\n");
        }
        for (ProfileDiff.ServerChange server : data.servers()) {
            out.append("server ").append(server.id()).append(": ").append(label(server.status())).append('\n');
            for (ProfileDiff.FieldChange field : server.changes()) {
                field.removed().forEach(v -> out.append("  - ").append(field.field()).append(": ").append(v).append('\n'));
                field.added().forEach(v -> out.append("  + ").append(field.field()).append(": ").append(v).append('\n'));
            }
        }
        if (someRefused()) {
            // before the outputs: a refused target's files are missing from them, and this says why
            int count = outputs.refused().size();
            out.append("== refused: ").append(count).append(count == 1 ? " target/server refuses" : " target/server pairs refuse")
                    .append(" a profile; not compared\n");
            for (OutputDiff.Refusal refusal : outputs.refused()) {
                Profile profile = refusal.profileLabel().equals(fromLabel) ? from : to;
                out.append(refusal.target()).append('/').append(refusal.server()).append(": refuses profile ")
                        .append(describe(refusal.profileLabel(), profile)).append('\n');
                refusal.reasons().forEach(reason -> out.append("  ").append(reason).append('\n'));
            }
        }
        out.append("== outputs:");
        for (OutputDiff.Status status : OutputDiff.Status.values()) {
            out.append(' ').append(outputs.files().stream().filter(f -> f.status() == status).count()).append(' ').append(label(status));
            out.append(status.ordinal() + 1 < OutputDiff.Status.values().length ? "," : "\n");
        }
        outputs.files().forEach(file -> out.append(file.diff()));
        upgrade(out);
        return out.toString();
    }

    /**
     * Issue 23: what applying the newer version's output does, per target compared. Every target converges (the
     * newer output leaves exactly what a fresh install of it would), so the data's removals are removed everywhere.
     * After the diffs, where patch(1) ignores it as trailing text.
     */
    private void upgrade(StringBuilder out) {
        List<Target> compared = upgradable();
        if (compared.isEmpty()) {
            return;
        }
        out.append("== upgrade: applying the output of profile ").append(describe(toLabel, to))
                .append(" over that of ").append(describe(fromLabel, from)).append('\n');
        for (ProfileDiff.ServerChange server : data.servers()) {
            List<String> removed = new ArrayList<>();
            List<String> added = new ArrayList<>();
            for (ProfileDiff.FieldChange field : server.changes()) {
                if (!ALLOWED.contains(field.field())) {
                    continue; // names and notes are allowed nowhere
                }
                field.removed().forEach(v -> removed.add(field.field() + " " + v));
                field.added().forEach(v -> added.add(field.field() + " " + v));
            }
            out.append("server ").append(server.id()).append(": removes ").append(removed.isEmpty() ? "nothing" : String.join(", ", removed))
                    .append("; adds ").append(added.isEmpty() ? "nothing" : String.join(", ", added)).append('\n');
        }
        for (Target target : compared) {
            out.append(target.name()).append(": ").append(target.upgrade()).append(refusedFor(target)).append('\n');
        }
    }

    /** Every target compared that says how it upgrades. */
    private List<Target> upgradable() {
        return targets.stream().filter(t -> !t.upgrade().isBlank()).toList();
    }

    /** " (not for dach: it refuses a profile, see above)" where the target refused a profile for some server. */
    private String refusedFor(Target target) {
        List<String> servers = outputs.refused().stream().filter(r -> r.target().equals(target.name()))
                .map(OutputDiff.Refusal::server).distinct().toList();
        return servers.isEmpty() ? "" : " (not for " + String.join(", ", servers) + ": it refuses a profile, see above)";
    }

    public String json() {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("from", side(fromLabel, from));
        root.put("to", side(toLabel, to));
        root.put("different", different());
        List<Object> servers = new ArrayList<>();
        for (ProfileDiff.ServerChange server : data.servers()) {
            List<Object> fields = new ArrayList<>();
            for (ProfileDiff.FieldChange field : server.changes()) {
                Map<String, Object> f = new LinkedHashMap<>();
                f.put("field", field.field());
                f.put("removed", field.removed());
                f.put("added", field.added());
                fields.add(f);
            }
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("id", server.id());
            s.put("status", label(server.status()));
            s.put("changes", fields);
            servers.add(s);
        }
        root.put("servers", servers);
        List<Object> files = new ArrayList<>();
        for (OutputDiff.FileChange file : outputs.files()) {
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("path", file.path());
            f.put("status", label(file.status()));
            f.put("diff", file.diff());
            files.add(f);
        }
        root.put("outputs", files);
        List<Object> refused = new ArrayList<>();
        for (OutputDiff.Refusal refusal : outputs.refused()) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("target", refusal.target());
            r.put("server", refusal.server());
            r.put("profile", refusal.profileLabel());
            r.put("reasons", refusal.reasons());
            refused.add(r);
        }
        root.put("refused", refused);
        List<Object> upgrade = new ArrayList<>();
        for (Target target : upgradable()) {
            Map<String, Object> u = new LinkedHashMap<>();
            u.put("target", target.name());
            u.put("how", target.upgrade());
            upgrade.add(u);
        }
        root.put("upgrade", upgrade);
        return Json.write(root);
    }

    private static Map<String, Object> side(String label, Profile profile) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("argument", label);
        map.put("version", profile.version());
        map.put("status", profile.status().label());
        map.put("source", profile.source().citation());
        return map;
    }

    private static String describe(String label, Profile profile) {
        return label.equals(profile.version()) ? profile.version() + " (" + profile.status().label() + ")"
                : label + " (version " + profile.version() + ")";
    }

    private static String label(Enum<?> status) {
        return status.name().toLowerCase(Locale.ROOT);
    }
}
