package dev.whitelistgen.render;

import java.util.List;
import java.util.Map;

/**
 * What a target rendered into a bundle knows of the bundle (the model's {@code bundle}), so that its prose names the
 * bundle's own files instead of whitelist-gen commands its reader cannot run (issue 29; templates/_common/parts.ftl).
 * {@code targets}: the targets the bundle holds; {@code behind}: the gateway of bundle --behind, or ""; {@code here} ("{path}" in this package) and {@code ask} (ask the
 * Netigate contact): the bundle's language's phrases for a part it holds and one it lacks.
 */
public record BundleContext(List<String> targets, String behind, String here, String ask) {

    /** Not in a bundle: the model's {@code bundle} is empty and guides name commands. */
    public static final BundleContext NONE = new BundleContext(List.of(), "", "", "");

    public BundleContext {
        targets = List.copyOf(targets);
    }

    Map<String, Object> model() {
        return this == NONE ? Map.of() : Map.of("targets", targets, "behind", behind, "here", here, "ask", ask);
    }
}
