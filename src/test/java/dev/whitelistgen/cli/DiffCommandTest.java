package dev.whitelistgen.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.whitelistgen.testing.Cli;
import dev.whitelistgen.testing.RealProgram;
import dev.whitelistgen.testing.Repo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `whitelist-gen diff` end to end: what ops sees when Netigate's data changes, and diff(1)'s exit codes. */
class DiffCommandTest {

    @TempDir
    Path dir;

    @Test
    void noDifferenceIsExitZeroAndNoOutput() {
        Cli.Result result = Cli.run("diff", "--from", "2", "--to", "2", "--domain", "example.com");
        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.OK);
        assertThat(result.out()).isEmpty();
        assertThat(result.err()).isEmpty();
    }

    @Test
    void theDataChangesComeFirstThenTheUnifiedDiffs() {
        Cli.Result result = Cli.run("diff", "--from", "1", "--to", "2", "--target", "postfix", "--server", "dach");
        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.DIFFERENT);
        String out = result.out();
        assertThat(out).startsWith("""
                == data: profile 1 (superseded) -> 2 (current)
                server dach: changed
                  - name: Server in Germany
                  + name: DACH
                  + spf_include: _spf.ntgt.de
                  - networks: 178.77.90.228
                  + networks: 46.254.11.92
                  + networks: 86.107.243.139
                  + networks: 89.45.227.195
                  + networks: 89.45.227.221
                  + sender_addresses: survey@ntgt.de
                  - web_domains: www.ntgt.de
                == outputs: 0 added, 0 removed, 7 changed
                --- 1/postfix/dach/apply.sh
                +++ 2/postfix/dach/apply.sh
                """);
        assertThat(out).doesNotContain("server azure").doesNotContain("bind/")
                .contains("--- 1/postfix/dach/netigate_clients.cidr\n+++ 2/postfix/dach/netigate_clients.cidr\n")
                .contains("\n-178.77.90.228/32\tnetigate_senders\n").contains("\n+89.45.227.221/32\tnetigate_senders\n");
    }

    /** Issue 23.6: the diff ends with what applying the newer output removes and adds, and how, per target. */
    @Test
    void theDiffEndsWithAnUpgradeNotePerTarget() {
        Cli.Result result = Cli.run("diff", "--from", "1", "--to", "2", "--target", "postfix,m365", "--server", "dach");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.DIFFERENT);
        String note = result.out().substring(result.out().indexOf("== upgrade: "));
        assertThat(note).startsWith("== upgrade: applying the output of profile 2 (current) over that of 1 (superseded)\n"
                + "server dach: removes networks 178.77.90.228, web_domains www.ntgt.de; adds spf_include _spf.ntgt.de,")
                .doesNotContain("name ")
                .contains("\nm365: run the new Install-NetigateAllowlist.ps1")
                .contains("\npostfix: as root, run the new apply.sh");
        assertThat(note.lines().filter(l -> l.startsWith("---") || l.startsWith("@@"))).as("after the last diff").isEmpty();
        Cli.Result json = Cli.run("diff", "--from", "1", "--to", "2", "--target", "postfix", "--server", "dach", "--json");
        assertThat(json.out()).containsPattern("\"upgrade\": \\[\\s*\\{\\s*\"target\": \"postfix\",\\s*\"how\": \"as root, run the new apply.sh");
    }

    @Test
    void theDiffTurnsTheOldOutputsIntoTheNewWithPatch() throws IOException {
        Path old = dir.resolve("tree");
        Path fresh = dir.resolve("expected");
        String[] common = {"--target", "all", "--server", "all", "--domain", "example.com", "--existing-spf", "v=spf1 mx -all"};
        assertThat(Cli.run(concat(common, "--profile", "1", "--output", old.toString())).exitCode()).isZero();
        assertThat(Cli.run(concat(common, "--profile", "2", "--output", fresh.toString())).exitCode()).isZero();
        Cli.Result diff = Cli.run("diff", "--from", "1", "--to", "2", "--domain", "example.com", "--existing-spf", "v=spf1 mx -all");
        assertThat(diff.exitCode()).isEqualTo(ExitCodes.DIFFERENT);
        String patchText = diff.out().substring(diff.out().indexOf("\n--- ") + 1);
        Path patch = dir.resolve("v1-to-v2.diff");
        Files.writeString(patch, patchText);

        RealProgram.Result applied = RealProgram.run(Duration.ofSeconds(30), Map.of(), old,
                "patch", "--batch", "--forward", "-p1", "-i", patch.toString());
        assertThat(applied.exitCode()).as(applied.toString()).isZero();
        for (Path file : files(fresh)) {
            Path patched = old.resolve(fresh.relativize(file).toString());
            assertThat(Files.readString(patched)).as(fresh.relativize(file).toString()).isEqualTo(Files.readString(file));
        }
        assertThat(patchText).contains("+++ 2/bind/azure/spf-records.zone").contains("+++ 2/postfix/azure/undo.sh");
    }

    @Test
    void jsonForMachinesIsValidAndSaysTheSame() throws IOException {
        Cli.Result result = Cli.run("diff", "--from", "1", "--json", "--server-from-url", "https://www.netigate.se/");
        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.DIFFERENT);
        Path json = dir.resolve("diff.json");
        Files.writeString(json, result.out());
        String query = ".different == true and .from.version == \"1\" and .to.version == \"2\""
                + " and ([.servers[].id] == [\"azure\"])"
                + " and (.servers[0].changes[] | select(.field == \"networks\") | .removed == [\"193.44.77.163\"] and (.added | length) == 4)"
                + " and ([.outputs[].path] | index(\"postfix/azure/netigate_clients.cidr\") != null)"
                + " and (.outputs[] | select(.path == \"postfix/azure/netigate_clients.cidr\") | .diff | startswith(\"--- 1/postfix/azure/\"))";
        RealProgram.Result jq = RealProgram.run(Duration.ofSeconds(20), Map.of(), null, "jq", "-e", query, json.toString());
        assertThat(jq.exitCode()).as(jq + "\n" + result.out()).isZero();
        assertThat(jq.out().strip()).isEqualTo("true");

        Cli.Result same = Cli.run("diff", "--from", "2", "--to", "2", "--json");
        assertThat(same.exitCode()).isEqualTo(ExitCodes.OK);
        Files.writeString(json, same.out());
        assertThat(RealProgram.run(Duration.ofSeconds(20), Map.of(), null, "jq", "-e",
                ".different == false and .servers == [] and .outputs == []", json.toString()).exitCode()).isZero();
    }

    @Test
    void aVersionAgainstAProfileFile() throws IOException {
        Path copy = dir.resolve("v2-edited.yaml");
        Files.copy(Repo.path("profiles/netigate/v2.yaml"), copy);
        Cli.Result same = Cli.run("diff", "--from", "2", "--to", copy.toString());
        assertThat(same.exitCode()).as(same.toString()).isEqualTo(ExitCodes.OK);

        String text = Files.readString(copy);
        Files.writeString(copy, text.replace("  - 86.107.243.139\n", "").replace("    sender_addresses:\n      - survey@ntgt.de\n", "")
                // an inference about a field the edit removed goes with it (validate would say it names no field)
                .replaceAll("  - field: servers\\.dach\\.sender_addresses\n    why: .*\n", ""));
        Cli.Result changed = Cli.run("diff", "--from", "2", "--to", copy.toString(), "--target", "postfix");
        assertThat(changed.exitCode()).as(changed.toString()).isEqualTo(ExitCodes.DIFFERENT);
        assertThat(changed.out()).startsWith("== data: profile 2 (current) -> " + copy + " (version 2)\n"
                + "server azure: changed\n  - networks: 86.107.243.139\nserver dach: changed\n  - networks: 86.107.243.139\n"
                + "  - sender_addresses: survey@ntgt.de\n");
        assertThat(changed.out()).contains("--- 2/postfix/dach/netigate_clients.cidr\n+++ " + copy + "/postfix/dach/netigate_clients.cidr\n")
                .contains("\n-86.107.243.139/32\tnetigate_senders\n");
    }

    @Test
    void targetsThatRefuseTheNewProfileAreListedAndTheRestIsStillCompared() throws IOException {
        Path draft = dir.resolve("draft.yaml");
        Files.writeString(draft, Files.readString(Repo.path("profiles/netigate/v2.yaml"))
                .replace("  - 86.107.243.139\n", "  - 86.107.243.139\n  - 2a00:1450:4001:82a::1b\n"));
        Cli.Result result = Cli.run("diff", "--from", "2", "--to", draft.toString(), "--server", "dach",
                "--target", "exchange,postfix");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.DIFF_SOME_REFUSED);
        assertThat(result.err()).isEmpty();
        assertThat(result.out()).startsWith("== data: profile 2 (current) -> " + draft + " (version 2)\n"
                + "server dach: changed\n  + networks: 2a00:1450:4001:82a::1b\n"
                + "== refused: 1 target/server refuses a profile; not compared\n"
                + "exchange/dach: refuses profile " + draft + " (version 2)\n  target exchange: ");
        assertThat(result.out()).containsPattern("\n  target exchange: [^\n]*IPv4[^\n]*\n== outputs: 0 added, 0 removed, [1-9]\\d* changed\n")
                .contains("+++ " + draft + "/postfix/dach/netigate_clients.cidr\n")
                .doesNotContain("exchange/dach/Install");

        Cli.Result json = Cli.run("diff", "--from", "2", "--to", draft.toString(), "--server", "dach", "--target", "exchange,postfix", "--json");
        assertThat(json.exitCode()).isEqualTo(ExitCodes.DIFF_SOME_REFUSED);
        assertThat(json.out()).contains("\"refused\": [").contains("\"profile\": \"" + draft + "\"");
    }

    @Test
    void usageErrorsAreExitTwo() {
        Cli.Result unknown = Cli.run("diff", "--from", "7", "--to", "2");
        assertThat(unknown.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(unknown.err()).startsWith("whitelist-gen: --from: unknown version '7'");
        assertThat(Cli.run("diff", "--from", "2", "--to", "9").err()).startsWith("whitelist-gen: --to: unknown version '9'");
        assertThat(Cli.run("diff", "--to", "2").exitCode()).isEqualTo(ExitCodes.USAGE);
        Cli.Result badServer = Cli.run("diff", "--from", "1", "--server", "mars");
        assertThat(badServer.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(badServer.err()).contains("unknown server 'mars'");
        assertThat(Cli.run("diff", "--from", "1", "--target", "bind").err()).contains("--domain: target bind");
    }

    private static String[] concat(String[] first, String... more) {
        return Stream.concat(Stream.of(first), Stream.of(more)).toArray(String[]::new);
    }

    private static List<Path> files(Path folder) throws IOException {
        try (Stream<Path> walk = Files.walk(folder)) {
            return walk.filter(Files::isRegularFile).sorted().toList();
        }
    }
}
