package dev.whitelistgen.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.whitelistgen.model.IpNetwork;
import dev.whitelistgen.model.NetworkPolicy;
import dev.whitelistgen.model.Profile;
import dev.whitelistgen.model.Server;
import dev.whitelistgen.profile.ProfileCatalog;
import dev.whitelistgen.profile.ProfileLoader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * One target rendered through the CLI for one server and profile version, as a user would write it with
 * {@code --output}: the real-program tests then load these files into the real program.
 */
public record Rendered(String target, Server server, Profile profile, List<String> customerDomains, Path folder) {

    /** The customer domain the real-program tests pass with --domain (scenario 2). */
    public static final String CUSTOMER_DOMAIN = "customer.example";

    public static List<Profile> profiles() {
        return new ProfileCatalog(List.of(Repo.path("profiles")), new ProfileLoader(NetworkPolicy.DEFAULT)).all();
    }

    /** Free text that would break out of a comment or string, or trip a templater, in some output language. */
    public static final String HOSTILE_TEXT = "Evil \"q\" 'a' $HOME ${x} \\ ; : } { {{ x }} {% if false %} {# c #} [=x] <%";

    /**
     * The current profile with {@link #HOSTILE_TEXT} as every server's name, the source title and an unknown:
     * the loader accepts it (it is one printable line), so every target must keep it inert.
     */
    public static Profile hostileProfile(Path folder) {
        return hostileProfile(folder, HOSTILE_TEXT);
    }

    /** As {@link #hostileProfile(Path)}, with {@code hostile} (one printable line, as the loader demands) as the text. */
    public static Profile hostileProfile(Path folder, String hostile) {
        Profile current = profiles().stream().filter(p -> p.status() == Profile.Status.CURRENT).findFirst().orElseThrow();
        try {
            String yamlText = "'" + hostile.replace("'", "''") + "'";
            String text = Files.readString(current.file())
                    .replaceFirst("(?m)^version: .*$", "version: \"99\"")
                    .replaceFirst("(?m)^status: current$", "status: superseded")
                    .replaceFirst("(?m)^  title: .*$", java.util.regex.Matcher.quoteReplacement("  title: " + yamlText))
                    .replaceAll("(?m)^    name: .*$", java.util.regex.Matcher.quoteReplacement("    name: " + yamlText))
                    .replaceFirst("(?m)^unknowns:$", java.util.regex.Matcher.quoteReplacement("unknowns:\n  - " + yamlText));
            Path file = Files.createDirectories(folder).resolve("hostile.yaml");
            Files.writeString(file, text);
            Profile loaded = load(file);
            assertThat(loaded.servers()).allMatch(s -> s.name().equals(hostile));
            assertThat(loaded.source().title()).isEqualTo(hostile);
            assertThat(loaded.unknowns()).contains(hostile);
            return loaded;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Profile load(Path file) {
        return new ProfileLoader(NetworkPolicy.DEFAULT).load(file);
    }

    /** Every server of every profile version, rendered with --domain customer.example. */
    public static Stream<Rendered> everyServerAndVersion(String target, Path parent) {
        List<Rendered> all = new ArrayList<>();
        for (Profile profile : profiles()) {
            for (Server server : profile.servers()) {
                all.add(render(target, profile, server, List.of(CUSTOMER_DOMAIN), parent));
            }
        }
        return all.stream();
    }

    public static Rendered render(String target, Profile profile, Server server, List<String> domains, Path parent) {
        Path folder = parent.resolve(target + "-" + server.id() + "-v" + profile.version() + "-" + domains.size());
        // a built-in profile by its version, any other by its file
        String profileArg = profile.file().toAbsolutePath().startsWith(Repo.path("profiles").toAbsolutePath())
                ? profile.version() : profile.file().toString();
        List<String> args = new ArrayList<>(List.of("--target", target, "--server", server.id(),
                "--profile", profileArg, "--output", folder.toString()));
        domains.forEach(d -> args.addAll(List.of("--domain", d)));
        Cli.Result result = Cli.run(args.toArray(String[]::new));
        assertThat(result.exitCode()).as(result.toString()).isZero();
        return new Rendered(target, server, profile, List.copyOf(domains), folder);
    }

    public Path file(String name) {
        return folder.resolve(name);
    }

    /** The sender domains the output must accept from Netigate's IPs: Netigate's own and the customer's. */
    public List<String> acceptedSenderDomains() {
        List<String> domains = new ArrayList<>(server.senderDomains().stream().map(Object::toString).toList());
        domains.addAll(customerDomains);
        return domains;
    }

    /** An address one past a listed network that no listed network contains: a neighbour that must gain nothing. */
    public String unlistedNeighbour() {
        for (IpNetwork network : server.networks()) {
            String candidate = next(network.lastAddress());
            IpNetwork single = IpNetwork.parse(candidate);
            if (server.networks().stream().noneMatch(n -> n.contains(single))) {
                return candidate;
            }
        }
        throw new IllegalStateException("every neighbour of " + server.networks() + " is listed");
    }

    @Override
    public String toString() {
        return target + " " + server.id() + " v" + profile.version() + " " + customerDomains;
    }

    private static String next(String address) {
        try {
            byte[] bytes = InetAddress.getByName(address).getAddress();
            for (int i = bytes.length - 1; i >= 0; i--) {
                if (++bytes[i] != 0) {
                    break;
                }
            }
            return InetAddress.getByAddress(bytes).getHostAddress();
        } catch (UnknownHostException e) {
            throw new UncheckedIOException(new IOException(e));
        }
    }
}
