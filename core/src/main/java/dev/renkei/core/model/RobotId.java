package dev.renkei.core.model;

import dev.renkei.core.support.Checks;
import java.util.regex.Pattern;

/**
 * A robot's id, unique within its tenant.
 *
 * @param value 1–64 characters of letters, digits, {@code . _ -}
 */
public record RobotId(String value) {
    private static final Pattern FORM = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    /** Validates the id. */
    public RobotId {
        Checks.matches(value, FORM, "robot id", "use 1-64 letters, digits, '.', '_' or '-'");
    }

    /** Shorthand constructor. */
    public static RobotId of(String value) {
        return new RobotId(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
