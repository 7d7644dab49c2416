package dev.renkei.core.store.internal;

import static dev.renkei.core.store.internal.Jdbc.append;

import dev.renkei.core.ConflictException;
import dev.renkei.core.model.RunId;
import dev.renkei.core.store.ImportLedger;
import dev.renkei.core.store.LedgerEntry;
import dev.renkei.core.store.LedgerKey;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
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
    private static final String COLUMNS = "state, ats_id, run_id, execution, updated_at";
    private static final String INSERT = "INSERT INTO renkei_import_ledger (tenant_id, ats_account, medium, "
            + "board_account_key, board_application_id, idempotency_key, state, ats_id, run_id, execution, "
            + "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, CURRENT_TIMESTAMP)";

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
        return jdbc.autoCommit(() -> "reserve ledger key " + key.idempotencyKey(), c -> {
            for (int i = 0; i < RESERVE_ATTEMPTS; i++) {
                Optional<Optional<LedgerEntry>> outcome = dialect == Dialect.POSTGRESQL
                        ? insertThenRead(c, key, run, execution) : readThenInsert(c, key, run, execution);
                if (outcome.isPresent()) {
                    return outcome.get();
                }
                // the key changed hands between our two statements: try again
            }
            throw new ConflictException("ledger key " + key.idempotencyKey()
                    + " kept changing while being reserved");
        });
    }

    /** The reserve as a read, then (for a new key) one arbitrated insert; empty when the insert lost a race. */
    private Optional<Optional<LedgerEntry>> readThenInsert(Connection c, LedgerKey key, RunId run, String execution)
            throws SQLException {
        Optional<LedgerEntry> existing = read(c, key);
        if (existing.isPresent()) {
            return Optional.of(existing);
        }
        // one arbitrated insert in its own transaction: of concurrent reservers the primary key picks one
        return dialect.insertIfAbsent(c, INSERT, insertParams(key, run, execution))
                ? Optional.of(Optional.empty()) : Optional.empty();
    }

    /**
     * The reserve as one arbitrated insert, then (only when the key was taken) a read of the entry that holds it
     * (PostgreSQL): a new key, the common case, costs one plain {@code INSERT … ON CONFLICT DO NOTHING}. Empty when
     * the holder was released between the insert and the read: the caller tries again.
     */
    private Optional<Optional<LedgerEntry>> insertThenRead(Connection c, LedgerKey key, RunId run, String execution)
            throws SQLException {
        if (dialect.insertIfAbsent(c, INSERT, insertParams(key, run, execution))) {
            return Optional.of(Optional.empty());
        }
        Optional<LedgerEntry> existing = read(c, key);
        return existing.isPresent() ? Optional.of(existing) : Optional.empty();
    }

    private static Object[] insertParams(LedgerKey key, RunId run, String execution) {
        return append(keyParams(key), key.idempotencyKey(), LedgerEntry.State.RESERVED.name(), Jdbc.NULL_STRING,
                run.value(), execution);
    }

    @Override
    public boolean takeOver(LedgerEntry seen, RunId run, String execution) {
        Objects.requireNonNull(seen, "ledger entry");
        Objects.requireNonNull(execution, "execution");
        LedgerKey key = seen.key();
        return jdbc.autoCommit(() -> "take over ledger key " + key.idempotencyKey(), c -> Jdbc.update(c,
                "UPDATE renkei_import_ledger SET run_id = ?, execution = ?, updated_at = CURRENT_TIMESTAMP WHERE "
                        + LEDGER_KEY + " AND state = ? AND run_id = ? AND execution IS NOT DISTINCT FROM ?",
                append(keyParams(key, run.value(), execution), LedgerEntry.State.RESERVED.name(),
                        seen.runId().value(), Jdbc.str(seen.execution()))) == 1);
    }

    @Override
    public boolean complete(LedgerKey key, String execution, String atsId) {
        Objects.requireNonNull(key, "ledger key");
        Objects.requireNonNull(execution, "execution");
        return jdbc.autoCommit(() -> "complete ledger key " + key.idempotencyKey(), c -> Jdbc.update(c,
                "UPDATE renkei_import_ledger SET state = ?, ats_id = ?, updated_at = CURRENT_TIMESTAMP WHERE "
                        + LEDGER_KEY + " AND state = ? AND execution = ?",
                append(keyParams(key, LedgerEntry.State.COMPLETED.name(), Jdbc.str(atsId)),
                        LedgerEntry.State.RESERVED.name(), execution)) == 1);
    }

    @Override
    public boolean release(LedgerKey key, String execution) {
        Objects.requireNonNull(key, "ledger key");
        Objects.requireNonNull(execution, "execution");
        return jdbc.autoCommit(() -> "release ledger key " + key.idempotencyKey(), c -> Jdbc.update(c,
                "DELETE FROM renkei_import_ledger WHERE " + LEDGER_KEY + " AND state = ? AND execution = ?",
                append(keyParams(key), LedgerEntry.State.RESERVED.name(), execution)) == 1);
    }

    /**
     * The fence of {@link dev.renkei.core.store.RenkeiStore#holdsReservation} in one statement: the reservation is
     * this execution's and its run is running under the same execution.
     */
    public boolean holds(RunId run, String execution, LedgerKey key) {
        Objects.requireNonNull(run, "run id");
        Objects.requireNonNull(execution, "execution");
        Objects.requireNonNull(key, "ledger key");
        return jdbc.autoCommit(() -> "check the reservation of " + key.idempotencyKey(), c -> Jdbc.queryOne(c,
                "SELECT 1 FROM renkei_import_ledger WHERE " + LEDGER_KEY + " AND state = ? AND execution = ? "
                        + "AND EXISTS (SELECT 1 FROM renkei_runs WHERE renkei_runs.run_id = ? "
                        + "AND renkei_runs.status = ? AND renkei_runs.execution = ?)", rs -> 1,
                append(keyParams(key), LedgerEntry.State.RESERVED.name(), execution, run.value(),
                        dev.renkei.core.model.RunStatus.RUNNING.name(), execution)).isPresent());
    }

    @Override
    public Optional<LedgerEntry> find(LedgerKey key) {
        Objects.requireNonNull(key, "ledger key");
        return jdbc.autoCommit(() -> "read ledger key " + key.idempotencyKey(), c -> read(c, key));
    }

    private Optional<LedgerEntry> read(Connection c, LedgerKey key) throws SQLException {
        return Jdbc.queryOne(c, "SELECT " + COLUMNS + " FROM renkei_import_ledger WHERE " + LEDGER_KEY,
                rs -> entry(key, rs), keyParams(key));
    }

    private static LedgerEntry entry(LedgerKey key, ResultSet rs) throws SQLException {
        return new LedgerEntry(key, LedgerEntry.State.valueOf(rs.getString("state")), rs.getString("ats_id"),
                new RunId(rs.getString("run_id")), rs.getString("execution"), Jdbc.instant(rs, "updated_at"));
    }
}
