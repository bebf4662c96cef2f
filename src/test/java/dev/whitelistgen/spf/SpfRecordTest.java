package dev.whitelistgen.spf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SpfRecordTest {

    @ParameterizedTest
    @ValueSource(strings = {
        "v=spf1 -all",
        "v=spf1 include:spf.protection.outlook.com -all",
        "v=spf1 a mx a:mail.example.com/28 mx:example.com//64 ip4:192.0.2.0/24 ip6:2001:db8::/32 ~all",
        "v=spf1 exists:%{i}._spf.example.com ?all",
        "v=spf1 ptr -all",
        "v=spf1 redirect=_spf.example.com",
        "v=spf1 include:_spf.google.com exp=explain.example.com -all",
        "v=spf1 ip4:192.0.2.1/24 -all",
        "V=SPF1 +MX -ALL"})
    void parsesValidRecordsAndKeepsTheirText(String text) {
        SpfRecord record = SpfRecord.parse(text);
        assertThat(SpfRecord.parse(record.text())).isEqualTo(record);
        assertThat(record.text().substring(7)).isEqualTo(text.substring(7));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "spf1 -all|does not start with v=spf1",
        "v=spf1 -alll|not an SPF mechanism",
        "v=spf1 include -all|not a valid include mechanism",
        "v=spf1 ip4:300.1.1.1 -all|not a valid ip4 mechanism",
        "v=spf1 ip4:2001:db8::1 -all|not a valid ip4 mechanism",
        "v=spf1 ip6:192.0.2.1 -all|not a valid ip6 mechanism",
        "v=spf1 a/33 -all|not a valid a mechanism",
        "v=spf1 all:x|not a valid all mechanism",
        "v=spf1 redirect=a.example redirect=b.example|more than one redirect",
        "v=spf1 exp=a.example exp=b.example -all|more than one exp",
        "v=spf1 include:\"x -all|not a valid include mechanism",
        "\"v=spf1 -all\"|without surrounding quotes"})
    void refusesInvalidRecords(String text, String reason) {
        assertThatThrownBy(() -> SpfRecord.parse(text)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining(reason);
    }

    @Test
    void refusesControlAndNonAsciiCharacters() {
        assertThatThrownBy(() -> SpfRecord.parse("v=spf1 -all\nexample.com. TXT x")).hasMessageContaining("control");
        assertThatThrownBy(() -> SpfRecord.parse("v=spf1 include:bücher.example -all")).hasMessageContaining("non-ASCII");
    }

    @Test
    void countsDnsQueryingTerms() {
        SpfRecord record = SpfRecord.parse("v=spf1 a mx ptr exists:x.example include:a.example ip4:192.0.2.1 redirect=b.example");
        assertThat(record.lookupTerms()).isEqualTo(6);
        assertThat(SpfRecord.parse("v=spf1 ip4:192.0.2.1 ip6:2001:db8::1 -all").lookupTerms()).isZero();
    }

    @Test
    void splitsLongRecordsIntoStringsOfAtMost255BytesThatJoinBackExactly() {
        StringBuilder text = new StringBuilder("v=spf1");
        for (int i = 0; i < 40; i++) {
            text.append(" ip4:198.51.").append(i).append(".0/24");
        }
        text.append(" -all");
        SpfRecord record = SpfRecord.parse(text.toString());
        assertThat(record.characterStrings()).hasSizeGreaterThan(1)
                .allSatisfy(s -> assertThat(s.getBytes(StandardCharsets.US_ASCII).length).isLessThanOrEqualTo(255));
        assertThat(String.join("", record.characterStrings())).isEqualTo(record.text());
        assertThat(SpfRecord.parse("v=spf1 -all").characterStrings()).containsExactly("v=spf1 -all");
    }
}
