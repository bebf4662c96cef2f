package dev.whitelistgen.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class EmailAddressTest {

    @ParameterizedTest
    @ValueSource(strings = {"survey@netigate.se", "first.last+tag@ntgt.de", "a_b-c@example.com"})
    void acceptsPlainAddresses(String address) {
        assertThat(EmailAddress.parse(address).toString()).isEqualTo(address);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "survey|not an e-mail address",
        "@netigate.se|not an e-mail address",
        "survey@|not an e-mail address",
        "a..b@netigate.se|unsupported local part",
        "o'brien@netigate.se|unsupported local part",
        "$(id)@netigate.se|unsupported local part",
        "a`b@netigate.se|unsupported local part",
        "a;b@netigate.se|unsupported local part",
        "\"a b\"@netigate.se|unsupported local part",
        "survey@net igate.se|bad domain"})
    void refusesAnythingThatCouldBreakOutOfAString(String address, String reason) {
        assertThatThrownBy(() -> EmailAddress.parse(address)).hasMessageContaining(reason);
    }
}
