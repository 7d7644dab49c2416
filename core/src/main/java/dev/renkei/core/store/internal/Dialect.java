package dev.renkei.core.store.internal;

import dev.renkei.core.StoreException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Locale;

/**
 * Everything that differs between the databases the JDBC store supports. Every other piece of SQL in the store is
 * portable (standard types, {@code LIMIT ?}, {@code CURRENT_TIMESTAMP}). Not API.
 */
public enum Dialect {
    /** H2 2.x (embedded; file-backed by default). */
    H2("h2") {
        @Override
        public boolean insertIfAbsent(Connection c, String insertSql, Object... params) throws SQLException {
            // H2 rolls back only the failing statement, so a duplicate key can be caught even inside a transaction
            try (PreparedStatement ps = Jdbc.prepare(c, insertSql)) {
                Jdbc.bind(ps, params);
                return ps.executeUpdate() == 1;
            } catch (SQLException e) {
                if (isUniqueViolation(e)) {
                    return false;
                }
                throw e;
            }
        }

        @Override
        public void lockForMigration(Connection c) {
            // an embedded H2 database belongs to one process; JdbcStore serialises migrations inside it
        }
    },
    /** PostgreSQL 12 or newer. */
    POSTGRESQL("postgresql") {
        @Override
        public boolean insertIfAbsent(Connection c, String insertSql, Object... params) throws SQLException {
            // a unique violation would abort the surrounding transaction on PostgreSQL: let the server skip instead
            try (PreparedStatement ps = Jdbc.prepare(c, insertSql + " ON CONFLICT DO NOTHING")) {
                Jdbc.bind(ps, params);
                return ps.executeUpdate() == 1;
            }
        }

        @Override
        public void lockForMigration(Connection c) throws SQLException {
            try (PreparedStatement ps = Jdbc.prepare(c, "SELECT pg_advisory_xact_lock(?)")) {
                ps.setLong(1, MIGRATION_LOCK_KEY);
                ps.execute();
            }
        }
    };

    /** The advisory lock id migrations take on PostgreSQL ("renkei" in ASCII). */
    static final long MIGRATION_LOCK_KEY = 0x72656e6b6569L;

    private final String folder;

    Dialect(String folder) {
        this.folder = folder;
    }

    /**
     * Runs an {@code INSERT} and reports whether it inserted the row. A row that already exists under any unique
     * constraint of the table is not an error: the call returns false and leaves the transaction usable.
     */
    public abstract boolean insertIfAbsent(Connection c, String insertSql, Object... params) throws SQLException;

    /** Serialises concurrent migrations for the rest of the transaction on {@code c}. */
    public abstract void lockForMigration(Connection c) throws SQLException;

    /** The resource sub-folder for migration scripts specific to this database. */
    public String migrationFolder() {
        return folder;
    }

    /** True for SQLState 23505 (unique or primary key violation), which H2 and PostgreSQL both use. */
    public static boolean isUniqueViolation(SQLException e) {
        for (SQLException x = e; x != null; x = x.getNextException()) {
            if ("23505".equals(x.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    /** The dialect of the database behind a connection, from {@code DatabaseMetaData.getDatabaseProductName()}. */
    public static Dialect detect(Connection c) throws SQLException {
        String product = c.getMetaData().getDatabaseProductName();
        String p = product == null ? "" : product.toLowerCase(Locale.ROOT);
        if (p.equals("h2")) {
            return H2;
        }
        if (p.equals("postgresql")) {
            return POSTGRESQL;
        }
        throw new StoreException("the JDBC store supports H2 and PostgreSQL, but the data source is '" + product + "'",
                null);
    }
}
