package dev.whitelistgen.cli;

import dev.whitelistgen.app.Sources;
import dev.whitelistgen.bundle.BundleTexts;
import dev.whitelistgen.BuiltInResources;
import dev.whitelistgen.Input;
import dev.whitelistgen.UserError;
import dev.whitelistgen.model.NetworkPolicy;
import dev.whitelistgen.profile.ProfileCatalog;
import dev.whitelistgen.profile.ProfileLoader;
import dev.whitelistgen.render.TargetCatalog;
import dev.whitelistgen.render.TemplateRenderer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** Where profiles and templates come from, shared by every command that reads them. */
final class SourceOptions {

    @Option(names = "--profiles-dir", paramLabel = "DIR",
            description = "Folder of profile files that override or add to the built-in ones.")
    Path profilesDir;

    @Option(names = "--templates-dir", paramLabel = "DIR",
            description = "Folder of target templates that override or add to the built-in ones.")
    Path templatesDir;

    @Option(names = "--allow-prefix", paramLabel = "N", defaultValue = "24",
            description = "Widest IPv4 network a profile may allowlist (default: /${DEFAULT-VALUE}).")
    int widestIpv4Prefix;

    @Option(names = "--allow-prefix6", paramLabel = "N", defaultValue = "48",
            description = "Widest IPv6 network a profile may allowlist (default: /${DEFAULT-VALUE}).")
    int widestIpv6Prefix;

    ProfileCatalog profiles() {
        return new ProfileCatalog(roots(profilesDir, "profiles"), loader());
    }

    ProfileLoader loader() {
        if (widestIpv4Prefix < 0 || widestIpv4Prefix > 32) {
            throw new UserError(UserError.Kind.USAGE, Input.ALLOW_PREFIX, "expected 0 to 32, got " + widestIpv4Prefix);
        }
        if (widestIpv6Prefix < 0 || widestIpv6Prefix > 128) {
            throw new UserError(UserError.Kind.USAGE, Input.ALLOW_PREFIX6, "expected 0 to 128, got " + widestIpv6Prefix);
        }
        return new ProfileLoader(new NetworkPolicy(widestIpv4Prefix, widestIpv6Prefix));
    }

    List<Path> templateRoots() {
        return roots(templatesDir, "templates");
    }

    TargetCatalog targets() {
        return new TargetCatalog(templateRoots());
    }

    TemplateRenderer renderer() {
        return new TemplateRenderer(templateRoots());
    }

    private static List<Path> roots(Path override, String builtIn) {
        List<Path> roots = new ArrayList<>();
        if (override != null) {
            roots.add(override);
        }
        roots.add(BuiltInResources.folder(builtIn));
        return roots;
    }

    /** Everything the application layer reads, for a command that may name a profile by its file. */
    Sources sources() {
        List<Path> templates = templateRoots();
        return new Sources(profiles(), new TargetCatalog(templates), new TemplateRenderer(templates), new BundleTexts(templates), true);
    }
}
