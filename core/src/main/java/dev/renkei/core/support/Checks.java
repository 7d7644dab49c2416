package dev.renkei.core.support;

import dev.renkei.core.ValidationException;
import java.util.regex.Pattern;

/**
 * Argument checks: each returns its value when it is acceptable and otherwise throws with a message that names the
 * field and the rule. Two kinds of mistake are told apart, the way Jdbi and OkHttp do: a programming mistake in the
 * calling code (a {@code null}, a non-positive duration given to a builder) is a {@link NullPointerException} or an
 * {@link IllegalArgumentException}; a value a person typed or a vendor sent (a blank name, a malformed id, a line
 * break in a one-line field) is a {@link ValidationException}, which carries an error code a customer can act on.
 * Connector modules use these instead of writing their own.
 */
public final class Checks {
    private Checks() {}

    /** Requires a non-null value. @throws NullPointerException naming the field */
    public static <T> T notNull(T value, String field) {
        if (value == null) {
            throw new NullPointerException(field + " is required");
        }
        return value;
    }

    /** Requires a non-blank string and returns it stripped. @throws ValidationException when null or blank */
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

    /**
     * Requires an id of 1–64 letters, digits, {@code . _ -} starting with a letter or digit (the form of tenant and
     * robot ids), checked without a regular expression: ids are validated for every row a store reads.
     *
     * @throws ValidationException otherwise
     */
    public static String id(String value, String field) {
        notNull(value, field);
        int n = value.length();
        boolean ok = n >= 1 && n <= 64;
        for (int i = 0; ok && i < n; i++) {
            char ch = value.charAt(i);
            boolean alnum = ch >= 'a' && ch <= 'z' || ch >= 'A' && ch <= 'Z' || ch >= '0' && ch <= '9';
            ok = alnum || i > 0 && (ch == '.' || ch == '_' || ch == '-');
        }
        if (!ok) {
            throw new ValidationException(field + " '" + printable(value) + "' is invalid: use 1-64 letters, digits, "
                    + "'.', '_' or '-'");
        }
        return value;
    }

    /** Requires a positive duration (a setting given in code). @throws IllegalArgumentException otherwise */
    public static java.time.Duration positive(java.time.Duration d, String field) {
        notNull(d, field);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(field + " must be a positive duration, got " + d);
        }
        return d;
    }

    /** Requires a duration that is zero or positive (a setting given in code). @throws IllegalArgumentException otherwise */
    public static java.time.Duration nonNegative(java.time.Duration d, String field) {
        notNull(d, field);
        if (d.isNegative()) {
            throw new IllegalArgumentException(field + " must not be negative, got " + d);
        }
        return d;
    }

    /** Requires a count of at least {@code min} (a setting given in code). @throws IllegalArgumentException otherwise */
    public static int atLeast(int value, int min, String field) {
        if (value < min) {
            throw new IllegalArgumentException(field + " must be at least " + min + ", got " + value);
        }
        return value;
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
