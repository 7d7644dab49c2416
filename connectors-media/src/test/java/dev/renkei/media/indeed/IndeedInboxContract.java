package dev.renkei.media.indeed;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** The behaviour every {@link IndeedInbox} shares. */
abstract class IndeedInboxContract {
    abstract IndeedInbox inbox();

    private static IndeedInboxEntry entry(String account, String id, String received, String payload) {
        return new IndeedInboxEntry(account, id, Instant.parse("2026-11-20T00:00:00Z"), Instant.parse(received), payload);
    }

    @Test
    void storesOnceByApplicationIdAndKeepsTheFirstCopy() {
        IndeedInbox inbox = inbox();

        assertThat(inbox.store(entry("EMP-1", "app-1", "2026-11-21T00:00:00Z", "{\"v\":1}"))).isTrue();
        assertThat(inbox.store(entry("EMP-1", "app-1", "2026-11-22T00:00:00Z", "{\"v\":2}"))).isFalse();

        assertThat(inbox.find("app-1").orElseThrow().payload()).isEqualTo("{\"v\":1}");
        assertThat(inbox.receivedSince("EMP-1", Instant.EPOCH)).hasSize(1);
    }

    @Test
    void listsAnAccountsDeliveriesReceivedSinceOldestFirst() {
        IndeedInbox inbox = inbox();
        inbox.store(entry("EMP-1", "b", "2026-11-22T00:00:00Z", "{}"));
        inbox.store(entry("EMP-1", "a", "2026-11-21T00:00:00Z", "{}"));
        inbox.store(entry("EMP-1", "old", "2026-11-01T00:00:00Z", "{}"));
        inbox.store(entry("EMP-2", "other", "2026-11-23T00:00:00Z", "{}"));

        assertThat(inbox.receivedSince("EMP-1", Instant.parse("2026-11-21T00:00:00Z")))
                .extracting(IndeedInboxEntry::applicationId).containsExactly("a", "b");
        assertThat(inbox.find("missing")).isEmpty();
    }

    @Test
    void keepsJapaneseTextAndLargePayloads() {
        IndeedInbox inbox = inbox();
        String big = "{\"applicant\":{\"fullName\":\"山田 太郎\"},\"pad\":\"" + "x".repeat(2_000_000) + "\"}";

        inbox.store(entry("EMP-1", "big", "2026-11-21T00:00:00Z", big));

        assertThat(inbox.find("big").orElseThrow().payload()).isEqualTo(big);
    }

    @Test
    void concurrentDuplicateDeliveriesStoreOneRow() throws Exception {
        IndeedInbox inbox = inbox();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Callable<Boolean>> tasks = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                tasks.add(() -> inbox.store(entry("EMP-1", "same", "2026-11-21T00:00:00Z", "{}")));
            }
            long stored = 0;
            for (Future<Boolean> f : pool.invokeAll(tasks)) {
                stored += f.get() ? 1 : 0;
            }
            assertThat(stored).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
        assertThat(inbox.receivedSince("EMP-1", Instant.EPOCH)).hasSize(1);
    }
}
