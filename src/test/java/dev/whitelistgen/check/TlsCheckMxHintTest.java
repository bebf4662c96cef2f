package dev.whitelistgen.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.whitelistgen.model.DomainName;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The MX hint of `check tls --domain`: Exchange Online's own hosts, or a host that may be a gateway in front. */
class TlsCheckMxHintTest {

    static final DomainName DOMAIN = DomainName.parse("customer.example");

    @Test
    void exchangeOnlinesOwnHostsNeedNoGatewayWarning() {
        for (List<String> hosts : List.of(List.of("customer-example.mail.protection.outlook.com"),
                List.of("customer-example.j-v1.mx.microsoft", "Customer-Example.Mail.Protection.Outlook.com"))) {
            Finding hint = TlsCheck.mxHint(DOMAIN, hosts);
            assertThat(hint.level()).isEqualTo(Finding.Level.INFO);
            assertThat(hint.text()).endsWith("(Exchange Online itself: no gateway in front)").doesNotContain("gateway's IP");
        }
    }

    @Test
    void anyOtherHostIsNamedAsAPossibleGateway() {
        for (List<String> hosts : List.of(List.of("mx1.gateway.example"),
                List.of("customer-example.mail.protection.outlook.com", "mx.filter.example"),
                List.of("mail.protection.outlook.com.evil.example"))) {
            Finding hint = TlsCheck.mxHint(DOMAIN, hosts);
            assertThat(hint.text()).startsWith("MX of customer.example: " + String.join(", ", hosts) + " (not Exchange Online's")
                    .contains("the mail system sees the gateway's IP, not Netigate's", "If your mail passes a gateway first");
        }
    }
}
