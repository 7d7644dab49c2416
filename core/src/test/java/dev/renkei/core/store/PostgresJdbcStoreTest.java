package dev.renkei.core.store;

import dev.renkei.core.testing.TestPostgres;
import javax.sql.DataSource;

/** The contract and the JDBC specifics on a real PostgreSQL (embedded, started by the tests). */
class PostgresJdbcStoreTest extends JdbcStoreContract {
    @Override
    protected DataSource newDataSource() {
        return TestPostgres.newDatabase();
    }

    @Override
    protected String newDatabaseUrl() {
        return TestPostgres.newDatabaseUrl();
    }

    @Override
    protected String expectedKind() {
        return "POSTGRESQL";
    }
}
