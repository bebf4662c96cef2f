package dev.whitelistgen.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DomainNameTest {

    @ParameterizedTest
    @CsvSource({"Netigate.SE, netigate.se", "www.netigate.se., www.netigate.se", "xn--bcher-kva.example, xn--bcher-kva.example",
        "a-b.co, a-b.co"})
    void normalisesToLowerCaseWithoutTrailingDot(String input, String name) {
        assertThat(DomainName.parse(input).name()).isEqualTo(name);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "localhost|needs a dot",
        "bücher.example|internationalised name; write its ASCII form (xn--bcher-kva.example)",
        "bad domain.se|whitespace or a control character",
        "a..se|empty label",
        "-a.se|not a valid domain name",
        "a_b.se|not a valid domain name",
        "example.123|valid top-level domain",
        "x.se\"|not a valid domain name",
        "x.se';$(id)|not a valid domain name",
        "x.se`id`|not a valid domain name"})
    void refusesWithAReason(String input, String reason) {
        assertThatThrownBy(() -> DomainName.parse(input)).hasMessageContaining(reason);
    }

    @Test
    void refusesNewlinesAndOverlongNames() {
        assertThatThrownBy(() -> DomainName.parse("a.se\nx")).hasMessageContaining("control character").hasMessageContaining("\\x0a");
        assertThatThrownBy(() -> DomainName.parse("a".repeat(64) + ".se")).hasMessageContaining("longer than 63");
        String long254 = ("a".repeat(62) + ".").repeat(4) + "se";
        assertThatThrownBy(() -> DomainName.parse(long254)).hasMessageContaining("longer than 253");
    }

    @ParameterizedTest
    @ValueSource(strings = {"_spf.netigate.se", "_spf.ntgt.de"})
    void serviceLabelsOnlyWhereDnsNamesAreExpected(String name) {
        assertThat(DomainName.parseDnsName(name).name()).isEqualTo(name);
        assertThatThrownBy(() -> DomainName.parse(name)).hasMessageContaining("not a valid domain name");
    }

    /** xn-- labels must be A-labels: valid Punycode of an internationalised name (RFC 5891 §5.4). */
    @Test
    void refusesXnLabelsThatAreNoALabels() {
        assertThatThrownBy(() -> DomainName.parse("xn--a.example")).hasMessage("'xn--a.example' is not a valid domain name"
                + " (label 'xn--a' is not valid Punycode for an internationalised name; RFC 5891)");
        assertThatThrownBy(() -> DomainName.parse("xn--zz.example")).hasMessageContaining("label 'xn--zz' is not valid Punycode");
        // decodes, but to something IDNA 2008 refuses: an emoji (not a letter), a leading combining mark
        assertThatThrownBy(() -> DomainName.parse("xn--ls8h.example")).hasMessageContaining("label 'xn--ls8h'");
        assertThatThrownBy(() -> DomainName.parse("xn--a-wbb.example")).hasMessageContaining("label 'xn--a-wbb'");
        assertThat(DomainName.parse("xn--bcher-kva.example").name()).isEqualTo("xn--bcher-kva.example");
        assertThat(DomainName.parse("XN--MLLER-KVA.de").name()).isEqualTo("xn--mller-kva.de");
    }

    @Test
    void subdomains() {
        assertThat(DomainName.parse("mail.netigate.se").isSubdomainOf(DomainName.parse("netigate.se"))).isTrue();
        assertThat(DomainName.parse("netigate.se").isSubdomainOf(DomainName.parse("netigate.se"))).isTrue();
        assertThat(DomainName.parse("evilnetigate.se").isSubdomainOf(DomainName.parse("netigate.se"))).isFalse();
    }
}
