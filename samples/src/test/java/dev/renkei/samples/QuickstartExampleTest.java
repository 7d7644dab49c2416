package dev.renkei.samples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.renkei.core.crypto.SecretCipher;
import dev.renkei.core.model.Robot;
import dev.renkei.core.model.RobotId;
import dev.renkei.core.model.TenantId;
import dev.renkei.core.Renkei;
import dev.renkei.core.store.JdbcStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalTime;
import java.util.UUID;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README quickstart runs as written, twice (a host restarts): one encrypted robot, one slot, scheduler started. */
class QuickstartExampleTest {
    @TempDir
    Path dir;

    @Test
    void quickstartStoresTheRobotWithItsSlotAndStartsTheScheduler() throws Exception {
        JdbcDataSource db = new JdbcDataSource();
        db.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        byte[] key = SecretCipher.generateKey();
        Path profile = TestFiles.fastProfile("demo-html", dir);
        Path myBoard = Files.writeString(dir.resolve("my-board.json"),
                Files.readString(profile).replace("\"id\" : \"demo-html\"", "\"id\" : \"my-board\""));

        QuickstartExample.start(db, key, myBoard).close();
        // a host runs its start-up code on every start: the second start changes nothing and fails on nothing
        Renkei renkei = QuickstartExample.start(db, key, myBoard);
        try {
            Robot robot = JdbcStore.builder().dataSource(db).cipher(SecretCipher.of("k1", key)).build().robots()
                    .find(TenantId.of("acme"), RobotId.of("main")).orElseThrow();
            assertThat(robot.activeSlots()).singleElement().satisfies(s -> {
                assertThat(s.id().value()).isEqualTo("my-board_001");
                assertThat(s.credentials().secret().reveal()).isEqualTo("board-password");
            });
            assertThat(robot.schedule().times()).containsExactly(LocalTime.of(9, 0), LocalTime.of(13, 30));
            try (var c = db.getConnection(); var rs = c.createStatement()
                    .executeQuery("SELECT credentials FROM renkei_slots")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).startsWith("v1.k1.").doesNotContain("board-password");
            }
        } finally {
            renkei.close();
        }
    }
}
