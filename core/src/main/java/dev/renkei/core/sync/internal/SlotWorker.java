package dev.renkei.core.sync.internal;

import dev.renkei.core.ConnectorException;
import dev.renkei.core.ErrorCode;
import dev.renkei.core.RenkeiException;
import dev.renkei.core.model.AccountSlot;
import dev.renkei.core.model.Applicant;
import dev.renkei.core.model.LoginVerdict;
import dev.renkei.core.model.SlotId;
import dev.renkei.core.model.SlotResult;
import dev.renkei.core.model.SyncError;
import dev.renkei.core.model.SyncRun;
import dev.renkei.core.spi.AtsRecord;
import dev.renkei.core.spi.ImportRequest;
import dev.renkei.core.spi.Listing;
import dev.renkei.core.spi.MediaConnector;
import dev.renkei.core.spi.MediaSession;
import dev.renkei.core.store.LedgerEntry;
import dev.renkei.core.store.LedgerKey;
import dev.renkei.core.store.Reservation;
import dev.renkei.core.store.WatermarkKey;
import dev.renkei.core.sync.SyncListener.SkipReason;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * Processes one slot of one execution: login, one reader per board account, then the listing row by row — the
 * ledger first, the detail page and attachments only for keys not yet imported, the ATS import right away — so
 * memory is bounded by one applicant per slot and a run killed half-way reloads only what it had not imported.
 * Anything the slot throws becomes its own error; it never escapes to the run. Not API.
 */
public final class SlotWorker implements Callable<SlotResult> {
    private static final System.Logger LOG = System.getLogger(SlotWorker.class.getName());
    /** ATS failures that end the slot: every further application would fail the same way. */
    private static final Set<ErrorCode> ATS_FATAL = Set.of(ErrorCode.LOGIN_FAILED, ErrorCode.PERMISSION_MISSING,
            ErrorCode.RATE_LIMITED, ErrorCode.ACCOUNT_LOCKED);
    /** ATS refusals of the record itself: the ATS created nothing, so a fresh reservation can be released. */
    private static final Set<ErrorCode> REFUSED = Set.of(ErrorCode.DATA_REJECTED, ErrorCode.CONFIGURATION_INVALID,
            ErrorCode.APPLICANT_INCOMPLETE);
    /** Board failures of one application's detail; other board failures end the slot. */
    private static final Set<ErrorCode> ROW_ONLY = Set.of(ErrorCode.LAYOUT_CHANGED, ErrorCode.APPLICANT_INCOMPLETE,
            ErrorCode.DATA_REJECTED, ErrorCode.RESPONSE_TOO_LARGE);

    /** Listing rows read ahead, and their ledger entries read in one query: about one board page. */
    private static final int PAGE = 50;

    private final RunContext ctx;
    private final AccountSlot slot;
    private final MediaConnector connector;
    private final String where;
    private final List<SyncError> errors = new CopyOnWriteArrayList<>();
    private final AtomicInteger fetched = new AtomicInteger();
    private final AtomicInteger imported = new AtomicInteger();
    private final AtomicInteger already = new AtomicInteger();
    private final AtomicInteger failed = new AtomicInteger();
    private volatile String accountKey;
    private volatile boolean clean = true;

    /** A worker for one slot. */
    public SlotWorker(RunContext ctx, AccountSlot slot, MediaConnector connector) {
        this.ctx = ctx;
        this.slot = slot;
        this.connector = connector;
        this.where = slot.id().value();
    }

    /** The slot this worker processes. */
    public AccountSlot slot() {
        return slot;
    }

    @Override
    public SlotResult call() {
        try {
            return process();
        } catch (RuntimeException e) {
            // slot isolation: whatever escaped (store, watermark, connector bug) is this slot's error alone
            record(toError(e, where, null));
            clean = false;
            return done(false);
        }
    }

    /**
     * What the slot did so far, with an extra error: the result of a slot the run had to stop (deadline, lost
     * lease) while it was still working.
     */
    public SlotResult stoppedWith(SyncError error) {
        List<SyncError> all = new ArrayList<>(errors);
        all.add(error);
        return new SlotResult(slot.id(), accountKey, fetched.get(), imported.get(), already.get(), failed.get(), all,
                false);
    }

    private SlotResult process() {
        SyncRun run = ctx.run();
        ctx.listener().slotStarted(run, slot.id());
        MediaSession session;
        LoginVerdict ok;
        try {
            session = connector.login(slot.credentials());
            accountKey = session.accountKey();
            ok = LoginVerdict.ok(where, ctx.clock().instant());
        } catch (RuntimeException e) {
            SyncError error = toError(e, where, null);
            saveVerdict(LoginVerdict.failed(where, error.code(), error.message(), ctx.clock().instant()));
            record(error);
            clean = false;
            return done(false);
        }
        try (session) {
            String ats = ctx.robot().ats().ledgerName();
            if (accountKey == null || accountKey.isBlank()) {
                saveVerdict(ok); // the login worked; the key below refuses the connector's blank account
            }
            WatermarkKey wmKey = new WatermarkKey(ctx.robot().tenant(), ats, slot.medium(), accountKey);
            Optional<Instant> watermark = loggedIn(ok, wmKey);
            SlotId reader = ctx.claimAccount(slot.medium(), accountKey, slot.id());
            if (reader != null) {
                // two login ids of one employer account: read once, by the first slot that reached it
                SlotResult shared = SlotResult.shared(slot.id(), accountKey, reader);
                ctx.listener().slotFinished(run, shared);
                return shared;
            }
            ctx.checkpoints().reached(Checkpoint.AFTER_LOGIN, where);
            Instant since = watermark.map(w -> w.minus(ctx.overlap()))
                    .orElse(ctx.clock().instant().minus(ctx.initialLookback()));
            Instant newest = null;
            boolean listed = false;
            try (Stream<Listing> rows = session.listings(since)) {
                Iterator<Listing> it = rows.iterator();
                boolean more = true;
                while (more && ctx.stopped() == null) {
                    // a page's worth of rows, then what the ledger says of all of them in one read: an application
                    // imported before costs no detail page and no round trip of its own
                    List<Listing> page = new ArrayList<>(PAGE);
                    RuntimeException listingFailure = null;
                    try {
                        while (page.size() < PAGE && it.hasNext()) {
                            page.add(it.next());
                        }
                    } catch (RuntimeException e) {
                        listingFailure = e;
                    }
                    more = listingFailure == null && page.size() == PAGE;
                    if (!page.isEmpty() && !listed) {
                        listed = true;
                        ctx.checkpoints().reached(Checkpoint.AFTER_LISTING, where);
                    }
                    List<LedgerKey> keys = page.stream().map(row -> key(ats, row)).toList();
                    Map<LedgerKey, LedgerEntry> known = keys.isEmpty() ? Map.of()
                            : ctx.store().ledger().findAll(keys);
                    for (int i = 0; i < page.size(); i++) {
                        if (ctx.stopped() != null) {
                            more = false;
                            break;
                        }
                        Listing row = page.get(i);
                        fetched.incrementAndGet();
                        if (newest == null || row.appliedAt().isAfter(newest)) {
                            newest = row.appliedAt();
                        }
                        if (!importOne(keys.get(i), row, known.get(keys.get(i)))) {
                            more = false;
                            listingFailure = null;
                            break;
                        }
                    }
                    if (listingFailure != null) {
                        // what was read is imported already; the watermark stays so the next run re-reads
                        record(toError(listingFailure, where, null));
                        clean = false;
                        break;
                    }
                }
            }
            if (!listed && clean && ctx.stopped() == null) {
                ctx.checkpoints().reached(Checkpoint.AFTER_LISTING, where);
            }
            boolean completed = clean && errors.isEmpty() && ctx.stopped() == null;
            // the watermark is board time (the newest application seen), so instance clock skew cannot move it;
            // an execution that lost its run writes nothing, not even that
            if (completed && newest != null && ctx.stillCurrent()) {
                ctx.store().watermarks().advance(wmKey, newest);
            }
            return done(completed);
        }
    }

    private LedgerKey key(String ats, Listing row) {
        return new LedgerKey(ctx.robot().tenant(), ats, slot.medium(), accountKey, row.boardApplicationId());
    }

    /**
     * One listed application: what the ledger said of it (read with its page), its detail page, then the reservation
     * and the fence in one store call right before the ATS import.
     *
     * @return false when the slot must stop (the ATS refuses every further import, the board fails, or fenced)
     */
    private boolean importOne(LedgerKey key, Listing row, LedgerEntry known) {
        SyncRun run = ctx.run();
        String id = row.boardApplicationId();
        if (known != null && skipped(known, id)) {
            return true;
        }
        Applicant applicant;
        try {
            applicant = row.load();
            if (!id.equals(applicant.boardApplicationId())) {
                throw new ConnectorException(ErrorCode.LAYOUT_CHANGED, "the detail of application " + id
                        + " shows application " + applicant.boardApplicationId(), null);
            }
        } catch (RuntimeException e) {
            // nothing is reserved yet and nothing was sent to the ATS
            SyncError error = toError(e, where, id);
            return failed(error, ROW_ONLY.contains(error.code()));
        }
        ctx.checkpoints().reached(Checkpoint.AFTER_LOAD, id);
        if (ctx.stopped() != null) {
            return false;
        }
        Reservation reservation = ctx.store().reserveHolding(key, run.id(), ctx.execution());
        ctx.checkpoints().reached(Checkpoint.AFTER_RESERVE, id);
        switch (reservation.outcome()) {
            case RESERVED -> {
                String work = key.idempotencyKey(); // hashed once per application
                ctx.beginWork(work);
                try {
                    return importReserved(key, work, applicant, false);
                } finally {
                    ctx.endWork(work);
                }
            }
            case LOST -> {
                return lostFence(id);
            }
            default -> {
                return importInherited(key, applicant, reservation.entry());
            }
        }
    }

    /** Whether the ledger's word on a key settles it without a detail page: imported, or held by a live execution. */
    private boolean skipped(LedgerEntry entry, String id) {
        if (entry.state() == LedgerEntry.State.COMPLETED) {
            return skipAlreadyImported(id);
        }
        if (!ctx.execution().equals(entry.execution()) && holderIsAlive(entry)) {
            // another live execution has it: never import it a second time; the next run looks again
            return skipInProgressElsewhere(id);
        }
        return false;
    }

    /** A key reserved before this call (by a dead execution, or by this one earlier in the run). */
    private boolean importInherited(LedgerKey key, Applicant applicant, LedgerEntry entry) {
        SyncRun run = ctx.run();
        String id = applicant.boardApplicationId();
        if (entry.state() == LedgerEntry.State.COMPLETED) {
            return skipAlreadyImported(id);
        }
        boolean mine = ctx.execution().equals(entry.execution());
        String work = key.idempotencyKey();
        if (mine && !ctx.beginWork(work)) {
            // listed twice in this run and being imported right now
            return skipAlreadyImported(id);
        }
        if (!mine) {
            if (holderIsAlive(entry) || !ctx.store().ledger().takeOver(entry, run.id(), ctx.execution())) {
                return skipInProgressElsewhere(id);
            }
            ctx.beginWork(work);
        }
        try {
            // the fence: the run and the reservation must still be this execution's (one read on a JDBC store)
            if (ctx.stopped() != null || !ctx.store().holdsReservation(run.id(), ctx.execution(), key)) {
                return lostFence(id);
            }
            return importReserved(key, work, applicant, true);
        } finally {
            ctx.endWork(work);
        }
    }

    /** The fence failed: stop when the run is lost; else another run took the key over and settles it. */
    private boolean lostFence(String id) {
        if (!ctx.stillCurrent()) {
            return false; // another execution holds the run: no ATS call, no write
        }
        // this execution was paused past its lease and another run took the key over meanwhile: it settles it
        return skipInProgressElsewhere(id);
    }

    /** Counts an application imported before (or being imported by this run) as such; the slot goes on. */
    private boolean skipAlreadyImported(String id) {
        already.incrementAndGet();
        ctx.listener().applicationSkipped(ctx.run(), slot.id(), id, SkipReason.ALREADY_IMPORTED);
        return true;
    }

    /** Leaves an application another execution holds to it: the slot is not clean, and goes on. */
    private boolean skipInProgressElsewhere(String id) {
        clean = false;
        ctx.listener().applicationSkipped(ctx.run(), slot.id(), id, SkipReason.IN_PROGRESS_ELSEWHERE);
        return true;
    }

    private boolean importReserved(LedgerKey key, String idempotencyKey, Applicant applicant, boolean inherited) {
        SyncRun run = ctx.run();
        String id = applicant.boardApplicationId();
        if (ctx.stopped() != null) {
            // stopped since the fence (a refused heartbeat, the deadline): no ATS call; the reservation stays for
            // whoever settles the key next, through the ATS lookup
            return false;
        }
        ImportRequest request = new ImportRequest(idempotencyKey, slot.medium(), applicant, inherited);
        AtsRecord record;
        try {
            // lookup, then create or fill in what is missing (résumés): also settles a reservation left by a crash
            record = ctx.ats().importApplicant(request);
        } catch (RuntimeException e) {
            SyncError error = toError(e, where, id);
            if (!inherited && REFUSED.contains(error.code())) {
                ctx.store().ledger().release(key, ctx.execution());
            }
            if (ATS_FATAL.contains(error.code())) {
                record(new SyncError(error.code(), SyncError.ATS, null, error.message(), error.detail()));
                clean = false;
                ctx.listener().applicationFailed(run, slot.id(), id, error);
                return false;
            }
            return failed(error, true);
        }
        ctx.checkpoints().reached(Checkpoint.AFTER_ATS_IMPORT, id);
        if (!ctx.store().ledger().complete(key, ctx.execution(), record.atsId())) {
            // another execution took the reservation over during the ATS call; it settles the key through the
            // same lookup and finds this record. Whether this execution may go on, the next fence check says.
            return skipInProgressElsewhere(id);
        }
        ctx.checkpoints().reached(Checkpoint.AFTER_COMPLETE, id);
        if (inherited && !record.created()) {
            already.incrementAndGet();
            ctx.listener().applicationSkipped(run, slot.id(), id, SkipReason.RECOVERED_FROM_ATS);
        } else {
            imported.incrementAndGet();
            ctx.listener().applicationImported(run, slot.id(), id, record.atsId());
        }
        return true;
    }

    /** Records an error, unless the run stopped this slot: then the stop is the slot's one error, not its echoes. */
    private void record(SyncError error) {
        if (ctx.stopped() == null) {
            errors.add(error);
        }
    }

    private boolean failed(SyncError error, boolean goOn) {
        clean = false;
        failed.incrementAndGet();
        record(error);
        ctx.listener().applicationFailed(ctx.run(), slot.id(), error.boardApplicationId(), error);
        return goOn;
    }

    private boolean holderIsAlive(LedgerEntry entry) {
        Instant since = ctx.store().now().minus(ctx.staleAfter());
        if (entry.execution() != null) {
            return ctx.store().runs().isLive(entry.runId(), entry.execution(), since);
        }
        // a reservation written before execution tokens: judge by its run alone
        return ctx.store().runs().find(entry.runId()).map(r -> !r.status().isFinal() && r.heartbeatAt() != null
                && !r.heartbeatAt().isBefore(since)).orElse(false);
    }

    /**
     * Stores the verdict of the login that reached board account {@code key} and reads that account's watermark, in
     * one store call. While the execution is stopped no verdict is stored; if the call fails the verdict is logged as
     * lost (as {@link #saveVerdict} does) and the watermark read on its own.
     */
    private Optional<Instant> loggedIn(LoginVerdict v, WatermarkKey key) {
        if (ctx.stopped() == null) {
            try {
                return ctx.store().recordLogin(ctx.robot().tenant(), ctx.robot().id(), slot.id(), v, key);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "could not store the login verdict of " + where, e);
            }
        }
        return ctx.store().watermarks().get(key);
    }

    private void saveVerdict(LoginVerdict v) {
        if (ctx.stopped() != null) {
            return;
        }
        try {
            ctx.store().robots().saveVerdict(ctx.robot().tenant(), ctx.robot().id(), slot.id(), v);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "could not store the login verdict of " + where, e);
        }
    }

    private SlotResult done(boolean completed) {
        SlotResult result = new SlotResult(slot.id(), accountKey, fetched.get(), imported.get(), already.get(),
                failed.get(), errors, completed);
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
