package dev.renkei.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.renkei.core.ValidationException;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScheduleTest {
    private static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");

    @Test
    void acceptsNoneOneOrTwoTimesOnTheHourOrHalfHour() {
        assertThat(Schedule.manualOnly(TOKYO).times()).isEmpty();
        assertThat(Schedule.of(TOKYO, LocalTime.of(9, 0)).times()).containsExactly(LocalTime.of(9, 0));
        assertThat(Schedule.of(TOKYO, LocalTime.of(9, 30), LocalTime.of(18, 0)).times())
                .containsExactly(LocalTime.of(9, 30), LocalTime.of(18, 0));
        assertThat(Schedule.of(TOKYO, LocalTime.MIDNIGHT, LocalTime.of(23, 30)).zone()).isEqualTo(TOKYO);
    }

    @Test
    void keepsTheTimesSorted() {
        assertThat(Schedule.of(TOKYO, LocalTime.of(17, 30), LocalTime.of(8, 0)).times())
                .containsExactly(LocalTime.of(8, 0), LocalTime.of(17, 30));
    }

    @Test
    void rejectsAThirdTimeSayingTwoIsTheMost() {
        assertThatThrownBy(() -> Schedule.of(TOKYO, LocalTime.of(9, 0), LocalTime.of(12, 0), LocalTime.of(18, 0)))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("at most 2 run times")
                .hasMessageContaining("got 3");
    }

    @Test
    void rejectsATimeOffTheHalfHour() {
        assertThatThrownBy(() -> Schedule.of(TOKYO, LocalTime.of(9, 15)))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("09:15")
                .hasMessageContaining(":00 or :30");
    }

    @Test
    void rejectsATimeWithSecondsSayingSo() {
        assertThatThrownBy(() -> Schedule.of(TOKYO, LocalTime.of(9, 0, 30)))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("09:00:30")
                .hasMessageContaining("without seconds");
        assertThatThrownBy(() -> Schedule.of(TOKYO, LocalTime.of(9, 30, 0, 1)))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("without seconds");
    }

    @Test
    void rejectsTheSameTimeTwice() {
        assertThatThrownBy(() -> Schedule.of(TOKYO, LocalTime.of(10, 0), LocalTime.of(10, 0)))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("10:00")
                .hasMessageContaining("given twice");
    }

    @Test
    void rejectsMissingValuesNamingThem() {
        assertThatThrownBy(() -> new Schedule(null, List.of()))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("schedule zone");
        assertThatThrownBy(() -> new Schedule(TOKYO, null))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("schedule times");
        List<LocalTime> withNull = new ArrayList<>();
        withNull.add(null);
        assertThatThrownBy(() -> new Schedule(TOKYO, withNull))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("schedule time");
    }

    @Test
    void copiesTheList() {
        List<LocalTime> times = new ArrayList<>(List.of(LocalTime.of(9, 0)));
        Schedule s = new Schedule(TOKYO, times);
        times.add(LocalTime.of(10, 0));

        assertThat(s.times()).containsExactly(LocalTime.of(9, 0));
        assertThatThrownBy(() -> s.times().add(LocalTime.NOON)).isInstanceOf(UnsupportedOperationException.class);
    }
}
