package dev.whitelistgen;

import java.util.List;
import java.util.Optional;

/**
 * A problem the user can fix: bad flags, a bad profile, a refused request, an unwritable folder. Each problem's
 * {@link Problem#line() line} is printed as is, so it must name the file, field or flag it is about; a problem
 * about one input also carries that {@link Input}, so a front door can place it without reading the text.
 */
public class UserError extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public enum Kind {
        /** A flag or argument is wrong or missing. */
        USAGE,
        /** A profile, a target folder, or a value given on the command line, is invalid. */
        INVALID_INPUT,
        /** The input is valid, but the target cannot express it safely (a limit would be passed). */
        REFUSED,
        /** Reading or writing a file failed. */
        IO,
        /** A DNS or SMTP server could not be reached or did not answer in time. */
        NETWORK
    }

    /**
     * One line of the message; {@code input} is the value it is about, or null for one about nothing the user
     * typed (a profile file's problem, a target's documented limit). A line about an input starts with its flag.
     */
    public record Problem(Input input, String line) {
        public Problem {
            if (input != null && !line.startsWith(input.flag())) {
                throw new IllegalArgumentException("a problem about " + input.flag() + " must start with it: " + line);
            }
        }

        public static Problem general(String line) {
            return new Problem(null, line);
        }

        public Optional<Input> about() {
            return Optional.ofNullable(input);
        }
    }

    private final Kind kind;
    private final List<Problem> problems;

    public UserError(Kind kind, String message) {
        this(kind, List.of(message));
    }

    public UserError(Kind kind, List<String> lines) {
        this(kind, lines.stream().map(Problem::general).toArray(Problem[]::new));
    }

    /** A problem with one input: printed as "--flag: detail". */
    public UserError(Kind kind, Input input, String detail) {
        this(kind, new Problem[] {input.problem(detail)});
    }

    public UserError(Kind kind, Problem problem) {
        this(kind, new Problem[] {problem});
    }

    private UserError(Kind kind, Problem[] problems) {
        super(String.join("\n", java.util.Arrays.stream(problems).map(Problem::line).toList()));
        this.kind = kind;
        this.problems = List.of(problems);
    }

    /** Several problems found together (every one, not only the first); the kind is the first one's. */
    public static UserError of(Kind kind, List<Problem> problems) {
        return new UserError(kind, problems.toArray(Problem[]::new));
    }

    public Kind kind() {
        return kind;
    }

    public List<Problem> problems() {
        return problems;
    }

    public List<String> lines() {
        return problems.stream().map(Problem::line).toList();
    }
}
