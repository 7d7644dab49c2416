package dev.renkei.core.model;

import dev.renkei.core.support.Checks;
import java.util.UUID;

/**
 * A run's id.
 *
 * @param value a UUID string
 */
public record RunId(String value) {
    /** Validates. */
    public RunId {
        Checks.notBlank(value, "run id");
    }

    /** A fresh random id. */
    public static RunId random() {
        return new RunId(UUID.randomUUID().toString());
    }

    @Override
    public String toString() {
        return value;
    }
}
