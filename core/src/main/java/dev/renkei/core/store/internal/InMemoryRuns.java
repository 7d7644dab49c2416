package dev.renkei.core.store.internal;

import dev.renkei.core.ConflictException;
import dev.renkei.core.NotFoundException;
import dev.renkei.core.model.RobotId;
import dev.renkei.core.model.RunId;
import dev.renkei.core.model.RunStatus;
import dev.renkei.core.model.SyncRun;
import dev.renkei.core.model.TenantId;
import dev.renkei.core.store.OutboxMail;
import dev.renkei.core.store.RunStore;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** Runs in memory, each execution fenced by its token. Not API. */
public final class InMemoryRuns extends InMemoryRepository implements RunStore {
    private final Map<RunId, SyncRun> runs = new LinkedHashMap<>();
    private final Map<RunId, String> executions = new HashMap<>();
    private final InMemoryOutbox outbox;

    /** The runs of a store; a finished run enqueues its mails in {@code outbox} under the same lock. */
    public InMemoryRuns(Object lock, Clock clock, InMemoryOutbox outbox) {
        super(lock, clock);
        this.outbox = outbox;
    }

    @Override
    public boolean claim(SyncRun run) {
        synchronized (lock) {
            boolean taken = runs.values().stream().anyMatch(r -> r.tenant().equals(run.tenant())
                    && r.robot().equals(run.robot()) && r.windowStart().equals(run.windowStart()));
            if (taken || runs.containsKey(run.id())) {
                return false;
            }
            // the claim time counts as the first heartbeat, so a fresh claim never looks abandoned
            runs.put(run.id(), run.heartbeatAt() != null || run.status().isFinal() ? run
                    : run.withHeartbeat(clock.instant()));
            return true;
        }
    }

    @Override
    public String start(RunId id, String owner) {
        Objects.requireNonNull(owner, "owner");
        synchronized (lock) {
            SyncRun r = require(id);
            if (r.status().isFinal()) {
                throw new ConflictException("run " + id + " cannot start: it is already "
                        + r.status());
            }
            if (executions.containsKey(id) || (r.owner() != null && !r.owner().equals(owner))) {
                throw new ConflictException("run " + id + " cannot start: it is held by "
                        + (r.owner() == null ? "another execution" : r.owner()));
            }
            Instant now = clock.instant();
            String token = ExecutionTokens.next();
            executions.put(id, token);
            runs.put(id, r.running(owner, r.startedAt() == null ? now : r.startedAt(), now));
            return token;
        }
    }

    @Override
    public boolean heartbeat(RunId id, String execution) {
        synchronized (lock) {
            SyncRun r = runs.get(id);
            if (r == null || r.status() != RunStatus.RUNNING || !Objects.equals(executions.get(id), execution)) {
                return false;
            }
            runs.put(id, r.running(r.owner(), r.startedAt(), clock.instant()));
            return true;
        }
    }

    @Override
    public boolean isLive(RunId id, String execution, Instant heartbeatSince) {
        synchronized (lock) {
            SyncRun r = runs.get(id);
            return r != null && execution != null && r.status() == RunStatus.RUNNING
                    && execution.equals(executions.get(id))
                    && (heartbeatSince == null || (r.heartbeatAt() != null && !r.heartbeatAt().isBefore(heartbeatSince)));
        }
    }

    @Override
    public boolean finish(SyncRun finished, List<OutboxMail> mails, String execution) {
        Objects.requireNonNull(execution, "execution");
        return finishIf(finished, mails, execution);
    }

    @Override
    public boolean finish(SyncRun finished, List<OutboxMail> mails) {
        return finishIf(finished, mails, null);
    }

    private boolean finishIf(SyncRun finished, List<OutboxMail> mails, String execution) {
        if (!finished.status().isFinal()) {
            throw new IllegalArgumentException("run " + finished.id() + " cannot finish with status "
                    + finished.status() + ": use a final status");
        }
        synchronized (lock) {
            SyncRun r = runs.get(finished.id());
            if (r == null || !r.tenant().equals(finished.tenant())) {
                throw new NotFoundException("run " + finished.id() + " not found in tenant " + finished.tenant());
            }
            if (r.status().isFinal() || !Objects.equals(executions.get(finished.id()), execution)) {
                return false;
            }
            runs.put(finished.id(), finished);
            executions.remove(finished.id());
            for (OutboxMail m : mails) {
                outbox.enqueue(m);
            }
            return true;
        }
    }

    @Override
    public Optional<SyncRun> find(RunId id) {
        synchronized (lock) {
            return Optional.ofNullable(runs.get(id));
        }
    }

    @Override
    public Optional<SyncRun> find(TenantId tenant, RunId id) {
        return find(id).filter(r -> r.tenant().equals(tenant));
    }

    @Override
    public List<SyncRun> list(TenantId tenant, RobotId robot, int limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("run list limit must not be negative, got " + limit);
        }
        synchronized (lock) {
            return runs.values().stream().filter(r -> r.tenant().equals(tenant) && r.robot().equals(robot))
                    .sorted(Comparator.comparing(SyncRun::windowStart).reversed()).limit(limit).toList();
        }
    }

    @Override
    public List<SyncRun> listByWindow(Instant from, Instant to) {
        synchronized (lock) {
            return runs.values().stream().filter(r -> !r.windowStart().isBefore(from) && !r.windowStart().isAfter(to))
                    .sorted(Comparator.comparing(SyncRun::windowStart)).toList();
        }
    }

    @Override
    public List<SyncRun> listStale(Instant before) {
        synchronized (lock) {
            return runs.values().stream().filter(r -> isStale(r, before))
                    .sorted(Comparator.comparing(SyncRun::windowStart)).toList();
        }
    }

    @Override
    public boolean takeOver(SyncRun stale, String newOwner, Instant before) {
        synchronized (lock) {
            RunId id = stale.id();
            SyncRun r = runs.get(id);
            if (r == null || !isStale(r, before) || !Objects.equals(r.owner(), stale.owner())
                    || !Objects.equals(r.heartbeatAt(), stale.heartbeatAt())) {
                return false;
            }
            runs.put(id, r.running(newOwner, r.startedAt(), clock.instant()));
            executions.remove(id);
            return true;
        }
    }

    @Override
    public void release(RunId id, String owner) {
        synchronized (lock) {
            SyncRun r = runs.get(id);
            if (r != null && !r.status().isFinal() && Objects.equals(r.owner(), owner)) {
                runs.put(id, new SyncRun(r.id(), r.tenant(), r.robot(), r.trigger(), r.windowStart(), r.status(),
                        r.owner(), r.startedAt(), null, null, null));
                executions.remove(id);
            }
        }
    }

    private boolean isStale(SyncRun r, Instant before) {
        return (r.status() == RunStatus.QUEUED || r.status() == RunStatus.RUNNING)
                && (r.heartbeatAt() == null || r.heartbeatAt().isBefore(before));
    }

    private SyncRun require(RunId id) {
        SyncRun r = runs.get(id);
        if (r == null) {
            throw new NotFoundException("run " + id + " not found");
        }
        return r;
    }
}
