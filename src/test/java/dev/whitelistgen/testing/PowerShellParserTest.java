package dev.whitelistgen.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.whitelistgen.testing.PowerShellParser.Argument;
import dev.whitelistgen.testing.PowerShellParser.Command;
import dev.whitelistgen.testing.PowerShellParser.Script;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The test-side PowerShell parser reports syntax errors and reads commands, parameters and values exactly. */
class PowerShellParserTest {

    private static List<Script> parse(Path dir, String... sources) throws IOException {
        Path[] files = new Path[sources.length];
        for (int i = 0; i < sources.length; i++) {
            files[i] = dir.resolve("s" + i + ".ps1");
            Files.writeString(files[i], sources[i]);
        }
        return PowerShellParser.parse(List.of(files));
    }

    @Test
    void brokenScriptsReportErrorOrMissingNodes(@TempDir Path dir) throws IOException {
        List<Script> scripts = parse(dir,
                "Write-Host 'unterminated\r\n",
                "if ($true) {\r\n    Write-Host 'x'\r\n",
                "New-TransportRule -Name 'a' -SetSCL -1 )\r\n",
                "Write-Host 'fine'\r\n");
        assertThat(scripts.get(0).errors()).isNotEmpty();
        assertThat(scripts.get(1).errors()).anyMatch(e -> e.contains("MISSING") || e.contains("ERROR"));
        assertThat(scripts.get(2).errors()).isNotEmpty();
        assertThat(scripts.get(3).errors()).isEmpty();
    }

    @Test
    void commandsInsideAShouldProcessBlockAreMarked(@TempDir Path dir) throws IOException {
        Script script = parse(dir, String.join("\r\n",
                "if ($PSCmdlet.ShouldProcess('t', 'Create')) { New-A } elseif ($x) { New-B } else { New-C }",
                "if ($y) { } elseif ($PSCmdlet.ShouldProcess('t', 'Update')) { Set-D }",
                "New-E", "")).get(0);
        assertThat(script.commands()).extracting(c -> c.name() + "=" + c.shouldProcess())
                .containsExactly("New-A=true", "New-B=false", "New-C=false", "Set-D=true", "New-E=false");
    }

    @Test
    void eachCommandNamesTheConditionsThatMustHoldForItToRun(@TempDir Path dir) throws IOException {
        Script script = parse(dir, String.join("\r\n",
                "if ($recorded -contains 'ip:1.2.3.4') {",
                "    if ($PSCmdlet.ShouldProcess('t', 'Remove')) { Set-A }",
                "} elseif ($z) { Set-B } else { Set-C }",
                "Set-D", "")).get(0);
        assertThat(script.commands()).extracting(c -> c.name() + "=" + c.conditions()).containsExactly(
                "Set-A=[$PSCmdlet.ShouldProcess('t', 'Remove'), $recorded -contains 'ip:1.2.3.4']",
                "Set-B=[$z]", "Set-C=[]", "Set-D=[]");
    }

    @Test
    void commandsParametersAndValuesAreReadExactly(@TempDir Path dir) throws IOException {
        Script script = parse(dir, String.join("\r\n",
                "function Remove-Thing {",
                "    [CmdletBinding(SupportsShouldProcess = $true)]",
                "    param([string]$Name, [string]$Other)",
                "    Remove-X -Identity $Name -Confirm:$false",
                "}",
                "New-X -Name 'it''s' -List 'a', 'b' -Count -1 -On $true -Table @{Add = '1.2.3.4'} -Switch",
                "Write-Host \"$x\" 'pos'", "")).get(0);
        assertThat(script.errors()).isEmpty();
        assertThat(script.functions()).containsEntry("Remove-Thing", List.of("Name", "Other"));
        Command remove = script.commands().get(0);
        assertThat(remove.function()).isEqualTo("Remove-Thing");
        assertThat(remove.arguments()).containsExactly(
                new Argument("Identity", "variable", List.of("$Name")), new Argument("Confirm", "bool", List.of("$false")));
        Command create = script.commands().get(1);
        assertThat(create.name()).isEqualTo("New-X");
        assertThat(create.function()).isEqualTo("-");
        assertThat(create.arguments()).containsExactly(
                new Argument("Name", "string", List.of("it's")),
                new Argument("List", "array", List.of("a", "b")),
                new Argument("Count", "int", List.of("-1")),
                new Argument("On", "bool", List.of("$true")),
                new Argument("Table", "hashtable", List.of("Add=1.2.3.4")),
                new Argument("Switch", "switch", List.of()));
        assertThat(script.commands().get(2).arguments()).containsExactly(
                new Argument("-", "expandable", List.of("\"$x\"")), new Argument("-", "string", List.of("pos")));
    }
}
