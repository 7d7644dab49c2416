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
import dev.renkei.core.store.Reservation;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
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

    /** Keys per batched read: a listing page's worth. */
    static final int BATCH = 50;
    private static final String FIND_BATCH = "SELECT board_application_id, " + COLUMNS
            + " FROM renkei_import_ledger WHERE tenant_id = ? AND ats_account = ? AND medium = ? "
            + "AND board_account_key = ? AND board_application_id IN ("
            + String.join(", ", java.util.Collections.nCopies(BATCH, "?")) + ")";
    /**
     * The PostgreSQL form: a probe of the primary key per key. With an {@code IN} list, a plan made while the table
     * was nearly empty read every entry of the board account instead (2 ms and 250 buffers per page of 50).
     */
    static final String FIND_BATCH_POSTGRESQL = "SELECT l.board_application_id, l.state, l.ats_id, "
            + "l.run_id, l.execution, l.updated_at FROM unnest(?) AS k(id) CROSS JOIN LATERAL (SELECT "
            + "board_application_id, " + COLUMNS + " FROM renkei_import_ledger WHERE tenant_id = ? "
            + "AND ats_account = ? AND medium = ? AND board_account_key = ? AND board_application_id = k.id LIMIT 1) l";
    /** The run check and the arbitrated insert in one statement (PostgreSQL): live rows, inserted rows. */
    private static final String RESERVE_HOLDING = "WITH live AS (SELECT 1 FROM renkei_runs WHERE run_id = ? "
            + "AND status = 'RUNNING' AND execution = ?), ins AS (INSERT INTO renkei_import_ledger (tenant_id, "
            + "ats_account, medium, board_account_key, board_application_id, idempotency_key, state, ats_id, run_id, "
            + "execution, updated_at) SELECT ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, CURRENT_TIMESTAMP FROM live "
            + "ON CONFLICT DO NOTHING RETURNING 1) SELECT (SELECT COUNT(*) FROM live), (SELECT COUNT(*) FROM ins)";

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

    /**
     * {@link dev.renkei.core.store.RenkeiStore#reserveHolding} in one statement on PostgreSQL: the insert happens
     * only when the run is running under the execution, and both parts see one snapshot. A taken key costs a second
     * read, of its entry. Not for H2 (its store uses the interface's default).
     */
    public Reservation reserveHolding(LedgerKey key, RunId run, String execution) {
        Objects.requireNonNull(key, "ledger key");
        Objects.requireNonNull(run, "run id");
        Objects.requireNonNull(execution, "execution");
        return jdbc.autoCommit(() -> "reserve ledger key " + key.idempotencyKey(), c -> {
            for (int i = 0; i < RESERVE_ATTEMPTS; i++) {
                int[] liveAndInserted = Jdbc.queryOne(c, RESERVE_HOLDING,
                        rs -> new int[] {rs.getInt(1), rs.getInt(2)},
                        append(new Object[] {run.value(), execution}, insertParams(key, run, execution)))
                        .orElseThrow();
                if (liveAndInserted[0] == 0) {
                    return Reservation.lost();
                }
                if (liveAndInserted[1] == 1) {
                    return Reservation.reserved();
                }
                Optional<LedgerEntry> existing = read(c, key);
                if (existing.isPresent()) {
                    return Reservation.taken(existing.get());
                }
                // released between the two statements: try again
            }
            throw new ConflictException("ledger key " + key.idempotencyKey()
                    + " kept changing while being reserved");
        });
    }

    /** Reads a board account's keys in one query per account and per {@value #BATCH} keys. */
    @Override
    public Map<LedgerKey, LedgerEntry> findAll(Collection<LedgerKey> keys) {
        Objects.requireNonNull(keys, "ledger keys");
        Map<BoardAccount, List<LedgerKey>> byAccount = new LinkedHashMap<>();
        for (LedgerKey k : keys) {
            byAccount.computeIfAbsent(new BoardAccount(k.tenant().value(), k.atsAccount(), k.medium(),
                    k.boardAccountKey()), a -> new ArrayList<>()).add(k);
        }
        Map<LedgerKey, LedgerEntry> found = new HashMap<>();
        if (byAccount.isEmpty()) {
            return found;
        }
        return jdbc.autoCommit("read " + keys.size() + " ledger keys", c -> {
            for (Map.Entry<BoardAccount, List<LedgerKey>> account : byAccount.entrySet()) {
                List<LedgerKey> all = account.getValue();
                for (int from = 0; from < all.size(); from += BATCH) {
                    List<LedgerKey> batch = all.subList(from, Math.min(all.size(), from + BATCH));
                    Map<String, LedgerKey> byId = new HashMap<>();
                    for (LedgerKey k : batch) {
                        byId.put(k.boardApplicationId(), k);
                    }
                    BoardAccount a = account.getKey();
                    Object[] params;
                    String sql;
                    if (dialect == Dialect.POSTGRESQL) {
                        // one index probe per key, whatever the statistics say of the account's other rows
                        sql = FIND_BATCH_POSTGRESQL;
                        params = new Object[] {c.createArrayOf("varchar", byId.keySet().toArray()),
                            a.tenant(), a.atsAccount(), a.medium(), a.boardAccountKey()};
                    } else {
                        sql = FIND_BATCH;
                        params = new Object[4 + BATCH];
                        params[0] = a.tenant();
                        params[1] = a.atsAccount();
                        params[2] = a.medium();
                        params[3] = a.boardAccountKey();
                        for (int i = 0; i < BATCH; i++) {
                            // a short batch repeats its last id: one statement text, prepared once per connection
                            params[4 + i] = batch.get(Math.min(i, batch.size() - 1)).boardApplicationId();
                        }
                    }
                    Jdbc.query(c, sql, rs -> {
                        LedgerKey k = byId.get(rs.getString("board_application_id"));
                        found.put(k, entry(k, rs));
                        return k;
                    }, params);
                }
            }
            return found;
        });
    }

    /** The keys' parts that name one board account of one ATS account: one batched read each. */
    private record BoardAccount(String tenant, String atsAccount, String medium, String boardAccountKey) {}

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
