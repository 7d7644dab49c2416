package dev.renkei.core.model;

import dev.renkei.core.support.Checks;
import java.util.Optional;

/**
 * One job-board account of a robot. The slot id is fixed for life; editing the credentials keeps it. Deleting
 * tombstones the slot: it is hidden and never runs again, and its number is never reused.
 *
 * @param id e.g. {@code doda_001}
 * @param credentials the board login
 * @param tombstoned true once deleted
 * @param lastVerdict the last login-check verdict, if any
 */
public record AccountSlot(SlotId id, Credentials credentials, boolean tombstoned, LoginVerdict lastVerdict) {
    /** Validates. */
    public AccountSlot {
        Checks.notNull(id, "slot id");
        Checks.notNull(credentials, "credentials");
    }

    /** The medium (media connector id), e.g. {@code doda}. */
    public String medium() {
        return id.medium();
    }

    /** The last login-check verdict. */
    public Optional<LoginVerdict> verdict() {
        return Optional.ofNullable(lastVerdict);
    }

    /** A copy with other credentials. */
    public AccountSlot withCredentials(Credentials c) {
        return new AccountSlot(id, c, tombstoned, null);
    }

    /** A tombstoned copy. */
    public AccountSlot tombstone() {
        return new AccountSlot(id, credentials, true, lastVerdict);
    }

    /** A copy with a verdict. */
    public AccountSlot withVerdict(LoginVerdict v) {
        return new AccountSlot(id, credentials, tombstoned, v);
    }
}
