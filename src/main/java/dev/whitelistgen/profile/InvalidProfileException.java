package dev.whitelistgen.profile;

import dev.whitelistgen.UserError;
import java.util.List;

/** Every problem found in one profile file, not only the first. */
public class InvalidProfileException extends UserError {

    private static final long serialVersionUID = 1L;

    private final List<ProfileProblem> problems;

    public InvalidProfileException(List<ProfileProblem> problems) {
        super(Kind.INVALID_INPUT, problems.stream().map(ProfileProblem::toString).toList());
        this.problems = List.copyOf(problems);
    }

    public List<ProfileProblem> fileProblems() {
        return problems;
    }
}
