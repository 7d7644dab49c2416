package dev.renkei.core.sync.internal;

import dev.renkei.core.ConnectorException;
import dev.renkei.core.ErrorCode;
import dev.renkei.core.RenkeiException;
import dev.renkei.core.model.AccountSlot;
import dev.renkei.core.model.Applicant;
import dev.renkei.core.model.LoginVerdict;
import dev.renkei.core.model.RunId;
import dev.renkei.core.model.SlotResult;
import dev.renkei.core.model.SyncError;
import dev.renkei.core.model.SyncRun;
import dev.renkei.core.spi.AtsRecord;
import dev.renkei.core.spi.ImportRequest;
import dev.renkei.core.spi.MediaConnector;
import dev.renkei.core.spi.MediaSession;
import dev.renkei.core.store.LedgerEntry;
import dev.renkei.core.store.LedgerKey;
import dev.renkei.core.store.WatermarkKey;
import dev.renkei.core.sync.Checkpoint;
import dev.renkei.core.sync.SyncListener.SkipReason;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/** Processes one slot of one run. Not API. */
public final class SlotWorker implements Callable<SlotResult> {
    private static final System.Logger LOG = System.getLogger(SlotWorker.class.getName());
    /** ATS failures that end the slot: every further application would fail the same way. */
    private static final Set<ErrorCode> ATS_FATAL = Set.of(ErrorCode.LOGIN_FAILED, ErrorCode.PERMISSION_MISSING,
            ErrorCode.RATE_LIMITED, ErrorCode.ACCOUNT_LOCKED);
    /** ATS failures after which the record surely does not exist in the ATS: the reservation is released. */
    private static final Set<ErrorCode> NOT_CREATED = Set.of(ErrorCode.DATA_REJECTED, ErrorCode.CONFIGURATION_INVALID,
            ErrorCode.APPLICANT_INCOMPLETE, ErrorCode.LOGIN_FAILED, ErrorCode.PERMISSION_MISSING,
            ErrorCode.RATE_LIMITED, ErrorCode.ACCOUNT_LOCKED);

    private final RunContext ctx;
    private final AccountSlot slot;
    private final MediaConnector connector;
    private final String where;
    private final List<SyncError> errors = new ArrayList<>();
    private final Set<LedgerKey> reservedHere = new HashSet<>();
    private int fetched;
    private int imported;
    private int already;
    private int failed;
    private boolean clean = true;

    /** A worker for one slot. */
    public SlotWorker(RunContext ctx, AccountSlot slot, MediaConnector connector) {
        this.ctx = ctx;
        this.slot = slot;
        this.connector = connector;
        this.where = slot.id().value();
    }

    @Override
    public SlotResult call() {
        SyncRun run = ctx.run();
        ctx.listener().slotStarted(run, slot.id());
        String accountKey = null;
        MediaSession session;
        try {
            session = connector.login(slot.credentials());
            accountKey = session.accountKey();
            saveVerdict(LoginVerdict.ok(where, ctx.clock().instant()));
        } catch (RuntimeException e) {
            SyncError error = toError(e, where, null);
            saveVerdict(LoginVerdict.failed(where, error.code(), error.message(), ctx.clock().instant()));
            return done(null, List.of(error), false);
        }
        try (session) {
            ctx.checkpoints().reached(Checkpoint.AFTER_LOGIN, where);
            String ats = ctx.robot().ats().ledgerName();
            WatermarkKey wmKey = new WatermarkKey(ctx.robot().tenant(), ats, slot.medium(), accountKey);
            Instant readStart = ctx.clock().instant();
            Instant since = ctx.store().watermarks().get(wmKey).map(w -> w.minus(ctx.overlap()))
                    .orElse(readStart.minus(ctx.initialLookback()));
            List<Applicant> applicants = new ArrayList<>();
            try (Stream<Applicant> stream = session.applicants(since)) {
                stream.forEach(applicants::add);
            } catch (RuntimeException e) {
                // keep what was read: it is imported below; the watermark stays so the next run re-reads
                errors.add(toError(e, where, null));
                clean = false;
            }
            fetched = applicants.size();
            ctx.checkpoints().reached(Checkpoint.AFTER_LISTING, where);
            for (Applicant a : applicants) {
                if (!importOne(ats, accountKey, a)) {
                    break;
                }
            }
            // the watermark is board time (the newest application seen), so instance clock skew cannot move it
            Optional<Instant> newest = applicants.stream().map(Applicant::appliedAt).max(Instant::compareTo);
            if (clean && errors.isEmpty() && newest.isPresent()) {
                ctx.store().watermarks().advance(wmKey, newest.get());
            }
            return done(accountKey, errors, clean && errors.isEmpty());
        }
    }

    /** @return false when the slot must stop (the ATS refuses every further import) */
    private boolean importOne(String ats, String accountKey, Applicant a) {
        SyncRun run = ctx.run();
        LedgerKey key = new LedgerKey(ctx.robot().tenant(), ats, slot.medium(), accountKey, a.boardApplicationId());
        ImportRequest request = new ImportRequest(key.idempotencyKey(), slot.medium(), a);
        try {
            Optional<LedgerEntry> existing = ctx.store().ledger().reserve(key, run.id());
            ctx.checkpoints().reached(Checkpoint.AFTER_RESERVE, a.boardApplicationId());
            if (existing.isEmpty()) {
                reservedHere.add(key);
                return create(key, request);
            }
            LedgerEntry entry = existing.get();
            if (entry.state() == LedgerEntry.State.COMPLETED || reservedHere.contains(key)) {
                already++;
                ctx.listener().applicationSkipped(run, slot.id(), a.boardApplicationId(), SkipReason.ALREADY_IMPORTED);
                return true;
            }
            if (!entry.runId().equals(run.id())) {
                if (!holderIsDead(entry.runId()) || !ctx.store().ledger().takeOver(key, entry.runId(), run.id())) {
                    clean = false;
                    ctx.listener().applicationSkipped(run, slot.id(), a.boardApplicationId(),
                            SkipReason.IN_PROGRESS_ELSEWHERE);
                    return true;
                }
            }
            reservedHere.add(key);
            // an earlier attempt may have reached the ATS: ask before creating again
            Optional<AtsRecord> found = ctx.ats().find(request);
            if (found.isPresent()) {
                ctx.store().ledger().complete(key, run.id(), found.get().atsId());
                already++;
                ctx.listener().applicationSkipped(run, slot.id(), a.boardApplicationId(), SkipReason.RECOVERED_FROM_ATS);
                return true;
            }
            return create(key, request);
        } catch (RuntimeException e) {
            return fail(key, a, e);
        }
    }

    private boolean create(LedgerKey key, ImportRequest request) {
        SyncRun run = ctx.run();
        Applicant a = request.applicant();
        AtsRecord record;
        try {
            record = ctx.ats().importApplicant(request);
        } catch (RuntimeException e) {
            return fail(key, a, e);
        }
        ctx.checkpoints().reached(Checkpoint.AFTER_ATS_IMPORT, a.boardApplicationId());
        ctx.store().ledger().complete(key, run.id(), record.atsId());
        ctx.checkpoints().reached(Checkpoint.AFTER_COMPLETE, a.boardApplicationId());
        imported++;
        ctx.listener().applicationImported(run, slot.id(), a.boardApplicationId(), record.atsId());
        return true;
    }

    private boolean fail(LedgerKey key, Applicant a, RuntimeException e) {
        SyncError error = toError(e, where, a.boardApplicationId());
        boolean atsFatal = ATS_FATAL.contains(error.code());
        if (NOT_CREATED.contains(error.code())) {
            try {
                ctx.store().ledger().release(key, ctx.run().id());
            } catch (RuntimeException releaseFailure) {
                LOG.log(System.Logger.Level.WARNING, "could not release ledger key " + key.idempotencyKey()
                        + "; the next run reconciles it with the ATS", releaseFailure);
            }
        }
        clean = false;
        if (atsFatal) {
            errors.add(new SyncError(error.code(), SyncError.ATS, null, error.message(), error.detail()));
        } else {
            failed++;
            errors.add(error);
        }
        ctx.listener().applicationFailed(ctx.run(), slot.id(), a.boardApplicationId(), error);
        return !atsFatal;
    }

    private boolean holderIsDead(RunId holder) {
        return ctx.store().runs().find(holder).map(r -> r.status().isFinal()
                || r.heartbeatAt() == null
                || r.heartbeatAt().plus(ctx.staleAfter()).isBefore(ctx.store().now())).orElse(true);
    }

    private void saveVerdict(LoginVerdict v) {
        try {
            ctx.store().robots().saveVerdict(ctx.robot().tenant(), ctx.robot().id(), slot.id(), v);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "could not store the login verdict of " + where, e);
        }
    }

    private SlotResult done(String accountKey, List<SyncError> errs, boolean completed) {
        SlotResult result = new SlotResult(slot.id(), accountKey, fetched, imported, already, failed, errs, completed);
        ctx.listener().slotFinished(ctx.run(), result);
        return result;
    }

    /**
     * Turns any exception into a {@link SyncError}: Renkei exceptions keep their code; anything else becomes
     * {@link ErrorCode#INTERNAL} with the exception class kept for the operator.
     */
    public static SyncError toError(Throwable e, String where, String boardApplicationId) {
        if (e instanceof ConnectorException ce) {
            return new SyncError(ce.code(), where, boardApplicationId, ce.getMessage(), detail(ce, ce.detail()));
        }
        if (e instanceof RenkeiException re) {
            return new SyncError(re.code(), where, boardApplicationId, re.getMessage(), detail(re, null));
        }
        LOG.log(System.Logger.Level.WARNING, "unexpected failure at " + where, e);
        return new SyncError(ErrorCode.INTERNAL, where, boardApplicationId,
                "internal error (" + e.getClass().getSimpleName() + ")", detail(e, null));
    }

    private static String detail(Throwable e, String extra) {
        StringBuilder sb = new StringBuilder(e.getClass().getName());
        if (extra != null) {
            sb.append(" at ").append(extra);
        }
        Throwable cause = e.getCause();
        for (int i = 0; cause != null && i < 3; i++, cause = cause.getCause()) {
            sb.append("; caused by ").append(cause.getClass().getName());
            if (cause.getMessage() != null) {
                String m = cause.getMessage();
                sb.append(": ").append(m.length() > 200 ? m.substring(0, 200) + "…" : m);
            }
        }
        if (e.getMessage() != null && !(e instanceof RenkeiException)) {
            String m = e.getMessage();
            sb.append(": ").append(m.length() > 200 ? m.substring(0, 200) + "…" : m);
        }
        return sb.toString();
    }
}
