package dev.renkei.core.mypage;

import dev.renkei.core.model.RunStatus;
import dev.renkei.core.model.RunTrigger;
import dev.renkei.core.model.SyncError;
import dev.renkei.core.model.TenantId;
import dev.renkei.core.support.Checks;
import java.time.Instant;
import java.util.List;

/**
 * One MyPage batch run and its result.
 *
 * @param id the batch id
 * @param tenant the tenant
 * @param trigger scheduled or manual
 * @param windowStart the scheduled window it ran for, or the moment of an on-demand run
 * @param status queued, running, succeeded or failed
 * @param startedAt when it started, or {@code null}
 * @param finishedAt when it finished, or {@code null}
 * @param counts what it did
 * @param errors what went wrong (run-level and per job seeker), each classified 要対応 / 対応不要
 */
public record MyPageRun(String id, TenantId tenant, RunTrigger trigger, Instant windowStart, RunStatus status,
                        Instant startedAt, Instant finishedAt, Counts counts, List<SyncError> errors) {
    /** Validates and copies. */
    public MyPageRun {
        Checks.notBlank(id, "batch id");
        Checks.notNull(tenant, "tenant");
        Checks.notNull(trigger, "trigger");
        Checks.notNull(windowStart, "windowStart");
        Checks.notNull(status, "status");
        counts = counts == null ? Counts.ZERO : counts;
        errors = errors == null ? List.of() : List.copyOf(errors);
    }

    /** True when an error needs the customer to act. */
    public boolean actionRequired() {
        return errors.stream().anyMatch(e -> e.code().actionRequired());
    }

    /**
     * What a batch did.
     *
     * @param targets job seekers the filter returned
     * @param created accounts created
     * @param duplicates job seekers refused as duplicates (owners mailed)
     * @param skipped job seekers skipped (no or invalid e-mail, or already handled)
     * @param mailsSent mails written to the outbox (requests, reminders, duplicate errors)
     * @param writeBacksOk status write-backs that succeeded in this run
     * @param writeBacksFailed status write-backs that failed in this run (kept for retry)
     */
    public record Counts(int targets, int created, int duplicates, int skipped, int mailsSent, int writeBacksOk,
                         int writeBacksFailed) {
        /** Nothing. */
        public static final Counts ZERO = new Counts(0, 0, 0, 0, 0, 0, 0);
    }
}
