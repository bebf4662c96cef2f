package dev.whitelistgen.spf;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SpfRecordTest {

    @Test
    void readsTargetsAndDualCidrLengths() {
        SpfRecord record = SpfRecord.parse("v=spf1 a/24//64 mx:mail.example.com//48 -include:_spf.example.net ip6:2001:db8::/32 ?all");

        assertThat(record.terms()).extracting(SpfRecord.Term::name).containsExactly("a", "mx", "include", "ip6", "all");
        assertThat(record.terms().get(0)).extracting(SpfRecord.Term::domainSpec, SpfRecord.Term::cidr4, SpfRecord.Term::cidr6)
                .containsExactly("", 24, 64);
        assertThat(record.terms().get(1)).extracting(SpfRecord.Term::domainSpec, SpfRecord.Term::cidr4, SpfRecord.Term::cidr6)
                .containsExactly("mail.example.com", 32, 48);
        assertThat(record.terms().get(2).qualifier()).isEqualTo('-');
        assertThat(record.terms().get(3).network().cidr()).isEqualTo("2001:db8::/32");
        assertThat(record.lookupTerms()).isEqualTo(3);
        assertThat(record.text()).isEqualTo("v=spf1 a/24//64 mx:mail.example.com//48 -include:_spf.example.net ip6:2001:db8::/32 ?all");
    }

    @Test
    void selectsSpfRecordsAsRfc7208Says() {
        assertThat(SpfRecord.isSpf("v=spf1")).isTrue();
        assertThat(SpfRecord.isSpf("V=SpF1 -all")).isTrue();
        assertThat(SpfRecord.isSpf("v=spf10")).isFalse();
        assertThat(SpfRecord.isSpf("v=spf1mx")).isFalse();
        assertThat(SpfRecord.isSpf(" v=spf1 -all")).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"v=spf1 ip4:1.2.3.4/33", "v=spf1 ip4:1.2.3.4/032", "v=spf1 ip4:1.2.3", "v=spf1 ip4:1.2.3.4//32",
        "v=spf1 a/33", "v=spf1 a//129", "v=spf1 a/24/64", "v=spf1 a:", "v=spf1 a:museum", "v=spf1 include:x.example/24",
        "v=spf1 exists", "v=spf1 ptr/0", "v=spf1 -all.", "v=spf1 all:x", "v=spf1 redirect=", "v=spf1 exp=-all",
        "v=spf1 1up=foo", "v=spf1 =all", "v=spf1 foo=%abc", "v=spf1 moo", "v=spf1 redirect:x.example",
        "v=spf1 a:%{x}.example.com", "v=spf1 exp=%{r}.example.com", "v=spf1 redirect=a.example redirect=b.example",
        "v=spf1 a\tmx", "v=spf1 ip6::CAFE::BABE", "v=spf1 -all\n"})
    void refusesSyntaxErrors(String record) {
        assertThatThrownBy(() -> SpfRecord.parse(record)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"v=spf1", "v=spf1 a  -all ", "v=spf1 moo.cow-far_out=man:dog/cat -all", "v=spf1 ip6:::FFFF:1.2.3.4",
        "v=spf1 a:foo:bar/baz.example.com", "v=spf1 exists:%{ir}.%{v}._spf.%{d2} -all", "v=spf1 ptr:example.Com ~all",
        "v=spf1 include:_spf.netigate.se ?all"})
    void acceptsValidRecords(String record) {
        assertThat(SpfRecord.parse(record).terms()).isNotNull();
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

    @ParameterizedTest
    @ValueSource(strings = {"v=spf1 include:$(id).example -all", "v=spf1 include:`id`.example -all", "v=spf1 exists:x\";rm.example -all",
        "v=spf1 a:x\\.example -all", "v=spf1 exp=x(y).example -all"})
    void recordsWrittenToAnOutputRefuseCharactersNoRealRecordNeeds(String record) {
        assertThatThrownBy(() -> SpfRecord.parseForOutput(record)).hasMessageContaining("holds a character that no real SPF record needs");
    }

    @ParameterizedTest
    @ValueSource(strings = {"v=spf1 include:spf.protection.outlook.com -all", "v=spf1 exists:%{i}._spf.%{d2} ~all",
        "v=spf1 a:mail.example.com/28//64 ip6:2001:db8::/32 redirect=_spf.example.com", "v=spf1 ?all"})
    void recordsWrittenToAnOutputAcceptEverythingRealRecordsUse(String record) {
        assertThat(SpfRecord.parseForOutput(record).text()).isEqualTo(record);
    }
}
