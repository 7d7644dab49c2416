package dev.renkei.core.sync.internal;

import dev.renkei.core.model.SyncRun;
import dev.renkei.core.store.RenkeiStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The heartbeat of one execution: a refused heartbeat, or none renewed for {@code staleAfter}, stops the execution
 * (its slots are cancelled and it writes nothing more). Not API.
 */
public final class Lease {
    private static final System.Logger LOG = System.getLogger(Lease.class.getName());
    private final RenkeiStore store;
    private final Clock clock;
    private final Duration staleAfter;
    private final SyncRun run;
    private final String execution;
    private volatile RunContext ctx;
    private volatile Instant lastRenewed;

    /** The lease of {@code execution} on {@code run}. */
    public Lease(RenkeiStore store, Clock clock, Duration staleAfter, SyncRun run, String execution) {
        this.store = store;
        this.clock = clock;
        this.staleAfter = staleAfter;
        this.run = run;
        this.execution = execution;
        this.lastRenewed = clock.instant();
    }

    /** The execution token. */
    public String execution() {
        return execution;
    }

    /** The execution's slots, once they run: a lost lease stops them. */
    public void attach(RunContext context) {
        this.ctx = context;
    }

    /** True when the lease was lost and the execution stopped for it. */
    public boolean fenced() {
        RunContext c = ctx;
        return c != null && c.stopped() == RunContext.Stop.FENCED;
    }

    /** One heartbeat; called at the heartbeat interval. */
    public void beat() {
        try {
            if (store.runs().heartbeat(run.id(), execution)) {
                lastRenewed = clock.instant();
                return;
            }
            LOG.log(System.Logger.Level.WARNING, "run " + run.id() + " is held by another execution now; "
                    + "stopping this one");
            fence();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "heartbeat of run " + run.id() + " failed", e);
            if (!staleAfter.isZero() && clock.instant().isAfter(lastRenewed.plus(staleAfter))) {
                // another instance may take the run over by now: stop before it does any work twice
                fence();
            }
        }
    }

    private void fence() {
        RunContext c = ctx;
        if (c != null) {
            c.stop(RunContext.Stop.FENCED);
        }
    }
}
