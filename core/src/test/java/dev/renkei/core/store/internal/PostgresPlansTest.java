package dev.renkei.core.store.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.renkei.core.crypto.SecretCipher;
import dev.renkei.core.model.RobotId;
import dev.renkei.core.model.RunId;
import dev.renkei.core.model.RunTrigger;
import dev.renkei.core.model.SyncRun;
import dev.renkei.core.model.TenantId;
import dev.renkei.core.store.JdbcStore;
import dev.renkei.core.store.LedgerKey;
import dev.renkei.core.testing.TestPostgres;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The plans PostgreSQL caches for statements on the import path, on tables that have rows but no statistics yet (a
 * fresh database filling up, as in the first minutes of a deployment). A driver that prepares a statement on the
 * server gets a generic plan after five runs, and keeps it; these tests ask for that plan at once. Each once read a
 * whole tenant's or board account's rows per call.
 */
class PostgresPlansTest {
    private DataSource ds;
    private final TenantId tenant = TenantId.of("acme");

    @BeforeEach
    void fillWithoutStatistics() {
        ds = TestPostgres.newDatabase();
        JdbcStore store = JdbcStore.builder().dataSource(ds).cipher(SecretCipher.of("k1", SecretCipher.generateKey()))
                .build();
        store.migrate();
        Instant window = Instant.parse("2026-11-20T00:00:00Z");
        RunId run = RunId.random();
        for (int i = 0; i < 200; i++) {
            store.runs().claim(SyncRun.queued(tenant, RobotId.of("robot-" + i), RunTrigger.SCHEDULED, window));
            store.ledger().reserve(new LedgerKey(tenant, "ats:1", "doda", "account-1", "application-" + i), run, "ex");
        }
    }

    @Test
    void finishingARunReadsThatRunByItsPrimaryKey() throws SQLException {
        String plan = genericPlan(JdbcRuns.finishSql("execution = ?"), "");

        assertThat(plan).contains("renkei_runs_pk").doesNotContain("renkei_runs_window_uq");
    }

    @Test
    void readingAPageOfLedgerKeysProbesThePrimaryKeyOncePerKey() throws SQLException {
        String plan = genericPlan(JdbcLedger.FIND_BATCH_POSTGRESQL, "(varchar[], varchar, varchar, varchar, varchar)");

        assertThat(plan).contains("Nested Loop").contains("renkei_import_ledger_pk")
                .contains("board_application_id)::text = (k.id)::text");
    }

    @Test
    void startingARunReadsTheRunItsRobotAndItsSlotsByTheirKeys() throws SQLException {
        String plan = genericPlan(JdbcRunStart.SQL, "");

        assertThat(plan).contains("renkei_runs_pk").contains("renkei_robots_pk").doesNotContain("Seq Scan");
    }

    @Test
    void aLoginsVerdictAndWatermarkAreOneStatementOnPrimaryKeys() throws SQLException {
        String plan = genericPlan(JdbcRobots.RECORD_LOGIN, "");

        assertThat(plan).contains("renkei_slots_pk").contains("renkei_watermarks_pk").doesNotContain("Seq Scan");
    }

    /** The plan PostgreSQL caches for {@code sql} once it plans it generically, its parameters all NULL. */
    private String genericPlan(String sql, String types) throws SQLException {
        StringBuilder numbered = new StringBuilder();
        int n = 0;
        for (char ch : sql.toCharArray()) {
            if (ch == '?') {
                numbered.append('$').append(++n);
            } else {
                numbered.append(ch);
            }
        }
        List<String> lines = new ArrayList<>();
        try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
            st.execute("SET plan_cache_mode = force_generic_plan");
            st.execute("PREPARE plan_under_test" + types + " AS " + numbered);
            try (ResultSet rs = st.executeQuery("EXPLAIN EXECUTE plan_under_test("
                    + String.join(", ", java.util.Collections.nCopies(n, "NULL")) + ")")) {
                while (rs.next()) {
                    lines.add(rs.getString(1));
                }
            }
        }
        return String.join("\n", lines);
    }
}
