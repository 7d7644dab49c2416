package dev.renkei.core.testing;

import java.util.UUID;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;

/** Fresh in-memory H2 databases for tests; each lives until the JVM exits. */
public final class TestH2 {
    private TestH2() {}

    /** A new, empty in-memory database ({@code jdbc:h2:mem:<uuid>;DB_CLOSE_DELAY=-1}). */
    public static DataSource newDatabase() {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL(newDatabaseUrl());
        return ds;
    }

    /** The URL of a new, empty in-memory database. */
    public static String newDatabaseUrl() {
        return "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
    }
}
