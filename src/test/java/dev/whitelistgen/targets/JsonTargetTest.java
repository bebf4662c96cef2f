package dev.whitelistgen.targets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.whitelistgen.model.IpNetwork;
import dev.whitelistgen.model.Profile;
import dev.whitelistgen.model.Server;
import dev.whitelistgen.testing.Rendered;
import dev.whitelistgen.testing.Repo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The json target: every output (both servers, both profile versions, without, with one and with two
 * --domain) is strict JSON, valid against schemas/whitelist-gen-profile.schema.json, and says what the profile says.
 */
class JsonTargetTest {

    private static final String OUTPUT = "netigate-profile.json";
    /** Duplicate keys and trailing text are errors here, as in strict consumers. */
    private static final JsonMapper STRICT = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    @TempDir
    static Path work;

    private static Schema schema;

    @BeforeAll
    static void loadSchema() throws IOException {
        String text = Files.readString(Repo.path("schemas/whitelist-gen-profile.schema.json"));
        schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(text);
    }

    static Stream<Rendered> rendered() {
        List<Rendered> all = new ArrayList<>();
        for (Profile profile : Rendered.profiles()) {
            for (Server server : profile.servers()) {
                for (List<String> domains : List.of(List.<String>of(), List.of(Rendered.CUSTOMER_DOMAIN),
                        List.of(Rendered.CUSTOMER_DOMAIN, "second-customer.example"))) {
                    all.add(Rendered.render("json", profile, server, domains, work));
                }
            }
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rendered")
    void outputIsStrictJsonValidAgainstTheSchema(Rendered rendered) throws IOException {
        JsonNode document = STRICT.readTree(Files.readString(rendered.file(OUTPUT)));

        assertThat(schema.validate(document)).as("schema errors in " + rendered).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rendered")
    void outputSaysWhatTheProfileSays(Rendered rendered) throws IOException {
        JsonNode document = STRICT.readTree(Files.readString(rendered.file(OUTPUT)));
        Server server = rendered.server();
        Profile profile = rendered.profile();

        assertThat(document.path("vendor").asString()).isEqualTo(profile.vendor());
        assertThat(document.path("profile").path("version").asString()).isEqualTo(profile.version());
        assertThat(document.path("profile").path("status").asString()).isEqualTo(profile.status().label());
        assertThat(document.path("profile").path("source").path("publisher").asString()).isEqualTo(profile.source().publisher());
        assertThat(strings(document.path("profile").path("unknowns"))).isEqualTo(profile.unknowns());
        JsonNode s = document.path("server");
        assertThat(s.path("id").asString()).isEqualTo(server.id());
        assertThat(s.path("spf_include").isNull()).isEqualTo(server.spfInclude().isEmpty());
        server.spfInclude().ifPresent(include -> assertThat(s.path("spf_include").asString()).isEqualTo(include.name()));
        assertThat(strings(s.path("ipv4"))).isEqualTo(server.networks().stream().filter(IpNetwork::isIpv4).map(IpNetwork::toString).toList());
        assertThat(strings(s.path("ipv6"))).isEqualTo(server.networks().stream().filter(n -> !n.isIpv4()).map(IpNetwork::toString).toList());
        List<String> cidrs = new ArrayList<>();
        s.path("networks").forEach(n -> cidrs.add(n.path("cidr").asString()));
        assertThat(cidrs).isEqualTo(server.networks().stream().map(IpNetwork::cidr).toList());
        assertThat(strings(s.path("sender_domains"))).isEqualTo(server.senderDomains().stream().map(Object::toString).toList());
        assertThat(strings(s.path("sender_addresses"))).isEqualTo(server.senderAddresses().stream().map(Object::toString).toList());
        assertThat(strings(document.path("customer_domains"))).isEqualTo(rendered.customerDomains());
        // what the article does not say is null, never false (issue 31)
        assertThat(document.path("tls").path("inbound_required").isNull()).isEqualTo(profile.tls().inboundRequired().isEmpty());
        profile.tls().inboundRequired().ifPresent(b -> assertThat(document.path("tls").path("inbound_required").asBoolean()).isEqualTo(b));
        assertThat(document.path("dkim").path("offered").isNull()).isEqualTo(profile.dkim().offered().isEmpty());
        profile.dkim().offered().ifPresent(b -> assertThat(document.path("dkim").path("offered").asBoolean()).isEqualTo(b));
        List<String> inferred = new ArrayList<>();
        document.path("profile").path("inferred").forEach(i -> inferred.add(i.path("field").asString()));
        assertThat(inferred).isEqualTo(profile.inferred().stream().map(Profile.Inference::field).toList());
        assertThat(document.path("dkim").path("selector").isNull()).isEqualTo(profile.dkim().selector().isEmpty());
        assertThat(document.path("generated_by").path("command").asString()).contains("--server " + server.id(), "--profile " + profile.version());
    }

    @Test
    void freeTextRoundTripsExactly() throws IOException {
        Profile hostile = Rendered.hostileProfile(work.resolve("hostile"));
        Rendered rendered = Rendered.render("json", hostile, hostile.servers().get(0), List.of(), work.resolve("hostile"));
        JsonNode document = STRICT.readTree(Files.readString(rendered.file(OUTPUT)));

        assertThat(schema.validate(document)).isEmpty();
        assertThat(document.path("server").path("name").asString()).isEqualTo(Rendered.HOSTILE_TEXT);
        assertThat(document.path("profile").path("source").path("title").asString()).isEqualTo(Rendered.HOSTILE_TEXT);
        assertThat(strings(document.path("profile").path("unknowns"))).contains(Rendered.HOSTILE_TEXT);
    }

    /** The schema is strict enough to catch a wrong document, so a pass above means something. */
    @Test
    void schemaRejectsWrongDocuments() throws IOException {
        Rendered rendered = Rendered.render("json", Rendered.profiles().get(0), Rendered.profiles().get(0).servers().get(0),
                List.of(Rendered.CUSTOMER_DOMAIN), work.resolve("wrong"));
        String text = Files.readString(rendered.file(OUTPUT));

        ObjectNode extraKey = (ObjectNode) STRICT.readTree(text);
        ((ObjectNode) extraKey.get("server")).put("relay", true);
        ObjectNode badIp = (ObjectNode) STRICT.readTree(text);
        ((ArrayNode) badIp.get("server").get("ipv4")).add("999.1.1.1");
        ObjectNode missing = (ObjectNode) STRICT.readTree(text);
        missing.remove("server");
        ObjectNode badDomain = (ObjectNode) STRICT.readTree(text);
        ((ArrayNode) badDomain.get("customer_domains")).add("evil.example; rm -rf /");

        for (JsonNode wrong : List.of(extraKey, badIp, missing, badDomain)) {
            List<Error> errors = schema.validate(wrong);
            assertThat(errors).as("errors for %s", wrong).isNotEmpty();
        }
        assertThatThrownBy(() -> STRICT.readTree(text.replace("\"vendor\":", "\"vendor\": \"x\", \"vendor\":")))
                .as("duplicate key").isInstanceOf(RuntimeException.class);
    }

    private static List<String> strings(JsonNode array) {
        assertThat(array.isArray()).as("array: " + array).isTrue();
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asString()));
        return values;
    }
}
