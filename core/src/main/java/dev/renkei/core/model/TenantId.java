package dev.renkei.core.model;

import dev.renkei.core.support.Checks;
import java.util.regex.Pattern;

/**
 * The customer company a record belongs to. Every store call is scoped by a tenant; nothing of one tenant is
 * visible through another's calls.
 *
 * @param value 1–64 characters of letters, digits, {@code . _ -}
 */
public record TenantId(String value) {
    private static final Pattern FORM = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    /** Validates the id. */
    public TenantId {
        Checks.matches(value, FORM, "tenant id", "use 1-64 letters, digits, '.', '_' or '-'");
    }

    /** Shorthand constructor. */
    public static TenantId of(String value) {
        return new TenantId(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
