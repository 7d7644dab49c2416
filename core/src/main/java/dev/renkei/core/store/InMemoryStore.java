package dev.renkei.core.store;

import dev.renkei.core.ConcurrentModificationException;
import dev.renkei.core.NotFoundException;
import dev.renkei.core.ValidationException;
import dev.renkei.core.model.AccountSlot;
import dev.renkei.core.model.LoginVerdict;
import dev.renkei.core.model.Robot;
import dev.renkei.core.model.RobotId;
import dev.renkei.core.model.RunId;
import dev.renkei.core.model.RunStatus;
import dev.renkei.core.model.SlotId;
import dev.renkei.core.model.SyncRun;
import dev.renkei.core.model.TenantId;
import dev.renkei.core.store.internal.ExecutionTokens;
import dev.renkei.core.store.internal.SlotMerge;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A store in memory, for hosts' unit tests and the demo. Thread-safe (one lock); nothing survives the process.
 */
public final class InMemoryStore implements RenkeiStore {
    private final Object lock = new Object();
    private final Clock clock;
    private final Map<String, Robot> robots = new LinkedHashMap<>();
    private final Map<RunId, SyncRun> runs = new LinkedHashMap<>();
    private final Map<RunId, String> executions = new HashMap<>();
    private final Map<LedgerKey, LedgerEntry> ledger = new HashMap<>();
    private final Map<WatermarkKey, Instant> watermarks = new HashMap<>();
    private final Map<String, OutboxMail> outbox = new LinkedHashMap<>();
    private final Map<String, Outbox.Lease> outboxLeases = new HashMap<>();

    private final RobotStore robotStore = new Robots();
    private final RunStore runStore = new Runs();
    private final ImportLedger importLedger = new Ledger();
    private final WatermarkStore watermarkStore = new Watermarks();
    private final MailOutbox mailOutbox = new Outbox();
    private final Map<String, Map.Entry<String, Instant>> scheduleState = new HashMap<>();
    private final ScheduleStore scheduleStore = (tenant, robot, fingerprint, now) -> {
        synchronized (lock) {
            Map.Entry<String, Instant> current = scheduleState.get(key(tenant, robot));
            if (current != null && current.getKey().equals(fingerprint)) {
                return current.getValue();
            }
            scheduleState.put(key(tenant, robot), Map.entry(fingerprint, now));
            return now;
        }
    };

    /** A store on the system UTC clock. */
    public InMemoryStore() {
        this(Clock.systemUTC());
    }

    /** A store on the given clock (its "database clock"). */
    public InMemoryStore(Clock clock) {
        this.clock = Objects.requireNonNull(clock);
    }

    @Override
    public RobotStore robots() {
        return robotStore;
    }

    @Override
    public RunStore runs() {
        return runStore;
    }

    @Override
    public ImportLedger ledger() {
        return importLedger;
    }

    @Override
    public WatermarkStore watermarks() {
        return watermarkStore;
    }

    @Override
    public MailOutbox outbox() {
        return mailOutbox;
    }

    @Override
    public ScheduleStore schedules() {
        return scheduleStore;
    }

    @Override
    public Instant now() {
        return clock.instant();
    }

    private static String key(TenantId t, RobotId r) {
        return t.value() + "\u0000" + r.value();
    }

    private final class Robots implements RobotStore {
        @Override
        public Robot insert(Robot robot) {
            synchronized (lock) {
                if (robot.version() != 0) {
                    throw new ValidationException("a new robot must have version 0, got " + robot.version());
                }
                String k = key(robot.tenant(), robot.id());
                if (robots.containsKey(k)) {
                    throw new ValidationException("robot " + robot.id() + " already exists in tenant " + robot.tenant());
                }
                Robot saved = robot.withVersion(1);
                robots.put(k, saved);
                return saved;
            }
        }

        @Override
        public Robot update(Robot robot) {
            synchronized (lock) {
                String k = key(robot.tenant(), robot.id());
                Robot current = robots.get(k);
                if (current == null) {
                    throw new NotFoundException("robot " + robot.id() + " not found in tenant " + robot.tenant());
                }
                if (current.version() != robot.version()) {
                    throw new ConcurrentModificationException("robot " + robot.id() + " was changed concurrently "
                            + "(expected version " + robot.version() + ", found " + current.version() + ")");
                }
                // slots are never deleted and a tombstone is never undone
                List<AccountSlot> slots = SlotMerge.merge(robot.slots(), current.slots());
                Robot saved = robot.withSlots(slots).withVersion(robot.version() + 1);
                robots.put(k, saved);
                return saved;
            }
        }

        @Override
        public Optional<Robot> find(TenantId tenant, RobotId id) {
            synchronized (lock) {
                return Optional.ofNullable(robots.get(key(tenant, id)));
            }
        }

        @Override
        public List<Robot> list(TenantId tenant) {
            synchronized (lock) {
                return robots.values().stream().filter(r -> r.tenant().equals(tenant))
                        .sorted(Comparator.comparing(r -> r.id().value())).toList();
            }
        }

        @Override
        public List<Robot> listAll() {
            synchronized (lock) {
                return robots.values().stream()
                        .sorted(Comparator.comparing((Robot r) -> r.tenant().value()).thenComparing(r -> r.id().value()))
                        .toList();
            }
        }

        @Override
        public void saveVerdict(TenantId tenant, RobotId robot, SlotId slot, LoginVerdict verdict) {
            synchronized (lock) {
                String k = key(tenant, robot);
                Robot r = robots.get(k);
                if (r == null) {
                    throw new NotFoundException("robot " + robot + " not found in tenant " + tenant);
                }
                if (r.slots().stream().noneMatch(s -> s.id().equals(slot))) {
                    throw new NotFoundException("slot " + slot + " not found on robot " + robot);
                }
                List<AccountSlot> slots = r.slots().stream()
                        .map(s -> s.id().equals(slot) ? s.withVerdict(verdict) : s).toList();
                robots.put(k, r.withSlots(slots));
            }
        }
    }

    private final class Runs implements RunStore {
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
                        : new SyncRun(run.id(), run.tenant(), run.robot(), run.trigger(), run.windowStart(),
                                run.status(), run.owner(), run.startedAt(), clock.instant(), run.finishedAt(),
                                run.result()));
                return true;
            }
        }

        @Override
        public String start(RunId id, String owner) {
            Objects.requireNonNull(owner, "owner");
            synchronized (lock) {
                SyncRun r = require(id);
                if (r.status().isFinal()) {
                    throw new ConcurrentModificationException("run " + id + " cannot start: it is already "
                            + r.status());
                }
                if (executions.containsKey(id) || (r.owner() != null && !r.owner().equals(owner))) {
                    throw new ConcurrentModificationException("run " + id + " cannot start: it is held by "
                            + (r.owner() == null ? "another execution" : r.owner()));
                }
                Instant now = clock.instant();
                String token = ExecutionTokens.next();
                executions.put(id, token);
                runs.put(id, new SyncRun(r.id(), r.tenant(), r.robot(), r.trigger(), r.windowStart(), RunStatus.RUNNING,
                        owner, r.startedAt() == null ? now : r.startedAt(), now, null, null));
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
                runs.put(id, new SyncRun(r.id(), r.tenant(), r.robot(), r.trigger(), r.windowStart(), r.status(),
                        r.owner(), r.startedAt(), clock.instant(), null, null));
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
                throw new ValidationException("run " + finished.id() + " cannot finish with status "
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
                    outbox.putIfAbsent(m.id(), m);
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
                throw new ValidationException("run list limit must not be negative, got " + limit);
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
                runs.put(id, new SyncRun(r.id(), r.tenant(), r.robot(), r.trigger(), r.windowStart(), RunStatus.RUNNING,
                        newOwner, r.startedAt(), clock.instant(), null, null));
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

    private final class Ledger implements ImportLedger {
        @Override
        public Optional<LedgerEntry> reserve(LedgerKey key, RunId run, String execution) {
            Objects.requireNonNull(execution, "execution");
            synchronized (lock) {
                LedgerEntry existing = ledger.get(key);
                if (existing != null) {
                    return Optional.of(existing);
                }
                ledger.put(key, new LedgerEntry(key, LedgerEntry.State.RESERVED, null, run, execution, clock.instant()));
                return Optional.empty();
            }
        }

        @Override
        public boolean takeOver(LedgerEntry seen, RunId run, String execution) {
            Objects.requireNonNull(execution, "execution");
            synchronized (lock) {
                LedgerEntry e = ledger.get(seen.key());
                if (e == null || e.state() != LedgerEntry.State.RESERVED || !e.runId().equals(seen.runId())
                        || !Objects.equals(e.execution(), seen.execution())) {
                    return false;
                }
                ledger.put(seen.key(), new LedgerEntry(seen.key(), LedgerEntry.State.RESERVED, null, run, execution,
                        clock.instant()));
                return true;
            }
        }

        @Override
        public boolean complete(LedgerKey key, String execution, String atsId) {
            synchronized (lock) {
                LedgerEntry e = ledger.get(key);
                if (e == null || e.state() != LedgerEntry.State.RESERVED || !Objects.equals(e.execution(), execution)) {
                    return false;
                }
                ledger.put(key, new LedgerEntry(key, LedgerEntry.State.COMPLETED, atsId, e.runId(), execution,
                        clock.instant()));
                return true;
            }
        }

        @Override
        public boolean release(LedgerKey key, String execution) {
            synchronized (lock) {
                LedgerEntry e = ledger.get(key);
                if (e != null && e.state() == LedgerEntry.State.RESERVED && Objects.equals(e.execution(), execution)) {
                    ledger.remove(key);
                    return true;
                }
                return false;
            }
        }

        @Override
        public Optional<LedgerEntry> find(LedgerKey key) {
            synchronized (lock) {
                return Optional.ofNullable(ledger.get(key));
            }
        }
    }

    private final class Watermarks implements WatermarkStore {
        @Override
        public Optional<Instant> get(WatermarkKey key) {
            synchronized (lock) {
                return Optional.ofNullable(watermarks.get(key));
            }
        }

        @Override
        public void advance(WatermarkKey key, Instant to) {
            synchronized (lock) {
                watermarks.merge(key, to, (a, b) -> a.isAfter(b) ? a : b);
            }
        }
    }

    private final class Outbox implements MailOutbox {
        /** The latest claim of a mail: its token and when it runs out on the store's clock. */
        private record Lease(String token, Instant until) {}

        @Override
        public boolean enqueue(OutboxMail mail) {
            synchronized (lock) {
                return outbox.putIfAbsent(mail.id(), mail) == null;
            }
        }

        @Override
        public List<LeasedMail> claimDue(int limit, String owner, Duration lease) {
            Objects.requireNonNull(owner, "owner");
            Objects.requireNonNull(lease, "lease");
            if (lease.isNegative() || lease.isZero()) {
                throw new ValidationException("outbox lease must be positive, got " + lease);
            }
            synchronized (lock) {
                Instant now = clock.instant();
                Instant until = now.plus(lease);
                List<LeasedMail> out = new ArrayList<>();
                List<OutboxMail> due = outbox.values().stream()
                        .filter(m -> m.status() == OutboxMail.Status.PENDING && !m.nextAttemptAt().isAfter(now))
                        .sorted(Comparator.comparing(OutboxMail::nextAttemptAt).thenComparing(OutboxMail::createdAt)
                                .thenComparing(OutboxMail::id))
                        .toList();
                for (OutboxMail m : due) {
                    if (out.size() >= limit) {
                        break;
                    }
                    Lease held = outboxLeases.get(m.id());
                    if (held == null || !held.until().isAfter(now)) {
                        String token = java.util.UUID.randomUUID().toString();
                        outboxLeases.put(m.id(), new Lease(token, until));
                        out.add(new LeasedMail(m, token, until));
                    }
                }
                return List.copyOf(out);
            }
        }

        @Override
        public boolean holdsLease(String id, String token) {
            synchronized (lock) {
                Lease held = outboxLeases.get(id);
                return isLatestClaim(id, token) && held.until().isAfter(clock.instant());
            }
        }

        @Override
        public boolean markSent(String id, String token) {
            synchronized (lock) {
                if (!isLatestClaim(id, token)) {
                    return false;
                }
                OutboxMail m = outbox.get(id);
                outbox.put(id, new OutboxMail(m.id(), m.tenant(), m.from(), m.to(), m.cc(), m.subject(), m.text(),
                        m.html(), OutboxMail.Status.SENT, m.attempts() + 1, m.nextAttemptAt(), m.lastError(),
                        m.createdAt()));
                outboxLeases.remove(id);
                return true;
            }
        }

        @Override
        public boolean markFailed(String id, String token, String error, Duration retryAfter, boolean dead) {
            Objects.requireNonNull(retryAfter, "retryAfter");
            if (retryAfter.isNegative()) {
                throw new ValidationException("outbox retryAfter must not be negative, got " + retryAfter);
            }
            synchronized (lock) {
                if (!isLatestClaim(id, token)) {
                    return false;
                }
                OutboxMail m = outbox.get(id);
                outbox.put(id, new OutboxMail(m.id(), m.tenant(), m.from(), m.to(), m.cc(), m.subject(), m.text(),
                        m.html(), dead ? OutboxMail.Status.DEAD : OutboxMail.Status.PENDING, m.attempts() + 1,
                        clock.instant().plus(retryAfter), error, m.createdAt()));
                outboxLeases.remove(id);
                return true;
            }
        }

        /** Under the lock: the mail is pending and {@code token} is its latest claim. */
        private boolean isLatestClaim(String id, String token) {
            OutboxMail m = outbox.get(id);
            Lease held = outboxLeases.get(id);
            return m != null && m.status() == OutboxMail.Status.PENDING && held != null
                    && held.token().equals(token);
        }

        @Override
        public Optional<OutboxMail> find(String id) {
            synchronized (lock) {
                return Optional.ofNullable(outbox.get(id));
            }
        }

        @Override
        public List<OutboxMail> list(OutboxMail.Status status) {
            synchronized (lock) {
                return outbox.values().stream().filter(m -> m.status() == status).toList();
            }
        }
    }
}
