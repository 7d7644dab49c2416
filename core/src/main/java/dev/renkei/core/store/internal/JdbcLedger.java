package dev.renkei.core.store.internal;

import static dev.renkei.core.store.internal.Jdbc.append;

import dev.renkei.core.ConflictException;
import dev.renkei.core.model.RunId;
import dev.renkei.core.store.ImportLedger;
import dev.renkei.core.store.LedgerEntry;
import dev.renkei.core.store.LedgerKey;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * The import ledger in {@code renkei_import_ledger}: a reservation is one arbitrated insert, and completing or
 * releasing it is conditional on the reserving execution. Not API.
 */
public final class JdbcLedger extends JdbcRepository implements ImportLedger {
    private static final int RESERVE_ATTEMPTS = 5;
    private static final String LEDGER_KEY = "tenant_id = ? AND ats_account = ? AND medium = ? "
            + "AND board_account_key = ? AND board_application_id = ?";

    private static Object[] keyParams(LedgerKey k, Object... before) {
        Object[] out = Arrays.copyOf(before, before.length + 5);
        out[before.length] = k.tenant().value();
        out[before.length + 1] = k.atsAccount();
        out[before.length + 2] = k.medium();
        out[before.length + 3] = k.boardAccountKey();
        out[before.length + 4] = k.boardApplicationId();
        return out;
    }

    /** The import ledger of a store. */
    public JdbcLedger(JdbcContext ctx) {
        super(ctx);
    }

    @Override
    public Optional<LedgerEntry> reserve(LedgerKey key, RunId run, String execution) {
        Objects.requireNonNull(key, "ledger key");
        Objects.requireNonNull(run, "run id");
        Objects.requireNonNull(execution, "execution");
        return jdbc.autoCommit("reserve ledger key " + key.idempotencyKey(), c -> {
            for (int i = 0; i < RESERVE_ATTEMPTS; i++) {
                Optional<LedgerEntry> existing = read(c, key);
                if (existing.isPresent()) {
                    return existing;
                }
                // one arbitrated insert in its own transaction: of concurrent reservers the primary key picks one
                boolean inserted = dialect.insertIfAbsent(c, "INSERT INTO renkei_import_ledger (tenant_id, "
                                + "ats_account, medium, board_account_key, board_application_id, idempotency_key, "
                                + "state, ats_id, run_id, execution, updated_at) "
                                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, CURRENT_TIMESTAMP)",
                        append(keyParams(key), key.idempotencyKey(), LedgerEntry.State.RESERVED.name(),
                                Jdbc.NULL_STRING, run.value(), execution));
                if (inserted) {
                    return Optional.<LedgerEntry>empty();
                }
                // reserved or completed between our read and our insert: read again
            }
            throw new ConflictException("ledger key " + key.idempotencyKey()
                    + " kept changing while being reserved");
        });
    }

    @Override
    public boolean takeOver(LedgerEntry seen, RunId run, String execution) {
        Objects.requireNonNull(seen, "ledger entry");
        Objects.requireNonNull(execution, "execution");
        LedgerKey key = seen.key();
        return jdbc.autoCommit("take over ledger key " + key.idempotencyKey(), c -> Jdbc.update(c,
                "UPDATE renkei_import_ledger SET run_id = ?, execution = ?, updated_at = CURRENT_TIMESTAMP WHERE "
                        + LEDGER_KEY + " AND state = ? AND run_id = ? AND execution IS NOT DISTINCT FROM ?",
                append(keyParams(key, run.value(), execution), LedgerEntry.State.RESERVED.name(),
                        seen.runId().value(), Jdbc.str(seen.execution()))) == 1);
    }

    @Override
    public boolean complete(LedgerKey key, String execution, String atsId) {
        Objects.requireNonNull(key, "ledger key");
        Objects.requireNonNull(execution, "execution");
        return jdbc.autoCommit("complete ledger key " + key.idempotencyKey(), c -> Jdbc.update(c,
                "UPDATE renkei_import_ledger SET state = ?, ats_id = ?, updated_at = CURRENT_TIMESTAMP WHERE "
                        + LEDGER_KEY + " AND state = ? AND execution = ?",
                append(keyParams(key, LedgerEntry.State.COMPLETED.name(), Jdbc.str(atsId)),
                        LedgerEntry.State.RESERVED.name(), execution)) == 1);
    }

    @Override
    public boolean release(LedgerKey key, String execution) {
        Objects.requireNonNull(key, "ledger key");
        Objects.requireNonNull(execution, "execution");
        return jdbc.autoCommit("release ledger key " + key.idempotencyKey(), c -> Jdbc.update(c,
                "DELETE FROM renkei_import_ledger WHERE " + LEDGER_KEY + " AND state = ? AND execution = ?",
                append(keyParams(key), LedgerEntry.State.RESERVED.name(), execution)) == 1);
    }

    @Override
    public Optional<LedgerEntry> find(LedgerKey key) {
        Objects.requireNonNull(key, "ledger key");
        return jdbc.autoCommit("read ledger key " + key.idempotencyKey(), c -> read(c, key));
    }

    private Optional<LedgerEntry> read(Connection c, LedgerKey key) throws SQLException {
        return Jdbc.queryOne(c, "SELECT state, ats_id, run_id, execution, updated_at FROM renkei_import_ledger "
                        + "WHERE " + LEDGER_KEY,
                rs -> new LedgerEntry(key, LedgerEntry.State.valueOf(rs.getString("state")),
                        rs.getString("ats_id"), new RunId(rs.getString("run_id")), rs.getString("execution"),
                        Jdbc.instant(rs, "updated_at")),
                keyParams(key));
    }
}
