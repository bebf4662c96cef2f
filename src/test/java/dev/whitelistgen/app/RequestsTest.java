package dev.whitelistgen.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.whitelistgen.Input;
import dev.whitelistgen.UserError;
import dev.whitelistgen.bundle.BundleTexts;
import dev.whitelistgen.model.Flag;
import dev.whitelistgen.model.NetworkPolicy;
import dev.whitelistgen.profile.ProfileCatalog;
import dev.whitelistgen.profile.ProfileLoader;
import dev.whitelistgen.render.Escapers;
import dev.whitelistgen.render.TargetCatalog;
import dev.whitelistgen.render.TemplateRenderer;
import dev.whitelistgen.testing.Cli;
import dev.whitelistgen.testing.Repo;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The application layer's requests: every problem at once, each with its input; one command line per request. */
class RequestsTest {

    static final Sources SOURCES = sources(true);

    static Sources sources(boolean profileFiles) {
        List<Path> templates = List.of(Repo.path("templates"));
        return new Sources(new ProfileCatalog(List.of(Repo.path("profiles")), new ProfileLoader(NetworkPolicy.DEFAULT)),
                new TargetCatalog(templates), new TemplateRenderer(templates), new BundleTexts(templates), profileFiles);
    }

    static CustomerFields customer(List<String> domains, String spfMode, Set<Flag> flags) {
        return new CustomerFields(domains, List.of(), spfMode, flags, false, null);
    }

    @Test
    void everyBadInputIsReportedAtOnceWithTheInputItConcerns() {
        GenerateRequest.Fields fields = new GenerateRequest.Fields(null, List.of("nope"), new ServerChoice("mars", null),
                customer(List.of("x..y"), "sideways", Set.of()));

        assertThatThrownBy(() -> GenerateRequest.of(fields, SOURCES)).isInstanceOfSatisfying(UserError.class, e -> {
            assertThat(e.problems()).extracting(UserError.Problem::input)
                    .containsExactly(Input.SERVER, Input.DOMAIN, Input.SPF_MODE, Input.TARGET);
            assertThat(e.lines()).allSatisfy(line -> assertThat(line).startsWith("--"));
            assertThat(e.kind()).isEqualTo(UserError.Kind.USAGE);
        });
        Cli.Result cli = Cli.run("--target", "nope", "--server", "mars", "--domain", "x..y", "--spf-mode", "sideways");
        assertThat(cli.exitCode()).isEqualTo(2);
        assertThat(cli.err().lines()).hasSize(4).containsExactly(
                "whitelist-gen: --server: unknown server 'mars'; valid servers: azure (sweden, se, netigate.se), dach (germany, de, ntgt.de), all",
                "whitelist-gen: --domain: 'x..y' has an empty label",
                "whitelist-gen: --spf-mode: 'sideways' is not one of auto, include, ip",
                "whitelist-gen: --target: unknown target 'nope'; valid targets: " + String.join(", ", SOURCES.targets().names()) + ", all");
    }

    @Test
    void everyBadDomainOfTheListIsReportedNotOnlyTheFirst() {
        GenerateRequest.Fields fields = new GenerateRequest.Fields(null, List.of("postfix"), new ServerChoice("dach", null),
                customer(List.of("kunde..example", "good.example", "bücher.de", "ntgt.de"), "auto", Set.of()));

        assertThatThrownBy(() -> GenerateRequest.of(fields, SOURCES)).isInstanceOfSatisfying(UserError.class, e -> {
            assertThat(e.problems()).extracting(UserError.Problem::input).containsOnly(Input.DOMAIN);
            assertThat(e.lines()).hasSize(3);
            assertThat(e.lines().get(0)).isEqualTo("--domain: 'kunde..example' has an empty label");
            assertThat(e.lines().get(1)).startsWith("--domain: 'bücher.de' is an internationalised name");
            assertThat(e.lines().get(2)).isEqualTo("--domain: 'ntgt.de' is Netigate's own sender domain; give the customer's domain");
        });
        Cli.Result cli = Cli.run("--target", "postfix", "--server", "dach", "--domain", "kunde..example", "--domain", "bücher.de");
        assertThat(cli.exitCode()).isEqualTo(3);
        assertThat(cli.err().lines()).hasSize(2);
    }

    @Test
    void anOptionGoesToTheTargetsThatOfferItAndIsRefusedByOneThatDoesNot() {
        GenerateRequest both = GenerateRequest.of(new GenerateRequest.Fields(null, List.of("m365", "postfix"), new ServerChoice("dach", null),
                customer(List.of(), "auto", Set.of(Flag.IP_ALLOW_LIST))), SOURCES);
        assertThat(both.customer().flags()).containsExactly(Flag.IP_ALLOW_LIST);

        assertThatThrownBy(() -> GenerateRequest.of(new GenerateRequest.Fields(null, List.of("postfix"), new ServerChoice("dach", null),
                customer(List.of(), "auto", Set.of(Flag.IP_ALLOW_LIST, Flag.DKIM_SIGNED))), SOURCES))
                .isInstanceOfSatisfying(UserError.class, e -> assertThat(e.problems()).extracting(UserError.Problem::input)
                        .containsExactly(Input.DKIM_SIGNED, Input.IP_ALLOW_LIST, Input.DKIM_SIGNED));
    }

    @Test
    void thePageNamesProfilesByVersionOnly() {
        assertThatThrownBy(() -> GenerateRequest.of(new GenerateRequest.Fields(Repo.path("profiles/netigate/v1.yaml").toString(),
                List.of("json"), new ServerChoice("dach", null), CustomerFields.NONE), sources(false)))
                .isInstanceOfSatisfying(UserError.class, e -> assertThat(e.problems().get(0).input()).isEqualTo(Input.PROFILE));
    }

    @Test
    void eachRequestsCommandLineQuotesWithTheOneRule() {
        GenerateRequest generate = GenerateRequest.of(new GenerateRequest.Fields(null, List.of("BIND"),
                new ServerChoice(null, "https://www.ntgt.de/x?id=1"),
                new CustomerFields(List.of("b.example", "a.example"), List.of("a.example=v=spf1 mx -all"), "ip", Set.of(), false, null)),
                SOURCES);
        assertThat(Escapers.commandLine(generate.args())).isEqualTo("whitelist-gen --target bind --server-from-url 'https://www.ntgt.de/x?id=1'"
                + " --profile 2 --domain a.example --domain b.example --existing-spf 'a.example=v=spf1 mx -all' --spf-mode ip");

        BundleRequest bundle = BundleRequest.of(new BundleRequest.Fields("2", List.of(), new ServerChoice("germany", null),
                CustomerFields.NONE, "SV"), SOURCES);
        assertThat(bundle.commandLine()).isEqualTo("whitelist-gen bundle --server dach --profile 2 --lang sv");

        DiffRequest diff = DiffRequest.of(new DiffRequest.Fields("1", null, List.of("postfix"), new ServerChoice("de", null),
                CustomerFields.NONE), SOURCES);
        assertThat(Escapers.commandLine(diff.args())).isEqualTo("whitelist-gen diff --from 1 --to 2 --target postfix --server dach");
    }

    @Test
    void aWordThatAShellWouldExpandIsQuoted() {
        assertThat(Escapers.commandLine(List.of("whitelist-gen", "--profile", "~other/p.yaml", "plain-1.2_x/y@z:w,v=u+t%")))
                .isEqualTo("whitelist-gen --profile '~other/p.yaml' plain-1.2_x/y@z:w,v=u+t%");
    }
}
