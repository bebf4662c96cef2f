package dev.whitelistgen.yaml;

import dev.whitelistgen.UserError;
import java.util.List;

/** Every problem found in one YAML file, not only the first. */
public class InvalidYamlException extends UserError {

    private static final long serialVersionUID = 1L;

    private final List<YamlProblem> problems;

    public InvalidYamlException(List<YamlProblem> problems) {
        super(Kind.INVALID_INPUT, problems.stream().map(YamlProblem::toString).toList());
        this.problems = List.copyOf(problems);
    }

    public List<YamlProblem> fileProblems() {
        return problems;
    }
}
