package dev.whitelistgen.spf;

import static org.assertj.core.api.Assertions.assertThat;

import dev.whitelistgen.testing.Prerequisites;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.opentest4j.TestAbortedException;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * Runs every case of the OpenSPF RFC 7208 test suite (rfc7208-tests.yml, BSD-style licence; given with
 * -Dwhitelistgen.rfc7208Suite=FILE or WHITELISTGEN_RFC7208_SUITE, skipped without) against {@link SpfEvaluator}, its
 * zone data served in-process. A case passes when the result is the expected one (or one of the accepted ones)
 * and, where the case gives one, the explanation matches ("DEFAULT": no exp= text). The last test prints and
 * names the pass count.
 */
class Rfc7208SuiteTest {

    static final String PROPERTY = "whitelistgen.rfc7208Suite";

    record Case(String scenario, String id, String spec, String host, String mailfrom, String helo,
                List<String> results, String explanation, SuiteZone zone) { }

    record Outcome(Case testCase, SpfResult result, boolean passed, String why) { }

    static final String ENVIRONMENT = "WHITELISTGEN_RFC7208_SUITE";

    /** Third-party data the repository does not carry; README's "Tests" says where to get it. */
    static Path suite() {
        return Prerequisites.externalData(PROPERTY, ENVIRONMENT,
                "the OpenSPF RFC 7208 test suite (rfc7208-tests.yml, in pyspf's source distribution)");
    }

    @SuppressWarnings("unchecked")
    static List<Case> cases() throws IOException {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        List<Case> cases = new ArrayList<>();
        try (Reader reader = Files.newBufferedReader(suite(), StandardCharsets.UTF_8)) {
            for (Object document : new Yaml(options).loadAll(reader)) {
                Map<String, Object> scenario = (Map<String, Object>) document;
                String description = (String) scenario.get("description");
                SuiteZone zone = new SuiteZone((Map<String, Object>) scenario.get("zonedata"));
                for (Map.Entry<String, Object> test : ((Map<String, Object>) scenario.get("tests")).entrySet()) {
                    Map<String, Object> t = (Map<String, Object>) test.getValue();
                    Object result = t.get("result");
                    List<String> results = result instanceof List<?> list
                            ? list.stream().map(Object::toString).toList() : List.of(result.toString());
                    cases.add(new Case(description, test.getKey(), String.valueOf(t.get("spec")), t.get("host").toString(),
                            t.get("mailfrom").toString(), t.get("helo").toString(), results,
                            t.containsKey("explanation") ? t.get("explanation").toString() : null, zone));
                }
            }
        }
        return cases;
    }

    static Outcome run(Case c) {
        // %{t} is the only time-dependent value; a fixed clock keeps runs identical.
        Clock clock = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
        SpfEvaluator evaluator = new SpfEvaluator(c.zone(), Duration.ofSeconds(20), clock);
        SpfResult result = evaluator.check(IpAddresses.parse(c.host()), c.mailfrom(), c.helo());
        String got = result.outcome().label();
        if (!c.results().contains(got)) {
            return new Outcome(c, result, false, "expected " + String.join(" or ", c.results()) + ", got " + got
                    + " (" + result.describePath() + ")");
        }
        if (c.explanation() != null) {
            Optional<String> expected = c.explanation().equals("DEFAULT") ? Optional.empty() : Optional.of(c.explanation());
            if (!expected.equals(result.explanation())) {
                return new Outcome(c, result, false, "explanation: expected " + expected.orElse("none (DEFAULT)")
                        + ", got " + result.explanation().orElse("none (DEFAULT)"));
            }
        }
        return new Outcome(c, result, true, "");
    }

    @TestFactory
    Stream<DynamicNode> everyCaseOfTheSuite() throws IOException {
        try {
            suite();
        } catch (TestAbortedException missing) {
            // a skipped factory counts as no test at all in surefire's summary; a skipped test is counted and listed
            return Stream.of(DynamicTest.dynamicTest("the RFC 7208 suite", () -> {
                throw missing;
            }));
        }
        List<Outcome> outcomes = cases().stream().map(Rfc7208SuiteTest::run).toList();
        long passed = outcomes.stream().filter(Outcome::passed).count();
        String summary = "RFC 7208 test suite: " + passed + " of " + outcomes.size() + " cases pass";
        System.out.println(summary);
        outcomes.stream().filter(o -> !o.passed()).forEach(o ->
                System.out.println("  FAILED " + o.testCase().id() + " (" + o.testCase().scenario() + "): " + o.why()));
        List<DynamicNode> nodes = new ArrayList<>();
        for (Outcome outcome : outcomes) {
            Case c = outcome.testCase();
            nodes.add(DynamicTest.dynamicTest(c.scenario() + ": " + c.id() + " (§" + c.spec() + ")",
                    () -> assertThat(outcome.passed()).as(c.id() + ": " + outcome.why()).isTrue()));
        }
        nodes.add(DynamicTest.dynamicTest(summary, () -> {
            assertThat(outcomes).as("cases read from " + suite()).hasSizeGreaterThan(100);
            assertThat(passed).as(summary).isEqualTo(outcomes.size());
        }));
        return nodes.stream();
    }
}
