package dev.whitelistgen.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Parses PowerShell scripts with the real PowerShell grammar (tree-sitter-powershell, run by node through
 * src/test/powershell/parse-powershell.mjs), since no PowerShell runs on these machines. Returns each
 * script's syntax errors and the commands it calls with their arguments.
 */
public final class PowerShellParser {

    /** One argument: the parameter it binds to ("-" when positional), the kind of value, and its values. */
    public record Argument(String parameter, String kind, List<String> values) {
        public String value() {
            return values.isEmpty() ? "" : values.get(0);
        }
    }

    /**
     * One command call; function is the script function it sits in, or "-"; shouldProcess is true when it runs
     * only inside an if ($PSCmdlet.ShouldProcess(...)) block, so -WhatIf skips it; conditions are the texts of
     * the if / elseif conditions whose then-block holds it, innermost first.
     */
    public record Command(int line, String function, String name, boolean shouldProcess, List<String> conditions,
            List<Argument> arguments) {
        public Optional<Argument> argument(String parameter) {
            return arguments.stream().filter(a -> a.parameter().equalsIgnoreCase(parameter)).findFirst();
        }

        @Override
        public String toString() {
            return name + " (line " + line + ")";
        }
    }

    public record Script(Path file, List<String> errors, Map<String, List<String>> functions, List<Command> commands) {
    }

    private PowerShellParser() {
    }

    public static Path helperFolder() {
        return Repo.path("src/test/powershell");
    }

    /**
     * Parses all files in one node run. --liftoff-only: with V8's optimising wasm compiler node spends
     * tens of seconds compiling the 1 MB grammar in the background and waits for it at exit.
     */
    public static boolean installed() {
        Path helper = helperFolder();
        return Files.isDirectory(helper.resolve("node_modules/web-tree-sitter"))
                && Files.isRegularFile(helper.resolve("node_modules/tree-sitter-powershell/tree-sitter-powershell.wasm"))
                && RealProgram.find("node").isPresent();
    }

    /** Skips the running test (or fails it under requireAll) when the parser is not installed. */
    public static void require() {
        if (!installed()) {
            throw Prerequisites.missing("the PowerShell parser is not installed: run .ci/setup.d/powershell-parser.sh"
                    + " (npm ci in src/test/powershell; needs Debian package nodejs and npm)");
        }
    }

    public static List<Script> parse(List<Path> files) {
        require();
        Path helper = helperFolder();
        List<String> command = new ArrayList<>(List.of(RealProgram.require("node").toString(), "--liftoff-only", helper.resolve("parse-powershell.mjs").toString()));
        files.forEach(f -> command.add(f.toAbsolutePath().toString()));
        RealProgram.Result result = RealProgram.run(Duration.ofSeconds(120), Map.of(), helper, command.toArray(String[]::new));
        if (result.exitCode() != 0) {
            throw new AssertionError("parse-powershell.mjs failed: " + result);
        }
        return read(result.out());
    }

    public static Script parse(Path file) {
        return parse(List.of(file)).get(0);
    }

    static List<Script> read(String output) {
        List<Script> scripts = new ArrayList<>();
        Path file = null;
        List<String> errors = null;
        Map<String, List<String>> functions = null;
        List<Command> commands = null;
        for (String line : output.split("\n")) {
            if (line.isEmpty()) {
                continue;
            }
            List<String> fields = new ArrayList<>();
            for (String field : line.split("\t", -1)) {
                fields.add(unescape(field));
            }
            switch (fields.get(0)) {
                case "FILE" -> {
                    file = Path.of(fields.get(1));
                    errors = new ArrayList<>();
                    functions = new LinkedHashMap<>();
                    commands = new ArrayList<>();
                }
                case "ERROR" -> errors.add(fields.get(1) + " " + fields.get(2) + ": " + fields.get(3));
                case "FUNC" -> functions.put(fields.get(1), List.copyOf(fields.subList(2, fields.size())));
                case "CMD" -> commands.add(new Command(Integer.parseInt(fields.get(1)), fields.get(2), fields.get(3),
                        fields.get(4).equals("should-process"), new ArrayList<>(), new ArrayList<>()));
                case "COND" -> commands.get(commands.size() - 1).conditions().add(fields.get(1));
                case "ARG" -> commands.get(commands.size() - 1).arguments()
                        .add(new Argument(fields.get(1), fields.get(2), List.copyOf(fields.subList(3, fields.size()))));
                case "END" -> scripts.add(new Script(file, List.copyOf(errors), Map.copyOf(functions), List.copyOf(commands)));
                default -> throw new AssertionError("unexpected parser output: " + line);
            }
        }
        return scripts;
    }

    private static String unescape(String field) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < field.length(); i++) {
            char c = field.charAt(i);
            if (c == '\\' && i + 1 < field.length()) {
                char next = field.charAt(++i);
                out.append(next == 't' ? '\t' : next == 'n' ? '\n' : next);
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
