package dev.renkei.core.mypage;

import dev.renkei.core.model.TenantId;
import dev.renkei.core.support.Checks;
import java.time.Instant;

/**
 * A MyPage account (a member of the host's site).
 *
 * @param tenant the tenant
 * @param id the account id
 * @param email the normalised e-mail (unique per tenant)
 * @param status provisional until a password is set, then registered
 * @param passwordHash the PBKDF2 hash, or {@code null} while no password is set
 * @param createdAt when it was created
 */
public record MyPageAccount(TenantId tenant, String id, String email, Status status, String passwordHash,
                            Instant createdAt) {
    /** Account states. */
    public enum Status {
        /** 仮登録: created, no password yet (or set by the host without completing). */
        PROVISIONAL,
        /** 本登録: a password is set. */
        REGISTERED
    }

    /** Validates. */
    public MyPageAccount {
        Checks.notNull(tenant, "tenant");
        Checks.notBlank(id, "account id");
        Checks.notBlank(email, "email");
        Checks.notNull(status, "status");
        Checks.notNull(createdAt, "createdAt");
    }

    /** True when a password is set. */
    public boolean hasPassword() {
        return passwordHash != null && !passwordHash.isEmpty();
    }

    @Override
    public String toString() {
        return "MyPageAccount[" + tenant + ", " + id + ", " + status + ", password=" + (hasPassword() ? "set" : "none")
                + "]";
    }
}
