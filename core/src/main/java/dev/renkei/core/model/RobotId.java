package dev.renkei.core.model;

import dev.renkei.core.support.Checks;

/**
 * A robot's id, unique within its tenant.
 *
 * @param value 1–64 characters of letters, digits, {@code . _ -}
 */
public record RobotId(String value) {

    /** Validates the id. */
    public RobotId {
        Checks.id(value, "robot id");
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
