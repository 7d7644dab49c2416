package dev.renkei.core.sync.internal;

import dev.renkei.core.ErrorCode;
import dev.renkei.core.RenkeiException;
import dev.renkei.core.model.AccountSlot;
import dev.renkei.core.model.SlotResult;
import dev.renkei.core.model.SyncError;
import dev.renkei.core.model.SyncResult;
import dev.renkei.core.spi.MediaConnector;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * Runs the slots of one execution concurrently (bounded) and collects one result per slot, in slot order: slots
 * still working at the run deadline are stopped with a {@code TIMEOUT} error; a dying worker ({@link Error}) stops
 * the others and takes the run down, as a crashed process would. Not API.
 */
public final class SlotRunner {
    private final ExecutorService workers;
    private final int concurrency;
    private final Duration runTimeout;

    /** A runner over the engine's workers. */
    public SlotRunner(ExecutorService workers, int concurrency, Duration runTimeout) {
        this.workers = workers;
        this.concurrency = concurrency;
        this.runTimeout = runTimeout;
    }

    /** Runs every slot; {@code media} creates the connector of a medium (once per medium). */
    public SyncResult run(RunContext ctx, List<AccountSlot> slots, Function<String, MediaConnector> media) {
        long deadline = System.nanoTime() + runTimeout.toNanos();
        Map<String, MediaConnector> connectors = new HashMap<>();
        List<SlotWorker> slotWorkers = new ArrayList<>();
        List<Future<SlotResult>> futures = new ArrayList<>();
        Semaphore permits = new Semaphore(concurrency);
        for (AccountSlot slot : slots) {
            MediaConnector connector;
            try {
                connector = connectors.computeIfAbsent(slot.medium(), media);
            } catch (RuntimeException e) {
                SyncError error = SlotWorker.toError(e, slot.id().value(), null);
                slotWorkers.add(null);
                futures.add(CompletableFuture.completedFuture(
                        new SlotResult(slot.id(), null, 0, 0, 0, 0, List.of(error), false)));
                continue;
            }
            SlotWorker worker = new SlotWorker(ctx, slot, connector);
            slotWorkers.add(worker);
            Future<SlotResult> f = workers.submit(() -> {
                permits.acquire();
                try {
                    return worker.call();
                } finally {
                    permits.release();
                }
            });
            futures.add(f);
            ctx.track(f);
        }
        List<SlotResult> results = new ArrayList<>();
        for (int i = 0; i < futures.size(); i++) {
            results.add(await(futures.get(i), slotWorkers.get(i), ctx, deadline));
        }
        return new SyncResult(results, List.of());
    }

    private SlotResult await(Future<SlotResult> f, SlotWorker worker, RunContext ctx, long deadline) {
        try {
            long left = deadline - System.nanoTime();
            if (left <= 0 && !f.isDone()) {
                throw new TimeoutException();
            }
            return f.get(Math.max(left, 0), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            ctx.stop(RunContext.Stop.TIMEOUT);
            return stopped(worker, ctx);
        } catch (CancellationException e) {
            return stopped(worker, ctx);
        } catch (InterruptedException e) {
            // stop every slot of the run: the run is handed back unfinished and taken over elsewhere
            ctx.stop(RunContext.Stop.FENCED);
            Thread.currentThread().interrupt();
            throw new RenkeiException(ErrorCode.INTERNAL, "interrupted while waiting for slots", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof Error err) {
                // a dying worker takes the run down with it, as a crashed process would; the other slots stop too
                ctx.stop(RunContext.Stop.FENCED);
                throw err;
            }
            return worker.stoppedWith(SlotWorker.toError(cause, worker.slot().id().value(), null));
        }
    }

    private SlotResult stopped(SlotWorker worker, RunContext ctx) {
        SyncError error = ctx.stopped() == RunContext.Stop.TIMEOUT
                ? new SyncError(ErrorCode.TIMEOUT, worker.slot().id().value(), null, "the run did not finish within "
                        + runTimeout + "; this account was stopped and the next run goes on from where it stopped",
                        "run deadline " + runTimeout)
                : new SyncError(ErrorCode.INTERNAL, worker.slot().id().value(), null,
                        "this account was stopped because the run lost its lease", null);
        return worker.stoppedWith(error);
    }
}
