package dev.whitelistgen.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** Escapers.jinjaInert: text that rspamd's Jinja pass over its configuration files leaves alone. */
class EscapersJinjaTest {

    @Test
    void breaksEveryTagOpener() {
        assertThat(Escapers.jinjaInert("{% if false %} {{ env.HOME }} {# note #}"))
                .isEqualTo("{ % if false %} { { env.HOME }} { # note #}");
        assertThat(Escapers.jinjaInert("{{{%")).isEqualTo("{ { { %");
        assertThat(Escapers.jinjaInert("plain { text } 100%")).isEqualTo("plain { text } 100%");
    }

    /** Property: over random text of braces and tag characters, no opener survives and only spaces are added. */
    @Test
    void noOpenerSurvivesRandomText() {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        String alphabet = "{}%# a$\"\\";
        for (int run = 0; run < 2000; run++) {
            StringBuilder text = new StringBuilder();
            for (int i = random.nextInt(30); i > 0; i--) {
                text.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String inert = Escapers.jinjaInert(text.toString());
            assertThat(inert).as("seed %d, input '%s'", seed, text).doesNotContain("{{", "{%", "{#");
            assertThat(inert.replace("{ ", "{")).as("seed %d, input '%s'", seed, text).isEqualTo(text.toString().replace("{ ", "{"));
        }
    }
}
