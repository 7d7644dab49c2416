package dev.renkei.core.support;

import dev.renkei.core.ValidationException;
import java.util.regex.Pattern;

/**
 * Argument checks for domain values and connector settings: each returns its value when it is acceptable and
 * otherwise throws a {@link ValidationException} whose message names the field and the rule. Connector modules
 * use these instead of writing their own.
 */
public final class Checks {
    private Checks() {}

    /** Requires a non-null value. */
    public static <T> T notNull(T value, String field) {
        if (value == null) {
            throw new ValidationException(field + " is required");
        }
        return value;
    }

    /** Requires a non-blank string and returns it stripped. */
    public static String notBlank(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new ValidationException(field + " is required and must not be blank");
        }
        return value.strip();
    }

    /** Requires a value that matches a pattern. */
    public static String matches(String value, Pattern pattern, String field, String rule) {
        notNull(value, field);
        if (!pattern.matcher(value).matches()) {
            throw new ValidationException(field + " '" + printable(value) + "' is invalid: " + rule);
        }
        return value;
    }

    /** Requires a positive duration. */
    public static java.time.Duration positive(java.time.Duration d, String field) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new ValidationException(field + " must be a positive duration, got " + d);
        }
        return d;
    }

    /** Requires a duration that is zero or positive. */
    public static java.time.Duration nonNegative(java.time.Duration d, String field) {
        if (d == null || d.isNegative()) {
            throw new ValidationException(field + " must not be negative, got " + d);
        }
        return d;
    }

    /** Rejects CR, LF, NUL and other line/control characters (values that end up in headers or one-line fields). */
    public static String singleLine(String value, String field) {
        if (ControlCharacters.containsAny(value)) {
            throw new ValidationException(field + " must not contain line breaks or control characters");
        }
        return value;
    }

    /** A value made safe to quote in a message: control characters shown as '?', cut at 80 characters. */
    public static String printable(String value) {
        if (value == null) {
            return "null";
        }
        String s = ControlCharacters.replace(value, "?");
        return s.length() > 80 ? s.substring(0, 80) + "…" : s;
    }
}
