package dev.renkei.core.mypage.internal;

import dev.renkei.core.ConnectorException;
import dev.renkei.core.mypage.WriteBackRecord;
import dev.renkei.core.spi.JobSeekerConnector;
import dev.renkei.core.store.MyPageStore;
import java.util.List;

/**
 * Sends kept status write-backs to the source, at most {@link JobSeekerConnector#MAX_WRITE_ITEMS} per call, and
 * records each item's outcome with its code; a failed one stays for the next batch or an operator. Not API.
 */
public final class WriteBacks {
    private WriteBacks() {}

    /**
     * Outcome counts.
     *
     * @param ok written
     * @param failed refused or not sent
     */
    public record Outcome(int ok, int failed) {}

    /** Attempts {@code records} once each. */
    public static Outcome attempt(MyPageStore store, JobSeekerConnector connector, List<WriteBackRecord> records) {
        int ok = 0;
        int failed = 0;
        for (int from = 0; from < records.size(); from += JobSeekerConnector.MAX_WRITE_ITEMS) {
            List<WriteBackRecord> chunk = records.subList(from,
                    Math.min(records.size(), from + JobSeekerConnector.MAX_WRITE_ITEMS));
            List<JobSeekerConnector.WriteResult> results;
            try {
                results = connector.writeBack(chunk.stream().map(WriteBackRecord::item).toList());
            } catch (ConnectorException e) {
                for (WriteBackRecord r : chunk) {
                    store.recordAttempt(r.id(), false, e.code().name(), e.getMessage());
                }
                failed += chunk.size();
                continue;
            }
            for (int i = 0; i < chunk.size(); i++) {
                JobSeekerConnector.WriteResult res = results.get(i);
                store.recordAttempt(chunk.get(i).id(), res.ok(), res.code(), res.message());
                if (res.ok()) {
                    ok++;
                } else {
                    failed++;
                }
            }
        }
        return new Outcome(ok, failed);
    }
}
