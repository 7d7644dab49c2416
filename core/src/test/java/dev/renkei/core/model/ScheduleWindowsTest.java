package dev.renkei.core.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class ScheduleWindowsTest {
    static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");
    static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    @Test
    void twoWindowsADayInTheRobotsZone() {
        Schedule s = Schedule.of(TOKYO, LocalTime.of(9, 0), LocalTime.of(17, 30));
        assertThat(s.windows(Instant.parse("2026-11-20T15:00:00Z"), Instant.parse("2026-11-22T15:00:00Z")))
                .containsExactly(Instant.parse("2026-11-21T00:00:00Z"), Instant.parse("2026-11-21T08:30:00Z"),
                        Instant.parse("2026-11-22T00:00:00Z"), Instant.parse("2026-11-22T08:30:00Z"));
    }

    @Test
    void aWindowAt2330CrossesTheUtcDateAndIsCountedOnce() {
        Schedule s = Schedule.of(TOKYO, LocalTime.of(23, 30));
        assertThat(s.windows(Instant.parse("2026-11-21T00:00:00Z"), Instant.parse("2026-11-22T00:00:00Z")))
                .containsExactly(Instant.parse("2026-11-21T14:30:00Z"));
    }

    @Test
    void aTimeThatDoesNotExistOnSpringForwardMovesForwardByTheGap() {
        // 2026-03-08: New York clocks jump from 02:00 EST to 03:00 EDT
        Schedule s = Schedule.of(NEW_YORK, LocalTime.of(2, 30));
        assertThat(s.windows(Instant.parse("2026-03-08T00:00:00Z"), Instant.parse("2026-03-09T00:00:00Z")))
                .containsExactly(Instant.parse("2026-03-08T07:30:00Z")); // 03:30 EDT
    }

    @Test
    void aTimeThatExistsTwiceOnFallBackRunsOnce() {
        // 2026-11-01: New York clocks fall back from 02:00 EDT to 01:00 EST; 01:30 happens twice
        Schedule s = Schedule.of(NEW_YORK, LocalTime.of(1, 30), LocalTime.of(9, 0));
        assertThat(s.windows(Instant.parse("2026-11-01T04:00:00Z"), Instant.parse("2026-11-02T04:00:00Z")))
                .containsExactly(Instant.parse("2026-11-01T05:30:00Z"), Instant.parse("2026-11-01T14:00:00Z"));
    }

    @Test
    void windowsAreHalfOpenIntervals() {
        Schedule s = Schedule.of(TOKYO, LocalTime.of(9, 0));
        Instant nine = Instant.parse("2026-11-21T00:00:00Z");
        assertThat(s.windows(nine, nine.plusSeconds(60))).isEmpty();
        assertThat(s.windows(nine.minusSeconds(1), nine)).containsExactly(nine);
    }
}
