package dev.renkei.core.mypage;

import dev.renkei.core.model.TenantId;
import dev.renkei.core.spi.JobSeekerConnector;
import java.time.Instant;

/**
 * A status write-back to the job-seeker source, kept until it succeeds or an operator discards it (PORTERS連携
 * エラー: 連携リトライ / 削除).
 *
 * @param id the write-back id
 * @param tenant the tenant
 * @param personId the job seeker's person id
 * @param item the record and the value to write
 * @param status pending, failed (retried automatically by the next batch), done or discarded
 * @param attempts attempts so far
 * @param lastCode the source's last result code, or {@code null}
 * @param lastMessage the last error, or {@code null}
 * @param updatedAt last change
 */
public record WriteBackRecord(String id, TenantId tenant, String personId, JobSeekerConnector.WriteBack item,
                              Status status, int attempts, String lastCode, String lastMessage, Instant updatedAt) {
    /** Write-back states. */
    public enum Status {
        /** Not tried yet, or put back for a retry. */
        PENDING,
        /** The last attempt failed; retried by the next batch, or by an operator. */
        FAILED,
        /** Written. */
        DONE,
        /** Given up by an operator. */
        DISCARDED
    }
}
