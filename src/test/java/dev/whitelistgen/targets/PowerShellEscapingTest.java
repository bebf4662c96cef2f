package dev.whitelistgen.targets;

import static org.assertj.core.api.Assertions.assertThat;

import dev.whitelistgen.model.DomainName;
import dev.whitelistgen.model.EmailAddress;
import dev.whitelistgen.model.Flag;
import dev.whitelistgen.model.IpNetwork;
import dev.whitelistgen.model.Profile;
import dev.whitelistgen.model.Server;
import dev.whitelistgen.model.SpfMode;
import dev.whitelistgen.render.Generator;
import dev.whitelistgen.render.RenderedFile;
import dev.whitelistgen.render.TargetCatalog;
import dev.whitelistgen.render.TemplateRenderer;
import dev.whitelistgen.request.ChosenProfile;
import dev.whitelistgen.request.Customer;
import dev.whitelistgen.testing.Cli;
import dev.whitelistgen.testing.PowerShellParser;
import dev.whitelistgen.testing.PowerShellParser.Command;
import dev.whitelistgen.testing.PowerShellParser.Script;
import dev.whitelistgen.testing.Repo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Values in the PowerShell scripts: refused at validation when they carry a quote, '$', a backtick, ';' or a
 * line break, and, as the second line of defence, unable to leave their single-quoted string (or comment)
 * even when a crafted profile skips validation.
 */
class PowerShellEscapingTest {

    // Each tries to end its string or comment and run Invoke-Pwned.
    static final String MAIL_DOMAIN = "evil';invoke-pwned;'$(invoke-pwned)`\ninvoke-pwned #.example";
    static final String CUSTOMER_DOMAIN = "cust'';invoke-pwned;`$x';invoke-pwned;'.example";
    static final String SERVER_NAME = "Evil\nInvoke-Pwned\r\nInvoke-Pwned";

    @ParameterizedTest
    @ValueSource(strings = {"a'b.example", "a$b.example", "a`b.example", "a;b.example", "a\nb.example", "a\u2019b.example"})
    void theCliRefusesSuchADomain(String domain) {
        Cli.Result result = Cli.run("--target", "m365", "--server", "azure", "--domain", domain);
        assertThat(result.exitCode()).as(result.toString()).isEqualTo(3);
        assertThat(result.out()).isEmpty();
        assertThat(result.err()).startsWith("whitelist-gen: --domain:");
    }

    @ParameterizedTest
    @ValueSource(strings = {"net'igate.se", "net$igate.se", "net`igate.se", "net;igate.se"})
    void theProfileLoaderRefusesSuchAMailDomain(String domain, @TempDir Path dir) throws IOException {
        Path profile = dir.resolve("crafted.yaml");
        Files.writeString(profile, Files.readString(Repo.path("profiles/netigate/v2.yaml"))
                .replace("mail_domains: [netigate.se]", "mail_domains: [\"" + domain + "\"]"));
        Cli.Result result = Cli.run("--target", "m365", "--server", "azure", "--profile", profile.toString());
        assertThat(result.exitCode()).as(result.toString()).isEqualTo(3);
        assertThat(result.err()).contains("mail_domains");
    }

    @Test
    void craftedValuesThatSkipValidationStayInsideTheirStrings(@TempDir Path out) throws IOException {
        Profile real = new dev.whitelistgen.profile.ProfileCatalog(List.of(Repo.path("profiles")),
                new dev.whitelistgen.profile.ProfileLoader(dev.whitelistgen.model.NetworkPolicy.DEFAULT)).current();
        // Records built directly: DomainName's canonical constructor does not validate, the profile loader does.
        Server crafted = new Server("azure", SERVER_NAME, List.of(), Optional.empty(),
                List.of(IpNetwork.parse("89.45.227.221")), List.of(new DomainName(MAIL_DOMAIN)),
                List.of(new EmailAddress("survey", new DomainName(MAIL_DOMAIN))), List.of(), List.of(SERVER_NAME));
        Profile profile = new Profile(real.file(), real.vendor(), real.version(), real.status(), real.supersedes(),
                new Profile.Source("a\nInvoke-Pwned", "t\nInvoke-Pwned", "sv", "f\nInvoke-Pwned", "d", "s"), List.of("u\nInvoke-Pwned"),
                List.of(crafted), real.tls(), real.dkim());
        List<Path> files = new ArrayList<>();
        for (String name : List.of("m365", "exchange")) {
            TargetCatalog catalog = new TargetCatalog(List.of(Repo.path("templates")));
            List<RenderedFile> rendered = new Generator(new TemplateRenderer(List.of(Repo.path("templates"))))
                    .generate(List.of(catalog.get(name)), ChosenProfile.byVersion(profile), List.of(crafted),
                            new Customer(List.of(new DomainName(CUSTOMER_DOMAIN)), Map.of(), SpfMode.AUTO, Set.of(Flag.IP_ALLOW_LIST)), "en");
            for (RenderedFile file : rendered) {
                Path path = out.resolve(name + "-" + file.path());
                Files.writeString(path, file.content());
                files.add(path);
            }
        }
        for (Script script : PowerShellParser.parse(files)) {
            assertThat(script.errors()).as(script.file().toString()).isEmpty();
            assertThat(script.commands()).extracting(Command::name).as(script.file().toString())
                    .doesNotContain("invoke-pwned", "Invoke-Pwned", "Pwned", "#.example");
            for (Command command : script.commands()) {
                for (String parameter : List.of("SenderDomainIs", "SenderDomains")) {
                    command.argument(parameter).ifPresent(a -> assertThat(a.values()).as(command.toString())
                            .containsExactly(MAIL_DOMAIN.toLowerCase(java.util.Locale.ROOT).replace("\r\n", "\n")));
                }
                // m365 builds the spoofed user at run time from the domain list below; a literal one must be the domain.
                command.argument("SpoofedUser").filter(a -> a.kind().equals("string"))
                        .ifPresent(a -> assertThat(a.values()).containsExactly(CUSTOMER_DOMAIN));
            }
        }
    }
}
