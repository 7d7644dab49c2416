package dev.renkei.core.store;

import dev.renkei.core.testing.TestH2;
import javax.sql.DataSource;

/** The contract and the JDBC specifics on H2. */
class H2JdbcStoreTest extends JdbcStoreContract {
    @Override
    protected DataSource newDataSource() {
        return TestH2.newDatabase();
    }

    @Override
    protected String newDatabaseUrl() {
        return TestH2.newDatabaseUrl();
    }

    @Override
    protected String expectedKind() {
        return "H2";
    }
}
