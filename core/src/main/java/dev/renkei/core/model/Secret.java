package dev.renkei.core.model;

import dev.renkei.core.support.Checks;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * A secret value (password, API key, token). Its {@code toString} never shows the value; only {@link #reveal()}
 * does, and only connectors call it, right before they present the secret to the remote system.
 */
public final class Secret {
    private final String value;

    private Secret(String value) {
        this.value = value;
    }

    /** Wraps a non-empty secret. */
    public static Secret of(String value) {
        Checks.notNull(value, "secret");
        if (value.isEmpty()) {
            throw new dev.renkei.core.ValidationException("secret must not be empty");
        }
        return new Secret(value);
    }

    /** The secret itself. Never log or print the result. */
    public String reveal() {
        return value;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Secret other
                && MessageDigest.isEqual(value.getBytes(StandardCharsets.UTF_8), other.value.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public int hashCode() {
        return 0; // deliberately constant: the hash must not leak anything about the value
    }

    @Override
    public String toString() {
        return "Secret[<not logged>]";
    }
}
