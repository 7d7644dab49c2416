package dev.renkei.samples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.renkei.core.crypto.SecretCipher;
import dev.renkei.core.model.Robot;
import dev.renkei.core.model.RobotId;
import dev.renkei.core.model.TenantId;
import dev.renkei.core.schedule.RobotScheduler;
import dev.renkei.core.store.JdbcStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalTime;
import java.util.UUID;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README quickstart runs as written: it stores an encrypted robot and starts the scheduler. */
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

        RobotScheduler scheduler = QuickstartExample.start(db, key, myBoard);
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
            scheduler.close();
        }
    }
}
