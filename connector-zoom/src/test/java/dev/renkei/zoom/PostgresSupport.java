package dev.renkei.zoom;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/** Empties the meeting tables between tests that share one PostgreSQL database. */
final class PostgresSupport {
    private PostgresSupport() {}

    static void truncate(DataSource ds) {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute("TRUNCATE renkei_meeting_links, renkei_meeting_authorizations, renkei_interview_meetings, "
                    + "renkei_meeting_host_usage, renkei_meeting_webhook_deliveries");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
