package dev.renkei.core.store.internal;

import dev.renkei.core.model.TenantId;
import dev.renkei.core.mypage.MyPageAccount;
import dev.renkei.core.mypage.MyPageAccounts;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/** The default MyPage member table, {@code renkei_mypage_accounts}. Not API. */
public final class JdbcMyPageAccounts extends JdbcRepository implements MyPageAccounts {
    private static final String COLUMNS = "tenant_id, account_id, email, status, password_hash, created_at";

    /** The accounts of a store. */
    public JdbcMyPageAccounts(JdbcContext ctx) {
        super(ctx);
    }

    @Override
    public Optional<MyPageAccount> findByEmail(TenantId tenant, String email) {
        return jdbc.autoCommit("find a MyPage account by e-mail", c -> Jdbc.queryOne(c, "SELECT " + COLUMNS
                + " FROM renkei_mypage_accounts WHERE tenant_id = ? AND email = ?", JdbcMyPageAccounts::read,
                tenant.value(), Objects.requireNonNull(email, "email")));
    }

    @Override
    public Optional<MyPageAccount> find(TenantId tenant, String id) {
        return jdbc.autoCommit("find MyPage account " + id, c -> Jdbc.queryOne(c, "SELECT " + COLUMNS
                + " FROM renkei_mypage_accounts WHERE tenant_id = ? AND account_id = ?", JdbcMyPageAccounts::read,
                tenant.value(), Objects.requireNonNull(id, "id")));
    }

    @Override
    public MyPageAccount createProvisional(TenantId tenant, String email) {
        Objects.requireNonNull(email, "email");
        return jdbc.autoCommit("create a MyPage account", c -> {
            dialect.insertIfAbsent(c, "INSERT INTO renkei_mypage_accounts (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?)",
                    tenant.value(), "acc-" + UUID.randomUUID(), email, MyPageAccount.Status.PROVISIONAL.name(),
                    Jdbc.NULL_STRING, now(c));
            return Jdbc.queryOne(c, "SELECT " + COLUMNS + " FROM renkei_mypage_accounts WHERE tenant_id = ? AND email = ?",
                    JdbcMyPageAccounts::read, tenant.value(), email).orElseThrow();
        });
    }

    @Override
    public boolean register(TenantId tenant, String id, String passwordHash) {
        Objects.requireNonNull(passwordHash, "passwordHash");
        return jdbc.autoCommit("register MyPage account " + id, c -> Jdbc.update(c, "UPDATE renkei_mypage_accounts "
                        + "SET password_hash = ?, status = ?, registered_at = ? WHERE tenant_id = ? AND account_id = ? "
                        + "AND password_hash IS NULL", passwordHash, MyPageAccount.Status.REGISTERED.name(), now(c),
                tenant.value(), id) == 1);
    }

    private static MyPageAccount read(ResultSet rs) throws SQLException {
        return new MyPageAccount(TenantId.of(rs.getString("tenant_id")), rs.getString("account_id"),
                rs.getString("email"), MyPageAccount.Status.valueOf(rs.getString("status")),
                rs.getString("password_hash"), Jdbc.instant(rs, "created_at"));
    }
}
