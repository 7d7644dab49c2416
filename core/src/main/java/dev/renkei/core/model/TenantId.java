package dev.renkei.core.model;

import dev.renkei.core.support.Checks;

/**
 * The customer company a record belongs to. Every store call is scoped by a tenant; nothing of one tenant is
 * visible through another's calls.
 *
 * @param value 1–64 characters of letters, digits, {@code . _ -}
 */
public record TenantId(String value) {

    /** Validates the id. */
    public TenantId {
        Checks.id(value, "tenant id");
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
