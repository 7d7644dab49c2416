package dev.renkei.core.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.renkei.core.Renkei;
import dev.renkei.core.model.RobotId;
import dev.renkei.core.model.RunTrigger;
import dev.renkei.core.model.SyncRun;
import dev.renkei.core.model.TenantId;
import dev.renkei.core.store.InMemoryStore;
import dev.renkei.core.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The one heartbeat setting of {@link Renkei} decides when its scheduler takes a silent run over. */
class RenkeiHeartbeatTest {
    private final TenantId tenant = TenantId.of("t1");
    private final RobotId robot = RobotId.of("robot-1");

    @Test
    void theSchedulerTakesOverARunDeadForTenHeartbeats() {
        MutableClock clock = new MutableClock(Instant.parse("2026-11-30T03:00:00Z"));
        InMemoryStore store = new InMemoryStore(clock);
        try (Renkei renkei = Renkei.builder().store(store).clock(clock).heartbeat(Duration.ofSeconds(1)).build()) {
            SyncRun orphan = SyncRun.queued(tenant, robot, RunTrigger.MANUAL, clock.instant());
            store.runs().claim(orphan);
            store.runs().start(orphan.id(), "dead-node");

            clock.advance(Duration.ofSeconds(9));
            assertThat(renkei.scheduler().tick()).as("9 s: still within ten heartbeats").isEmpty();
            clock.advance(Duration.ofSeconds(2));
            assertThat(renkei.scheduler().tick()).extracting(SyncRun::id).containsExactly(orphan.id());
        }
    }
}
