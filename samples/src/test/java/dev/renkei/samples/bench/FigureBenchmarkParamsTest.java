package dev.renkei.samples.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FigureBenchmarkParamsTest {
    private static FigureBenchmark.Params params(String name, String value) {
        return new FigureBenchmark.Params(Map.of(name, value));
    }

    @Test
    void aWholeNumberMayBeZeroToTurnItsFeatureOff() {
        assertThat(params("warm-up", "0").whole("warm-up")).isZero();
        assertThat(params("warm-up", "200").whole("warm-up")).isEqualTo(200);
        assertThatThrownBy(() -> params("warm-up", "-1").whole("warm-up"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--warm-up must be a whole number (0 or more), got '-1'");
        assertThatThrownBy(() -> params("warm-up", "many").whole("warm-up"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("got 'many'");
    }

    @Test
    void aCountIsAtLeastOneAndMillisecondsAreNotNegative() {
        assertThatThrownBy(() -> params("robots", "0").count("robots"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--robots must be a whole number of at least 1, got '0'");
        assertThat(params("list-ms", "0").millis("list-ms")).isEqualTo(Duration.ZERO);
        assertThatThrownBy(() -> params("list-ms", "-5").millis("list-ms"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("milliseconds");
        assertThat(params("threads", "1, 8,32").counts("threads")).isEqualTo(List.of(1, 8, 32));
    }
}
