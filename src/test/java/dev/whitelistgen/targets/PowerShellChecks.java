package dev.whitelistgen.targets;

import dev.whitelistgen.testing.PowerShellParser.Argument;
import dev.whitelistgen.testing.PowerShellParser.Command;
import dev.whitelistgen.testing.PowerShellParser.Script;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** Checks of parsed PowerShell against {@link PowerShellCmdlets}, and what a script creates or removes. */
final class PowerShellChecks {

    private static final Set<String> VALUE_KINDS = Set.of("string", "array", "hashtable", "int", "bareword");

    private PowerShellChecks() {
    }

    /** One line per unknown command or parameter, wrong value kind, or value outside the documented limit. */
    static List<String> against(Map<String, PowerShellCmdlets.Cmdlet> table, Command command) {
        List<String> problems = new ArrayList<>();
        PowerShellCmdlets.Cmdlet cmdlet = table.get(command.name());
        if (cmdlet == null) {
            problems.add(command + ": unknown command");
            return problems;
        }
        for (Set<String> group : cmdlet.exclusive()) {
            List<String> named = command.arguments().stream().map(Argument::parameter)
                    .filter(p -> group.stream().anyMatch(p::equalsIgnoreCase)).toList();
            if (named.size() > 1) {
                problems.add(command + ": " + named + " belong to different parameter sets (" + cmdlet.doc() + ")");
            }
        }
        for (Argument argument : command.arguments()) {
            Optional<PowerShellCmdlets.Parameter> parameter = cmdlet.parameter(argument.parameter());
            String what = command + " -" + argument.parameter();
            if (parameter.isEmpty()) {
                problems.add(what + ": not a parameter the scripts may use (" + cmdlet.doc() + ")");
                continue;
            }
            if (!parameter.get().kinds().contains(argument.kind())) {
                problems.add(what + ": a " + argument.kind() + " value, expected " + parameter.get().kinds());
                continue;
            }
            if (VALUE_KINDS.contains(argument.kind())) {
                if (argument.values().isEmpty()) {
                    problems.add(what + ": no value");
                }
                for (String value : argument.values()) {
                    if (!parameter.get().valid().test(value)) {
                        problems.add(what + " '" + value + "': outside the documented values (" + parameter.get().rule() + ")");
                    }
                }
            }
        }
        return problems;
    }

    /**
     * The kinds of object an install script creates or adds, named as the removal side names them: tagged objects by
     * name; entries of untagged lists as the list, since the removal takes out whatever the record or tag proves was
     * added (issue 23.2), not a list of its own version's values.
     */
    static Set<String> created(Script script) {
        Set<String> objects = new TreeSet<>();
        for (Command c : script.commands()) {
            switch (c.name()) {
                case "New-TransportRule" -> objects.add("transport rule " + value(c, "Name"));
                case "New-InboundConnector" -> objects.add("inbound connector " + value(c, "Name"));
                case "New-ReceiveConnector" -> objects.add("receive connector " + value(c, "Name"));
                case "New-TenantAllowBlockListSpoofItems" -> objects.add("recorded spoof pairs");
                case "Add-IPAllowListEntry" -> objects.add("tagged Edge IP Allow List entries");
                case "Set-HostedConnectionFilterPolicy" -> {
                    if (c.argument("IPAllowList").orElseThrow().values().stream().anyMatch(v -> v.startsWith("Add="))) {
                        objects.add("recorded IP Allow List entries");
                    }
                }
                default -> { }
            }
        }
        return objects;
    }

    /** What a removal script removes; a helper function counts only when its body calls the real cmdlets. */
    static Set<String> removed(Script script) {
        Set<String> objects = new TreeSet<>();
        for (Command c : topLevel(script)) {
            switch (c.name()) {
                case "Remove-TransportRule" -> objects.add("transport rule " + value(c, "Identity"));
                case "Remove-InboundConnector" -> objects.add("inbound connector " + value(c, "Identity"));
                case "Remove-NetigateRecordedEntry" -> {
                    requireCall(script, c.name(), "Remove-TenantAllowBlockListSpoofItems");
                    requireCall(script, c.name(), "Set-HostedConnectionFilterPolicy");
                    objects.add("recorded spoof pairs");
                    objects.add("recorded IP Allow List entries");
                }
                case "Remove-NetigateReceiveConnector" -> {
                    requireCall(script, c.name(), "Remove-ReceiveConnector");
                    objects.add("receive connector " + value(c, "Name"));
                }
                case "Remove-IPAllowListEntry" -> objects.add("tagged Edge IP Allow List entries");
                default -> {
                    if (c.name().startsWith("New-") || c.name().startsWith("Add-")) {
                        objects.add("CREATES " + c);
                    }
                }
            }
        }
        return objects;
    }

    private static List<Command> topLevel(Script script) {
        return script.commands().stream().filter(c -> c.function().equals("-")).toList();
    }

    private static String value(Command command, String parameter) {
        return command.argument(parameter).orElseThrow(() -> new AssertionError(command + " lacks -" + parameter)).value();
    }

    private static void requireCall(Script script, String function, String cmdlet) {
        if (!script.functions().containsKey(function)
                || script.commands().stream().noneMatch(c -> c.function().equals(function) && c.name().equals(cmdlet))) {
            throw new AssertionError(script.file() + ": function " + function + " must be defined and call " + cmdlet);
        }
    }
}
