package dev.whitelistgen.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReportPrinterTest {

    private static Report report() {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("ips", List.of(Map.of("ip", "192.0.2.1")));
        data.put("empty", List.of());
        data.put("count", 3);
        return new Report("spf", false, "a \"quoted\"\nsummary", List.of(Finding.ok("fine"), Finding.fail("broken\tthing")), data);
    }

    @Test
    void textIsOneLinePerFindingThenTheSummary() {
        assertThat(ReportPrinter.text(report(), false)).isEqualTo("ok   fine\nfail broken\tthing\nFAIL: a \"quoted\"\nsummary\n");
    }

    @Test
    void colourOnlyWhenAsked() {
        assertThat(ReportPrinter.text(report(), true)).contains("\u001b[32mok  \u001b[0m fine").contains("\u001b[31mFAIL\u001b[0m: ");
    }

    @Test
    void jsonIsEscapedAndOrdered() {
        assertThat(ReportPrinter.json(report())).isEqualTo("""
                {
                  "check": "spf",
                  "passed": false,
                  "summary": "a \\"quoted\\"\\nsummary",
                  "findings": [
                    {
                      "level": "ok",
                      "text": "fine"
                    },
                    {
                      "level": "fail",
                      "text": "broken\\tthing"
                    }
                  ],
                  "ips": [
                    {
                      "ip": "192.0.2.1"
                    }
                  ],
                  "empty": [],
                  "count": 3
                }
                """);
    }
}
