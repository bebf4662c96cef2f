package dev.whitelistgen.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.whitelistgen.testing.RealProgram;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class EscapersTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '~', value = {
        "netigate.se|'netigate.se'",
        "o'brien|'o''brien'",
        "a\u2019b|'a\u2019\u2019b'",
        "\u2018a\u201b|'\u2018\u2018a\u201b\u201b'",
        "\u201ca\u201d|'\u201ca\u201d'",
        "$(Remove-Item C:\\)|'$(Remove-Item C:\\)'",
        "`n;|'`n;'"})
    void powerShellSingleQuotedStringsExpandNothing(String value, String quoted) {
        assertThat(Escapers.powerShell(value)).isEqualTo(quoted);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '~', value = {
        "v=spf1 -all|\"v=spf1 -all\"",
        "a\"b\\c|\"a\\\"b\\\\c\"",
        "å|\"\\195\\165\""})
    void zoneStrings(String value, String quoted) {
        assertThat(Escapers.zone(value)).isEqualTo(quoted);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '~', value = {"plain|plain", "a,b|\"a,b\"", "say \"hi\"|\"say \"\"hi\"\"\"",
        "=1+1|'=1+1", "@SUM(A1)|'@SUM(A1)"})
    void csvFieldsAndSpreadsheetFormulas(String value, String field) {
        assertThat(Escapers.csv(value)).isEqualTo(field);
    }

    @Test
    void csvFieldsWithALineBreakAreQuoted() {
        assertThat(Escapers.csv("a\nb")).isEqualTo("\"a\nb\"");
        assertThat(Escapers.csv("a\rb")).isEqualTo("\"a\rb\"");
        assertThat(Escapers.csv("-a\"")).isEqualTo("\"'-a\"\"\"");
    }

    @Test
    void jsonStrings() {
        assertThat(Escapers.json("a\"b\\c\n\u0001\u2028")).isEqualTo("\"a\\\"b\\\\c\\n\\u0001\\u2028\"");
        // runs copied whole: escapes first, last, side by side, and none at all
        assertThat(Escapers.json("\"x\r\t\u2029")).isEqualTo("\"\\\"x\\r\\t\\u2029\"");
        assertThat(Escapers.json("plain text")).isEqualTo("\"plain text\"");
        assertThat(Escapers.json("")).isEqualTo("\"\"");
        assertThat(Escapers.json(new StringBuilder("[1, "), "ä\n").append(']').toString()).isEqualTo("[1, \"ä\\n\"]");
    }

    /** Property, checked by the real /bin/sh: a single-quoted word comes back as exactly the value, whatever it holds. */
    @ParameterizedTest
    @ValueSource(longs = {3L, 99L})
    void shellQuotingSurvivesARealShell(long seed) {
        Random random = new Random(seed);
        String alphabet = "ab '\"$`\\;|&()<>*?!{}[]#~%\t\n";
        for (int round = 0; round < 20; round++) {
            StringBuilder value = new StringBuilder();
            for (int i = random.nextInt(30); i > 0; i--) {
                value.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            RealProgram.Result echo = RealProgram.run("sh", "-c", "printf '%s' " + Escapers.shell(value.toString()));
            assertThat(echo.out()).as("seed %d", seed).isEqualTo(value.toString());
        }
    }
}
