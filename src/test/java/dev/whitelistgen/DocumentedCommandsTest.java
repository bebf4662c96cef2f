package dev.whitelistgen;

import static org.assertj.core.api.Assertions.assertThat;

import dev.whitelistgen.testing.Cli;
import dev.whitelistgen.testing.Repo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every whitelist-gen command in a code block of README.md, docs/ and the targets' pages runs, where it is written,
 * as a reader would type it: it must not be a usage error, and must succeed (diff: 0 or 1). Commands with
 * placeholders (DOMAIN, FILE, `…`, `[--flag]` synopses), and those that need the network or stay running (check,
 * serve: their own tests cover them), are not run; a test below keeps that list from swallowing everything.
 */
class DocumentedCommandsTest {

    record Documented(Path page, int line, List<String> words) {
        @Override
        public String toString() {
            return Repo.path("").relativize(page) + ":" + line + ": " + String.join(" ", words);
        }
    }

    private static final Pattern PLACEHOLDER = Pattern.compile("…|\\.\\.\\.|\\[|\\||\\b[A-Z][A-Z_]{2,}\\b|<[a-z]");

    @TempDir
    static Path out;

    static List<Documented> documented() throws IOException {
        List<Path> pages = new ArrayList<>(List.of(Repo.path("README.md")));
        try (Stream<Path> docs = Files.list(Repo.path("docs")); Stream<Path> targets = Files.list(Repo.path("templates"))) {
            docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(pages::add);
            targets.map(t -> t.resolve("README.md")).filter(Files::exists).sorted().forEach(pages::add);
        }
        List<Documented> commands = new ArrayList<>();
        for (Path page : pages) {
            List<String> lines = Files.readAllLines(page);
            boolean inBlock = false;
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i).strip();
                if (line.startsWith("```")) {
                    inBlock = !inBlock;
                    continue;
                }
                if (!inBlock) {
                    continue;
                }
                String command = line.startsWith("$ ") ? line.substring(2) : line;
                if (!command.startsWith("bin/whitelist-gen ") && !command.startsWith("whitelist-gen ")) {
                    continue;
                }
                int first = i;
                while (command.endsWith("\\") && i + 1 < lines.size()) {
                    command = command.substring(0, command.length() - 1) + " " + lines.get(++i).strip();
                }
                commands.add(new Documented(page, first + 1, words(command)));
            }
        }
        return commands;
    }

    /** Shell words: single and double quotes, a comment from an unquoted '#' on. */
    static List<String> words(String command) {
        List<String> words = new ArrayList<>();
        StringBuilder word = null;
        char quote = 0;
        for (int i = 0; i < command.length(); i++) {
            char c = command.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    word.append(c);
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
                word = word == null ? new StringBuilder() : word;
            } else if (Character.isWhitespace(c)) {
                if (word != null) {
                    words.add(word.toString());
                    word = null;
                }
            } else if (c == '#' && word == null) {
                break;
            } else {
                word = word == null ? new StringBuilder() : word;
                word.append(c);
            }
        }
        if (word != null) {
            words.add(word.toString());
        }
        return words;
    }

    static boolean runnableHere(Documented command) {
        List<String> args = command.words().subList(1, command.words().size());
        if (args.isEmpty() || args.get(0).equals("serve") || args.get(0).equals("check")) {
            return false;
        }
        for (String arg : args) {
            if (PLACEHOLDER.matcher(arg).find()) {
                return false;
            }
            if (arg.endsWith(".yaml") && !Files.exists(Repo.path(arg))) {
                return false; // a version the reader is about to add
            }
        }
        return true;
    }

    @TestFactory
    Stream<DynamicTest> everyRunnableDocumentedCommandSucceeds() throws IOException {
        return documented().stream().filter(DocumentedCommandsTest::runnableHere).map(command -> DynamicTest.dynamicTest(
                command.toString(), () -> {
                    List<String> args = new ArrayList<>(command.words().subList(1, command.words().size()));
                    for (int i = 0; i + 1 < args.size(); i++) {
                        if (args.get(i).equals("-o") || args.get(i).equals("--output")) {
                            // into a folder of the test's own, never the checkout
                            args.set(i + 1, out.resolve(command.page().getFileName() + "-" + command.line() + "-"
                                    + Path.of(args.get(i + 1)).getFileName()).toString());
                        }
                        if (args.get(i).equals("--profile") || args.get(i).equals("validate")) {
                            String value = args.get(i + 1);
                            if (value.endsWith(".yaml")) {
                                args.set(i + 1, Repo.path(value).toString());
                            }
                        }
                    }
                    Cli.Result result = Cli.run(args.toArray(String[]::new));
                    boolean diff = args.get(0).equals("diff");
                    assertThat(result.exitCode()).as(result.toString()).isIn(diff ? List.of(0, 1) : List.of(0));
                }));
    }

    @Test
    void theDocumentedCommandsAreFoundAndMostRunHere() throws IOException {
        List<Documented> all = documented();
        long runnable = all.stream().filter(DocumentedCommandsTest::runnableHere).count();
        assertThat(all).hasSizeGreaterThan(20);
        assertThat(runnable).as("commands run by this test, of " + all.size()).isGreaterThanOrEqualTo(10);
        assertThat(all).anySatisfy(c -> assertThat(c.toString()).contains("README.md:").contains("--target postfix --server dach"));
    }

    @Test
    void wordsFollowTheShell() {
        assertThat(words("whitelist-gen --existing-spf \"v=spf1 -all\" -d 'a b' # note"))
                .containsExactly("whitelist-gen", "--existing-spf", "v=spf1 -all", "-d", "a b");
    }
}
