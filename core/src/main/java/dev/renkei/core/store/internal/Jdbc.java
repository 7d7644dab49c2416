package dev.renkei.core.store.internal;

import dev.renkei.core.RenkeiException;
import dev.renkei.core.StoreException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Small JDBC helpers: connections in autocommit or in one transaction, parameter binding (instants as UTC
 * {@link OffsetDateTime}), and translation of {@link SQLException} into {@link StoreException}. Not API.
 */
public final class Jdbc {
    /** The default per-statement timeout. */
    public static final java.time.Duration DEFAULT_QUERY_TIMEOUT = java.time.Duration.ofSeconds(30);

    private final DataSource dataSource;
    private final int queryTimeoutSeconds;

    /** Work on a connection. */
    @FunctionalInterface
    public interface Work<T> {
        /** Does the work. */
        T run(Connection c) throws SQLException;
    }

    /** Maps the current row of a result set. */
    @FunctionalInterface
    public interface RowMapper<T> {
        /** Maps the row. */
        T map(ResultSet rs) throws SQLException;
    }

    /** A typed SQL NULL. */
    public record Null(int sqlType) {}

    /** A NULL timestamp parameter. */
    public static final Null NULL_TIMESTAMP = new Null(Types.TIMESTAMP_WITH_TIMEZONE);
    /** A NULL string parameter. */
    public static final Null NULL_STRING = new Null(Types.VARCHAR);

    /** Helpers over a data source. */
    public Jdbc(DataSource dataSource) {
        this(dataSource, DEFAULT_QUERY_TIMEOUT);
    }

    /**
     * Helpers over a data source whose every statement gets {@code queryTimeout} (rounded up to whole seconds, as
     * JDBC counts them), so a lock wait or a database that stopped answering cannot hang a caller for ever.
     */
    public Jdbc(DataSource dataSource, java.time.Duration queryTimeout) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        long seconds = (Objects.requireNonNull(queryTimeout, "queryTimeout").toMillis() + 999) / 1000;
        if (seconds < 1 || seconds > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("queryTimeout must be between 1 s and " + Integer.MAX_VALUE + " s");
        }
        this.queryTimeoutSeconds = (int) seconds;
    }

    /**
     * The query timeout of the work running on this thread, for {@link #prepare} and {@link #statement}: a
     * thread-local rather than a proxy around each connection, whose reflective calls cost a tenth of an import.
     */
    private static final ThreadLocal<Integer> TIMEOUT = new ThreadLocal<>();

    /** Runs {@code work} on {@code c} with this helper's query timeout for every statement it prepares. */
    private <T> T timed(Connection c, Work<T> work) throws SQLException {
        Integer outer = TIMEOUT.get();
        TIMEOUT.set(queryTimeoutSeconds);
        try {
            return work.run(c);
        } finally {
            if (outer == null) {
                TIMEOUT.remove();
            } else {
                TIMEOUT.set(outer);
            }
        }
    }

    /** Prepares a statement carrying the query timeout of the work running on this thread. */
    public static PreparedStatement prepare(Connection c, String sql) throws SQLException {
        return withTimeout(c.prepareStatement(sql));
    }

    /** Creates a statement carrying the query timeout of the work running on this thread. */
    public static Statement statement(Connection c) throws SQLException {
        return withTimeout(c.createStatement());
    }

    private static <S extends Statement> S withTimeout(S st) throws SQLException {
        Integer seconds = TIMEOUT.get();
        if (seconds != null) {
            try {
                st.setQueryTimeout(seconds);
            } catch (SQLException e) {
                st.close();
                throw e;
            }
        }
        return st;
    }

    /** Runs {@code work} with autocommit on: every statement is its own transaction. */
    public <T> T autoCommit(String what, Work<T> work) {
        return autoCommit(() -> what, work);
    }

    /**
     * As {@link #autoCommit(String, Work)}, for a description that costs something to build: it is built only when
     * the work fails.
     */
    public <T> T autoCommit(java.util.function.Supplier<String> what, Work<T> work) {
        try (Connection c = dataSource.getConnection()) {
            boolean previous = c.getAutoCommit();
            if (!previous) {
                c.setAutoCommit(true);
            }
            try {
                return timed(c, work);
            } finally {
                if (!previous) {
                    c.setAutoCommit(false);
                }
            }
        } catch (SQLException e) {
            throw failure(what.get(), e);
        }
    }

    /** Runs {@code work} in one transaction: committed when it returns, rolled back when it throws. */
    public <T> T inTransaction(String what, Work<T> work) {
        try (Connection c = dataSource.getConnection()) {
            boolean previous = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                T result = timed(c, work);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException | Error e) {
                try {
                    c.rollback();
                } catch (SQLException r) {
                    e.addSuppressed(r);
                }
                throw e;
            } finally {
                c.setAutoCommit(previous);
            }
        } catch (SQLException e) {
            throw failure(what, e);
        }
    }

    /** Executes an update; returns the row count. */
    public static int update(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement ps = prepare(c, sql)) {
            bind(ps, params);
            return ps.executeUpdate();
        }
    }

    /** Runs a query and maps every row. */
    public static <T> List<T> query(Connection c, String sql, RowMapper<T> mapper, Object... params)
            throws SQLException {
        try (PreparedStatement ps = prepare(c, sql)) {
            bind(ps, params);
            try (ResultSet rs = ps.executeQuery()) {
                List<T> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(mapper.map(rs));
                }
                return out;
            }
        }
    }

    /** Runs a query that returns at most one row. */
    public static <T> Optional<T> queryOne(Connection c, String sql, RowMapper<T> mapper, Object... params)
            throws SQLException {
        List<T> rows = query(c, sql, mapper, params);
        if (rows.size() > 1) {
            throw new SQLException("expected at most one row, got " + rows.size());
        }
        return rows.stream().findFirst();
    }

    /** Binds parameters: {@link Instant} as UTC {@link OffsetDateTime}, {@link Null} as a typed NULL. */
    public static void bind(PreparedStatement ps, Object... params) throws SQLException {
        for (int i = 0; i < params.length; i++) {
            Object p = params[i];
            if (p instanceof Null n) {
                ps.setNull(i + 1, n.sqlType());
            } else if (p instanceof Instant t) {
                ps.setObject(i + 1, OffsetDateTime.ofInstant(t, ZoneOffset.UTC));
            } else if (p == null) {
                throw new IllegalArgumentException("parameter " + (i + 1) + " is null: pass a typed Jdbc.Null");
            } else {
                ps.setObject(i + 1, p);
            }
        }
    }

    /** The parameters {@code a} followed by {@code b}. */
    public static Object[] append(Object[] a, Object... b) {
        Object[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    /** An instant parameter that may be null. */
    public static Object ts(Instant t) {
        return t == null ? NULL_TIMESTAMP : t;
    }

    /** A string parameter that may be null. */
    public static Object str(String s) {
        return s == null ? NULL_STRING : s;
    }

    /** Reads a TIMESTAMP WITH TIME ZONE column. */
    public static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    /** Wraps a database failure, hinting at the migration when a Renkei table is missing. */
    public static RenkeiException failure(String what, SQLException e) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        // 42P01: PostgreSQL undefined table; 42S02/42S04 (42102/42104 in H2 codes): table not found
        boolean missingTable = state.equals("42P01") || state.equals("42S02") || state.equals("42S04")
                || e.getErrorCode() == 42102 || e.getErrorCode() == 42104;
        String hint = missingTable ? " (a Renkei table is missing: run JdbcStore.migrate() or apply the scripts under "
                + "dev/renkei/core/store/migration with your own migration tool)" : "";
        return new StoreException("database call failed while trying to " + what + ": SQLState " + state + ", "
                + e.getMessage() + hint, e);
    }
}
