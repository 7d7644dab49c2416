package dev.renkei.core.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.ThreadFactory;
import org.junit.jupiter.api.Test;

class DaemonThreadsTest {
    @Test
    void threadsAreDaemonsNumberedUnderThePrefix() {
        ThreadFactory f = DaemonThreads.named("renkei-test");

        Thread first = f.newThread(() -> {});
        Thread second = f.newThread(() -> {});

        assertThat(first.isDaemon()).isTrue();
        assertThat(second.isDaemon()).isTrue();
        assertThat(first.getName()).isEqualTo("renkei-test-1");
        assertThat(second.getName()).isEqualTo("renkei-test-2");
    }
}
