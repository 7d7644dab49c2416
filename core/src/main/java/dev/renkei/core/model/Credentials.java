package dev.renkei.core.model;

import dev.renkei.core.support.Checks;
import java.util.Map;
import java.util.TreeSet;

/**
 * What a robot logs in with: a login id, a secret, and extra fields some boards ask for (e.g. a company code).
 * {@code toString} never shows the secret nor the extra values, only the extras' names. Stored encrypted.
 *
 * @param loginId the login id (not secret)
 * @param secret the password or key
 * @param extras extra login fields by name (not secret), e.g. {@code companyCode}
 */
public record Credentials(String loginId, Secret secret, Map<String, String> extras) {
    /** Validates and copies. */
    public Credentials {
        loginId = Checks.singleLine(Checks.notBlank(loginId, "login id"), "login id");
        Checks.notNull(secret, "secret");
        if (extras != null) {
            extras.forEach((k, v) -> {
                Checks.notBlank(k, "extra field name");
                Checks.notNull(v, "extra field '" + k + "'");
                Checks.singleLine(v, "extra field '" + k + "'");
            });
        }
        extras = extras == null ? Map.of() : Map.copyOf(extras);
    }

    /** Credentials without extras. */
    public static Credentials of(String loginId, String secret) {
        return new Credentials(loginId, Secret.of(secret), Map.of());
    }

    @Override
    public String toString() {
        // extra values (company codes, sub-account ids) identify a customer's account: their names only
        return "Credentials[loginId=" + loginId + ", secret=<not logged>, extras=" + new TreeSet<>(extras.keySet())
                + "]";
    }
}
