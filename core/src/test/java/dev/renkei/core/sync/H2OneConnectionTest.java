package dev.renkei.core.sync;

import dev.renkei.core.testing.TestH2;
import javax.sql.DataSource;

/** Scheduler, engine and relay on one H2 connection. */
class H2OneConnectionTest extends OneConnectionContract {
    @Override
    protected DataSource newDatabase() {
        return TestH2.newDatabase();
    }
}
