package dev.renkei.core.sync;

import dev.renkei.core.testing.TestPostgres;
import javax.sql.DataSource;

/** Scheduler, engine and relay on one Postgres connection. */
class PostgresOneConnectionTest extends OneConnectionContract {
    @Override
    protected DataSource newDatabase() {
        return TestPostgres.newDatabase();
    }
}
