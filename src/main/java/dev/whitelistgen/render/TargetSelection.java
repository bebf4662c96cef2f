package dev.whitelistgen.render;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The targets a command works on: those named with --target, or every target (by default, or named 'all'),
 * where a target that writes records for the customer's domains (requires_domain) is left out without --domain
 * rather than failing the whole command. {@code named} tells whether the user listed them.
 */
public record TargetSelection(List<Target> included, List<Target> skipped, boolean named) {

    public TargetSelection {
        included = List.copyOf(included);
        skipped = List.copyOf(skipped);
    }

    public static TargetSelection of(TargetCatalog catalog, List<String> requested, boolean haveDomain) {
        if (!requested.isEmpty() && requested.stream().noneMatch(name -> name.strip().equalsIgnoreCase("all"))) {
            List<Target> named = new ArrayList<>();
            for (String name : requested) {
                Target target = catalog.get(name.strip().toLowerCase(Locale.ROOT));
                if (!named.contains(target)) {
                    named.add(target);
                }
            }
            return new TargetSelection(named.stream().sorted(Comparator.comparing(Target::name)).toList(), List.of(), true);
        }
        List<Target> included = catalog.all().stream().filter(t -> haveDomain || !t.requiresDomain()).toList();
        List<Target> skipped = catalog.all().stream().filter(t -> !haveDomain && t.requiresDomain()).toList();
        return new TargetSelection(included, skipped, false);
    }
}
