package dev.renkei.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class KeysTest {
    @Test
    void partsThatConcatenateAlikeGiveDifferentKeys() {
        assertThat(Keys.of("a", "b|c")).isNotEqualTo(Keys.of("a|b", "c"));
        assertThat(Keys.of("tenant", "robot")).isEqualTo(Keys.of("tenant", "robot"));
        assertThat(Keys.of("t", "r", Instant.parse("2026-11-21T00:00:00Z")))
                .isEqualTo("t\u0000r\u00002026-11-21T00:00:00Z");
    }
}
