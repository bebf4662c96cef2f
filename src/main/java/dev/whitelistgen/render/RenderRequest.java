package dev.whitelistgen.render;

import dev.whitelistgen.Input;
import dev.whitelistgen.model.Server;
import dev.whitelistgen.request.ChosenProfile;
import dev.whitelistgen.request.Customer;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything one rendering of one target for one server depends on, and nothing else. {@code customer} holds only
 * the options the target offers; {@code language} is that of the target's prose (a bundle's --lang; else English);
 * {@code bundle} what the bundle it goes into holds (BundleContext.NONE outside a bundle).
 */
public record RenderRequest(Target target, ChosenProfile profile, Server server, Customer customer, String language,
                            BundleContext bundle) {

    public RenderRequest {
        customer = customer.offeredBy(target.flags());
    }

    public RenderRequest(Target target, ChosenProfile profile, Server server, Customer customer, String language) {
        this(target, profile, server, customer, language, BundleContext.NONE);
    }

    /** The command that reproduces this output, for the header of every file (never --output or folders). */
    public List<String> args() {
        List<String> words = new ArrayList<>(List.of("whitelist-gen", Input.TARGET.flag(), target.name(), Input.SERVER.flag(), server.id(),
                Input.PROFILE.flag(), profile.argument()));
        words.addAll(customer.args(target.spfRecords()));
        words.addAll(customer.flagArgs());
        return words;
    }

    public String commandLine() {
        return Escapers.commandLine(args());
    }
}
