package dev.whitelistgen.app;

import dev.whitelistgen.UserError;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/** Every problem of one request, so each input is checked even after another was found wrong. */
final class Problems {

    private final List<UserError.Problem> problems = new ArrayList<>();
    private UserError.Kind kind;

    /** Runs one check; a UserError is recorded (and null returned) so the other inputs are still checked. */
    <T> T attempt(Supplier<T> check) {
        try {
            return check.get();
        } catch (UserError e) {
            add(e);
            return null;
        }
    }

    void add(UserError error) {
        problems.addAll(error.problems());
        if (kind == null) {
            kind = error.kind();
        }
    }

    void add(UserError.Kind kind, UserError.Problem problem) {
        add(new UserError(kind, problem));
    }

    boolean any() {
        return !problems.isEmpty();
    }

    /** All problems as one error, of the first problem's kind (which decides the exit code). */
    void throwIfAny() {
        if (any()) {
            throw UserError.of(kind, problems);
        }
    }
}
