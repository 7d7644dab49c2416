package dev.renkei.porters.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.renkei.core.testing.MutableClock;
import dev.renkei.core.testing.RecordingSleeper;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RequestBudgetTest {
    @Test
    void allowsAtMost2000ReadsAnd500WritesInAnyMinute() {
        MutableClock clock = new MutableClock(Instant.parse("2026-09-01T00:00:00Z"));
        RecordingSleeper sleeper = new RecordingSleeper(clock);
        RequestBudget reads = new RequestBudget(HrbcClient.READS_PER_MINUTE, clock, sleeper);
        RequestBudget writes = new RequestBudget(HrbcClient.WRITES_PER_MINUTE, clock, sleeper);

        for (int i = 0; i < 2_000; i++) {
            reads.acquire();
        }
        for (int i = 0; i < 500; i++) {
            writes.acquire();
        }
        assertThat(sleeper.sleeps()).as("within the caps nothing waits").isEmpty();

        reads.acquire();
        assertThat(sleeper.sleeps()).as("a minute and the margin for the way to PORTERS")
                .containsExactly(Duration.ofMinutes(1).plus(RequestBudget.MARGIN));
        writes.acquire();
        assertThat(clock.instant()).isEqualTo(Instant.parse("2026-09-01T00:01:02Z"));
        assertThat(sleeper.sleeps()).hasSize(1);
    }
}
