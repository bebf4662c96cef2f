package dev.whitelistgen.check;

import java.util.Locale;

/** One line of a check's answer. */
public record Finding(Level level, String text) {

    public enum Level {
        /** As it should be. */
        OK,
        /** Context: the record, what to publish. */
        INFO,
        /** Works, but should be fixed. */
        WARN,
        /** Makes the check fail. */
        FAIL;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public static Finding ok(String text) {
        return new Finding(Level.OK, text);
    }

    public static Finding info(String text) {
        return new Finding(Level.INFO, text);
    }

    public static Finding warn(String text) {
        return new Finding(Level.WARN, text);
    }

    public static Finding fail(String text) {
        return new Finding(Level.FAIL, text);
    }
}
