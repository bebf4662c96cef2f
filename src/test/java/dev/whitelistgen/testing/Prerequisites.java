package dev.whitelistgen.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.opentest4j.TestAbortedException;

/**
 * What a test needs from outside the repository: a real program or third-party data. Where it is missing the
 * test is skipped with a reason that says how to get it; with the switch {@value #REQUIRE_ALL} (or the environment
 * variable {@value #REQUIRE_ALL_ENV}) set to true, as .ci/run does, a missing prerequisite fails the test instead,
 * so CI proves every target against the real program.
 */
public final class Prerequisites {

    public static final String REQUIRE_ALL = "whitelistgen.requireAll";
    public static final String REQUIRE_ALL_ENV = "WHITELISTGEN_REQUIRE_ALL";

    private Prerequisites() {
    }

    public static boolean requireAll() {
        String value = System.getProperty(REQUIRE_ALL, System.getenv(REQUIRE_ALL_ENV));
        return value != null && (value.isEmpty() || value.toLowerCase(Locale.ROOT).equals("true"));
    }

    /** Skips the running test, or fails it when every prerequisite is required. Never returns. */
    public static RuntimeException missing(String reason) {
        if (requireAll()) {
            throw new AssertionError(reason + " (required: " + REQUIRE_ALL + " is set)");
        }
        throw new TestAbortedException(reason);
    }

    /**
     * Third-party data a test reads: the path named by the system property or, failing that, the environment
     * variable. {@code what} says what it is and where a user gets it.
     */
    public static Path externalData(String property, String environment, String what) {
        String configured = System.getProperty(property, System.getenv(environment));
        if (configured == null || configured.isBlank()) {
            throw missing(what + " not given: set -D" + property + "=PATH or " + environment);
        }
        Path path = Path.of(configured);
        if (!Files.exists(path)) {
            throw missing(what + " not found at " + path + " (from " + property + "/" + environment + ")");
        }
        return path;
    }
}
