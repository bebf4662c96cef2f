package dev.whitelistgen.diff;

import dev.whitelistgen.model.Profile;
import dev.whitelistgen.output.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The result of `whitelist-gen diff`: the data changes first, then the unified diff of each changed output. */
public record DiffReport(String fromLabel, Profile from, String toLabel, Profile to, ProfileDiff data, OutputDiff outputs) {

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
        return out.toString();
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
