package dev.renkei.samples.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class JitSettleTest {

    @Test
    void zeroTurnsTheWaitOffAndSaysNothing() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        assertThat(JitSettle.await(0, new PrintStream(out, true, StandardCharsets.UTF_8))).isZero();
        assertThat(out.size()).isZero();
    }

    @Test
    void waitsNoLongerThanItsBoundAndReportsTheWait() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        long waited = JitSettle.await(300, new PrintStream(out, true, StandardCharsets.UTF_8));

        // the bound comes before a quiet second could; checked every 100 ms, so a little more on a busy machine
        assertThat(waited).isBetween(300L, 5_000L);
        assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("  JIT settled in ");
    }
}
