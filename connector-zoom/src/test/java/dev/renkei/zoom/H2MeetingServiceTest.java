package dev.renkei.zoom;

import static dev.renkei.zoom.testing.MeetingHarness.TENANT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.renkei.core.store.MeetingStore;
import dev.renkei.core.testing.TestH2;
import dev.renkei.zoom.testing.MeetingHarness;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** The meeting service on the JDBC store on H2; secrets are sealed at rest. */
class H2MeetingServiceTest extends MeetingServiceContract {
    private DataSource ds;

    @Override
    MeetingStore store(MeetingHarness harness) {
        ds = TestH2.newDatabase();
        return harness.jdbc(ds).meetings();
    }

    @Test
    void tokensAndPasscodesAreSealedAtRest() throws Exception {
        h.link(meetings);
        meetings.sync(TENANT, SLOT);
        StringBuilder rows = new StringBuilder();
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            for (String table : new String[] {"renkei_meeting_links", "renkei_interview_meetings"}) {
                try (ResultSet rs = s.executeQuery("SELECT * FROM " + table)) {
                    while (rs.next()) {
                        for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                            rows.append(rs.getString(i)).append('|');
                        }
                    }
                }
            }
        }
        assertThat(rows.toString()).contains("85746065432").contains("v1.k1.")
                .doesNotContain("\"A1\"").doesNotContain("R1").doesNotContain("pw65432");
    }
}
