package dev.whitelistgen.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** mx-systems.tsv: what each row matches, and that its source column is true to the page it cites. */
class MxSystemsTest {

    private static final MxSystems BUILT_IN = MxSystems.builtIn();

    /**
     * Each vendor's own web domains (its sites and the domains its mail service runs under), by the start of the
     * system name. A row for a vendor not listed here fails the tests below until its domains are added.
     */
    private static final Map<String, List<String>> VENDOR_DOMAINS = Map.of(
            "Microsoft 365", List.of("microsoft.com", "microsoft", "outlook.com"),
            "Google Workspace", List.of("google.com", "googlemail.com"),
            "Cisco", List.of("cisco.com"),
            "Hornetsecurity", List.of("hornetsecurity.com"),
            "Mimecast", List.of("mimecast.com", "mimecastsupport.zendesk.com"),
            "Proofpoint", List.of("proofpoint.com"),
            "Barracuda", List.of("barracuda.com", "barracudanetworks.com"),
            "Sophos", List.of("sophos.com"));

    private static List<String> vendorDomains(MxSystems.MxSystem system) {
        return VENDOR_DOMAINS.entrySet().stream().filter(e -> system.name().startsWith(e.getKey())).findFirst()
                .map(Map.Entry::getValue)
                .orElseThrow(() -> new AssertionError("no vendor domains listed in this test for " + system.name()));
    }

    private static boolean under(String host, List<String> domains) {
        return domains.stream().anyMatch(d -> host.equals(d) || host.endsWith("." + d));
    }

    @Test
    void aVendorOrUnconfirmedRowCitesAPageOfTheVendorsOwnAndAThirdPartyRowDoesNot() {
        for (MxSystems.MxSystem system : BUILT_IN.all()) {
            String docHost = URI.create(system.doc()).getHost();
            boolean vendorsOwn = under(docHost, vendorDomains(system));
            assertThat(vendorsOwn).as(system.suffix() + " is '" + system.source() + "' citing " + docHost)
                    .isEqualTo(!system.source().equals("third-party"));
        }
    }

    @Test
    void anUnconfirmedSuffixIsUnderADomainOfTheVendorsOwn() {
        // Only then does a match say the MX points at the vendor's service although no page names the suffix.
        for (MxSystems.MxSystem system : BUILT_IN.all()) {
            if (system.source().equals("unconfirmed")) {
                assertThat(under(system.suffix(), vendorDomains(system))).as(system.suffix()).isTrue();
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            contoso-com.mail.protection.outlook.com     | Microsoft 365 (Exchange Online)
            contoso-com.r-v1.mx.microsoft.              | Microsoft 365 (Exchange Online)
            SMTP.GOOGLE.COM                             | Google Workspace (Gmail)
            alt4.aspmx.l.google.com                     | Google Workspace (Gmail)
            aspmx3.googlemail.com                       | Google Workspace (Gmail)
            mx2.hc0000-00.iphmx.com                     | Cisco Secure Email Cloud Gateway
            mx.us.etd.cisco.com                         | Cisco Secure Email Threat Defense
            mx.ae.etd.cisco.com                         | Cisco Secure Email Threat Defense
            mx04.hornetsecurity.com                     | Hornetsecurity (365 Total Protection / Spam and Malware Protection)
            eu-smtp-inbound-2.mimecast.com              | Mimecast
            us-smtp-inbound-1.mimecast.com              | Mimecast
            mx0b-00000000.pphosted.com                  | Proofpoint (Proofpoint on Demand)
            mx2-us1.ppe-hosted.com                      | Proofpoint Essentials
            d000000.a.ess.de.barracudanetworks.com      | Barracuda Email Gateway Defense
            mx-01-us-west-2.prod.hydra.sophos.com       | Sophos Email
            """)
    void hostsUnderEachSuffixAreNamed(String host, String system) {
        assertThat(BUILT_IN.of(host)).map(MxSystems.MxSystem::name).contains(system);
    }

    @ParameterizedTest
    @CsvSource({"evil-iphmx.com", "iphmx.com.evil.example", "mimecast.com.example", "notgoogle.com", "smtp-google.com"})
    void lookAlikesAreNotNamed(String host) {
        assertThat(BUILT_IN.of(host)).isEmpty();
    }

    @Test
    void theLongestSuffixWinsAndThePatternSaysHowTheHostMatched() {
        MxSystems table = MxSystems.parse("google.com\tmailbox\tGoogle\t-\thttps://a.example/\tthird-party\n"
                + "smtp.google.com\tmailbox\tGoogle Workspace\tgoogle\thttps://b.example/\tvendor\n");

        assertThat(table.of("smtp.google.com.")).map(MxSystems.MxSystem::name).contains("Google Workspace");
        assertThat(table.of("smtp.google.com").orElseThrow().pattern("SMTP.google.com.")).isEqualTo("smtp.google.com");
        assertThat(table.of("mx.google.com").orElseThrow().pattern("mx.google.com")).isEqualTo("*.google.com");
    }

    @Test
    void aRowWithAnUnknownSourceNamesItsLine() {
        assertThatThrownBy(() -> MxSystems.parse("# comment\n\nexample.com\tgateway\tX\t-\thttps://x.example/\tblog\n"))
                .isInstanceOf(IllegalStateException.class).hasMessageStartingWith("mx-systems.tsv, line 3: ");
    }
}
