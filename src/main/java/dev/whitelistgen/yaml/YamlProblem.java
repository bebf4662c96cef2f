package dev.whitelistgen.yaml;

/** One thing wrong in a YAML file (a profile, a target.yaml), located by line and field. */
public record YamlProblem(String file, int line, String field, String message) {

    @Override
    public String toString() {
        String where = line > 0 ? file + ":" + line : file;
        return field.isEmpty() ? where + ": " + message : where + ": " + field + ": " + message;
    }
}
