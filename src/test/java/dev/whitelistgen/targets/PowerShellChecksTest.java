package dev.whitelistgen.targets;

import static org.assertj.core.api.Assertions.assertThat;

import dev.whitelistgen.testing.PowerShellParser.Argument;
import dev.whitelistgen.testing.PowerShellParser.Command;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The table checks themselves, on hand-made calls (no parser needed): each rule can fail. */
class PowerShellChecksTest {

    private static Argument string(String parameter, String value) {
        return new Argument(parameter, "string", List.of(value));
    }

    private static Command call(String name, Argument... arguments) {
        return new Command(1, "-", name, true, List.of(), List.of(arguments));
    }

    @Test
    void parametersOfDifferentParameterSetsAreNotCombined() {
        Argument stop = new Argument("ErrorAction", "bareword", List.of("Stop"));
        Argument tag = string("Comment", "whitelist-gen:netigate:dach");
        assertThat(PowerShellChecks.against(PowerShellCmdlets.CMDLETS,
                call("Add-IPAllowListEntry", string("IPAddress", "192.0.2.1"), tag, stop))).isEmpty();
        assertThat(PowerShellChecks.against(PowerShellCmdlets.CMDLETS,
                call("Add-IPAllowListEntry", string("IPAddress", "192.0.2.1"), string("IPRange", "192.0.2.0/28"), tag, stop)))
                .singleElement().asString().contains("[IPAddress, IPRange] belong to different parameter sets");
    }

    @Test
    void anExchangeCallWithoutErrorActionStopOrWithAnUndocumentedValueIsReported() {
        assertThat(PowerShellChecks.against(PowerShellCmdlets.CMDLETS, call("Get-HostedConnectionFilterPolicy",
                string("Identity", "Default"), new Argument("ErrorAction", "bareword", List.of("SilentlyContinue")))))
                .singleElement().asString().contains("-ErrorAction 'SilentlyContinue': outside the documented values");
        assertThat(PowerShellChecks.against(PowerShellCmdlets.CMDLETS, call("New-TenantAllowBlockListSpoofItems",
                string("SendingInfrastructure", "192.0.2.0/23")))).singleElement().asString().contains("a domain or IP/24");
    }
}
