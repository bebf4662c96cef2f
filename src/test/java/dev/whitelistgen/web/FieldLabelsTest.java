package dev.whitelistgen.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.whitelistgen.Input;
import dev.whitelistgen.UserError;
import org.junit.jupiter.api.Test;

/** The page names fields by their labels where the CLI names flags; the language menu names languages in their own words. */
class FieldLabelsTest {

    @Test
    void aMessageAboutAFieldStartsWithItsLabel() {
        assertThat(FieldLabels.phrase(Input.SERVER_FROM_URL.problem("'evil-ntgt.de' is not a Netigate address"), "server_url"))
                .isEqualTo("Login URL: 'evil-ntgt.de' is not a Netigate address");
        assertThat(FieldLabels.phrase(Input.DOMAIN.problem("'kunde..example' has an empty label"), "domains"))
                .isEqualTo("Customer domains: 'kunde..example' has an empty label");
    }

    @Test
    void flagsInsideAMessageBecomeTheLabelsOfTheirFieldsButATypedValueStaysAsTyped() {
        UserError.Problem both = new UserError.Problem(Input.SERVER, "--server and --server-from-url: give one of them, not both");
        assertThat(FieldLabels.phrase(both, "server")).isEqualTo("Netigate server and \u201cLogin URL\u201d: give one of them, not both");
        assertThat(FieldLabels.phrase(Input.DKIM_SIGNED.problem("says the customer's --domain values are DKIM-signed;"
                + " give at least one --domain"), "dkim_signed"))
                .isEqualTo("Signed with DKIM: says the customer's \u201cCustomer domains\u201d values are DKIM-signed;"
                        + " give at least one \u201cCustomer domains\u201d");
        assertThat(FieldLabels.phrase(Input.DOMAIN.problem("'--domain' is not a fully qualified domain name"), "domains"))
                .isEqualTo("Customer domains: '--domain' is not a fully qualified domain name");
        // a flag the page does not ask for stays a flag
        assertThat(FieldLabels.phrase(UserError.Problem.general("only with --existing-spf-from-dns"), Problems.GENERAL))
                .isEqualTo("only with --existing-spf-from-dns");
    }

    @Test
    void theMxLookupsDomainIsNamedAsThatFormNamesIt() {
        assertThat(FieldLabels.phrase(Input.DOMAIN.problem("is empty; expected a domain name"), FieldLabels.MX_DOMAIN))
                .isEqualTo("Customer's mail domain: is empty; expected a domain name");
        assertThat(FieldLabels.element(FieldLabels.MX_DOMAIN)).isEqualTo("mx-domain");
        assertThat(FieldLabels.element("domains")).isEqualTo("domains");
    }

    @Test
    void languagesAreNamedInTheirOwnWords() {
        assertThat(FieldLabels.languageName("de")).isEqualTo("Deutsch");
        assertThat(FieldLabels.languageName("en")).isEqualTo("English");
        assertThat(FieldLabels.languageName("sv")).isEqualTo("Svenska");
        assertThat(FieldLabels.languageName("zz")).isEqualTo("zz");
    }
}
