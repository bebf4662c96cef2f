package dev.whitelistgen;

import java.util.List;

/**
 * A problem the user can fix: bad flags, a bad profile, a refused request, an unwritable folder.
 * Each line of {@link #lines()} is printed as is, so it must name the file, field or flag it is about.
 */
public class UserError extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public enum Kind {
        /** A flag or argument is wrong or missing. */
        USAGE,
        /** A profile, or a value given on the command line, is invalid. */
        INVALID_INPUT,
        /** The input is valid, but the target cannot express it safely (a limit would be passed). */
        REFUSED,
        /** Reading or writing a file failed. */
        IO,
        /** A DNS or SMTP server could not be reached or did not answer in time. */
        NETWORK
    }

    private final Kind kind;
    private final List<String> lines;

    public UserError(Kind kind, String message) {
        this(kind, List.of(message));
    }

    public UserError(Kind kind, List<String> lines) {
        super(String.join("\n", lines));
        this.kind = kind;
        this.lines = List.copyOf(lines);
    }

    public Kind kind() {
        return kind;
    }

    public List<String> lines() {
        return lines;
    }
}
