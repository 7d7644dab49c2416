package dev.renkei.zoom;

import dev.renkei.core.store.MeetingStore;
import dev.renkei.core.testing.TestPostgres;
import dev.renkei.zoom.testing.MeetingHarness;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;

/** The meeting service on the JDBC store on PostgreSQL (one database for the class, fresh tables per test). */
class PostgresMeetingServiceTest extends MeetingServiceContract {
    private static DataSource ds;

    @BeforeAll
    static void database() {
        ds = TestPostgres.newDatabase();
    }

    @Override
    MeetingStore store(MeetingHarness harness) {
        MeetingStore s = harness.jdbc(ds).meetings();
        PostgresSupport.truncate(ds);
        return s;
    }
}
