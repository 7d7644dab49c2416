package dev.renkei.core.store.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;

/**
 * The base of each JDBC repository. A repository method makes one {@link Jdbc#autoCommit} or
 * {@link Jdbc#inTransaction} call and reads the store clock with {@link #now(Connection)} on the connection it
 * holds, so it never borrows a second connection while it holds one. Not API.
 */
abstract class JdbcRepository {
    final JdbcContext ctx;
    final Jdbc jdbc;
    final Dialect dialect;

    JdbcRepository(JdbcContext ctx) {
        this.ctx = ctx;
        this.jdbc = ctx.jdbc();
        this.dialect = ctx.dialect();
    }

    /** The store's clock read on a connection the caller already holds. */
    Instant now(Connection c) throws SQLException {
        return ctx.now(c);
    }
}
