package dev.renkei.core.mypage;

import dev.renkei.core.model.TenantId;
import java.util.Optional;

/**
 * Where MyPage accounts live: the host's member table. {@code JdbcStore} ships a default over
 * {@code renkei_mypage_accounts}; a host with its own member table implements this and passes it to
 * {@link MyPageService.Builder#accounts}. Every call is scoped by tenant, and e-mails arrive normalised (trimmed,
 * NFKC, lower-cased domain).
 */
public interface MyPageAccounts {
    /**
     * The account with that e-mail in the tenant.
     *
     * @param tenant the tenant
     * @param email the normalised e-mail
     * @return the account, if any
     */
    Optional<MyPageAccount> findByEmail(TenantId tenant, String email);

    /**
     * An account by id.
     *
     * @param tenant the tenant
     * @param id the account id
     * @return the account, if any
     */
    Optional<MyPageAccount> find(TenantId tenant, String id);

    /**
     * Creates a provisional account without a password, or returns the one that already has this e-mail (two
     * callers at once get the same account: e-mails are unique per tenant).
     *
     * @param tenant the tenant
     * @param email the normalised e-mail
     * @return the account
     */
    MyPageAccount createProvisional(TenantId tenant, String email);

    /**
     * Sets the password of an account that has none and makes it registered.
     *
     * @param tenant the tenant
     * @param id the account id
     * @param passwordHash the PBKDF2 hash
     * @return false when the account is missing or already has a password (nothing changed)
     */
    boolean register(TenantId tenant, String id, String passwordHash);
}
