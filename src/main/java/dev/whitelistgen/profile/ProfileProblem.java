package dev.whitelistgen.profile;

/** One thing wrong in a profile file, located by line and field. */
public record ProfileProblem(String file, int line, String field, String message) {

    @Override
    public String toString() {
        String where = line > 0 ? file + ":" + line : file;
        return field.isEmpty() ? where + ": " + message : where + ": " + field + ": " + message;
    }
}
