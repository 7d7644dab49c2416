package dev.renkei.core.model;

import dev.renkei.core.ErrorCode;
import dev.renkei.core.support.Checks;
import java.time.Instant;

/**
 * The outcome of a login check of one account.
 *
 * @param account what was checked: a slot id such as {@code doda_001}, or {@code ATS}
 * @param ok true when the login worked
 * @param code the error when not ok, else {@code null}
 * @param message what failed (never a secret), or {@code null}
 * @param checkedAt when the check finished
 */
public record LoginVerdict(String account, boolean ok, ErrorCode code, String message, Instant checkedAt) {
    /** Validates consistency. */
    public LoginVerdict {
        Checks.notBlank(account, "account");
        Checks.notNull(checkedAt, "checkedAt");
        if (ok && code != null) {
            throw new dev.renkei.core.ValidationException("an OK verdict of " + account + " has no error code");
        }
        if (!ok && code == null) {
            throw new dev.renkei.core.ValidationException("a failed verdict of " + account + " needs an error code");
        }
    }

    /** A successful check. */
    public static LoginVerdict ok(String account, Instant at) {
        return new LoginVerdict(account, true, null, null, at);
    }

    /** A failed check. */
    public static LoginVerdict failed(String account, ErrorCode code, String message, Instant at) {
        return new LoginVerdict(account, false, code, message, at);
    }

    /** The remedy for a failed check in the given locale, e.g. "check the ID/password of doda_001". */
    public String remedy(java.util.Locale locale) {
        return ok ? "" : code.remedy(locale, account);
    }
}
