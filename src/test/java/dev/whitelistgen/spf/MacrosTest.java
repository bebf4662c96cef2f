package dev.whitelistgen.spf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The examples of RFC 7208 §7.4, and syntax errors. */
class MacrosTest {

    private static Macros.Values rfcExample(String ip) {
        byte[] address = IpAddresses.parse(ip);
        return letter -> switch (letter) {
            case 's' -> "strong-bad@email.example.com";
            case 'l' -> "strong-bad";
            case 'o', 'd' -> "email.example.com";
            case 'i' -> IpAddresses.dotted(address);
            case 'v' -> address.length == 4 ? "in-addr" : "ip6";
            case 'h' -> "mx.example.org";
            case 'c' -> IpAddresses.format(address);
            default -> "unknown";
        };
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "%{s}|strong-bad@email.example.com",
        "%{o}|email.example.com",
        "%{d}|email.example.com",
        "%{d4}|email.example.com",
        "%{d3}|email.example.com",
        "%{d2}|example.com",
        "%{d1}|com",
        "%{dr}|com.example.email",
        "%{d2r}|example.email",
        "%{l}|strong-bad",
        "%{l-}|strong.bad",
        "%{lr}|strong-bad",
        "%{lr-}|bad.strong",
        "%{l1r-}|strong",
        "%{ir}.%{v}._spf.%{d2}|3.2.0.192.in-addr._spf.example.com",
        "%{lr-}.lp._spf.%{d2}|bad.strong.lp._spf.example.com",
        "%{lr-}.lp.%{ir}.%{v}._spf.%{d2}|bad.strong.lp.3.2.0.192.in-addr._spf.example.com",
        "%{ir}.%{v}.%{l1r-}.lp._spf.%{d2}|3.2.0.192.in-addr.strong.lp._spf.example.com",
        "%{d2}.trusted-domains.example.net|example.com.trusted-domains.example.net",
        "%%%_%-|% %20",
        "%{S}|strong-bad%40email.example.com"})
    void rfc7208Examples(String macro, String expanded) {
        Macros.check(macro, false);
        assertThat(Macros.expand(macro, rfcExample("192.0.2.3"), false)).isEqualTo(expanded);
    }

    @Test
    void ipv6NibblesAsTheRfcExampleUpToCase() {
        // RFC 7208 §7.4 writes the nibbles in lower case, the OpenSPF suite (v-macro-ip6) in upper case; DNS names
        // ignore case, so only explanation texts differ. The evaluator follows the suite.
        assertThat(Macros.expand("%{ir}.%{v}._spf.%{d2}", rfcExample("2001:db8::cb01"), false))
                .isEqualToIgnoringCase("1.0.b.c.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6._spf.example.com");
    }

    @Test
    void explanationLettersOnlyInExplanations() {
        assertThat(Macros.expand("%{c} via %{h}", rfcExample("192.0.2.3"), true)).isEqualTo("192.0.2.3 via mx.example.org");
        assertThatThrownBy(() -> Macros.check("%{c}.example.com", false)).hasMessageContaining("only in explanation text");
    }

    @ParameterizedTest
    @ValueSource(strings = {"%", "%x", "%{", "%{q}", "%{d0}", "%{d2x}", "foo%(ir).example.com", "%{d}\u00e9"})
    void syntaxErrors(String macro) {
        assertThatThrownBy(() -> Macros.check(macro, true)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"example.com", "example.com.", "a.xn--zckzah", "%{d}", "_spf.%{d2}", "x.%%", "foo:bar/baz.example.com"})
    void validDomainSpecs(String spec) {
        Macros.checkDomainSpec(spec);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "museum", "museum.", "abc.123", "111.222.33.44", "example.-com", "example.com:8080",
        "foo-bar", "mail.example.com/24"})
    void invalidDomainSpecs(String spec) {
        assertThatThrownBy(() -> Macros.checkDomainSpec(spec)).isInstanceOf(IllegalArgumentException.class);
    }
}
