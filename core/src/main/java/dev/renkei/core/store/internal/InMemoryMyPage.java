package dev.renkei.core.store.internal;

import dev.renkei.core.model.RunStatus;
import dev.renkei.core.model.TenantId;
import dev.renkei.core.mypage.MyPageAccount;
import dev.renkei.core.mypage.MyPageAccounts;
import dev.renkei.core.mypage.MyPageRun;
import dev.renkei.core.mypage.MyPageSettings;
import dev.renkei.core.mypage.WriteBackRecord;
import dev.renkei.core.store.MyPageStore;
import dev.renkei.core.store.OutboxMail;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The MyPage tables in memory, with the JDBC store's semantics (unique window per tenant, fenced writes, single-use
 * tokens), under the store's one lock. Not API.
 */
public final class InMemoryMyPage extends InMemoryRepository implements MyPageStore {
    private record Batch(MyPageRun run, String owner, String execution, Instant heartbeat) {}

    private final InMemoryOutbox outbox;
    private final Map<TenantId, MyPageSettings> settings = new TreeMap<>(Comparator.comparing(TenantId::value));
    private final Map<String, Batch> batches = new LinkedHashMap<>();
    private final Map<String, MyPageAccount> accounts = new HashMap<>();
    private final Map<String, Person> people = new HashMap<>();
    private final Map<String, Invitation> invitations = new HashMap<>();
    private final Map<String, SetupToken> tokens = new HashMap<>();
    private final Map<String, WriteBackRecord> writeBacks = new LinkedHashMap<>();
    private final Accounts accountView = new Accounts();

    /** The MyPage tables of an in-memory store; mails go to {@code outbox} atomically. */
    public InMemoryMyPage(Object lock, Clock clock, InMemoryOutbox outbox) {
        super(lock, clock);
        this.outbox = outbox;
    }

    private static String key(TenantId t, String id) {
        return t.value() + "\u0000" + id;
    }

    @Override
    public MyPageAccounts accounts() {
        return accountView;
    }

    @Override
    public void saveSettings(TenantId tenant, MyPageSettings s) {
        synchronized (lock) {
            settings.put(tenant, s);
        }
    }

    @Override
    public Optional<MyPageSettings> settings(TenantId tenant) {
        synchronized (lock) {
            return Optional.ofNullable(settings.get(tenant));
        }
    }

    @Override
    public List<TenantId> tenants() {
        synchronized (lock) {
            return List.copyOf(settings.keySet());
        }
    }

    @Override
    public boolean claimBatch(MyPageRun q) {
        synchronized (lock) {
            boolean taken = batches.containsKey(q.id()) || batches.values().stream().anyMatch(b ->
                    b.run().tenant().equals(q.tenant()) && b.run().windowStart().equals(q.windowStart()));
            if (!taken) {
                batches.put(q.id(), new Batch(withStatus(q, RunStatus.QUEUED, null, null), null, null,
                        clock.instant()));
            }
            return !taken;
        }
    }

    private static MyPageRun withStatus(MyPageRun r, RunStatus status, Instant started, Instant finished) {
        return new MyPageRun(r.id(), r.tenant(), r.trigger(), r.windowStart(), status, started, finished, r.counts(),
                r.errors());
    }

    @Override
    public Optional<String> startBatch(String batchId, String owner) {
        synchronized (lock) {
            Batch b = batches.get(batchId);
            if (b == null || b.run().status() != RunStatus.QUEUED || b.execution() != null) {
                return Optional.empty();
            }
            String ex = ExecutionTokens.next();
            Instant now = clock.instant();
            batches.put(batchId, new Batch(withStatus(b.run(), RunStatus.RUNNING, now, null), owner, ex, now));
            return Optional.of(ex);
        }
    }

    private boolean holds(String batchId, String execution) {
        Batch b = batches.get(batchId);
        return b != null && b.run().status() == RunStatus.RUNNING && execution.equals(b.execution());
    }

    @Override
    public boolean heartbeat(String batchId, String execution) {
        synchronized (lock) {
            if (!holds(batchId, execution)) {
                return false;
            }
            Batch b = batches.get(batchId);
            batches.put(batchId, new Batch(b.run(), b.owner(), execution, clock.instant()));
            return true;
        }
    }

    @Override
    public List<MyPageRun> staleBatches(Instant before) {
        synchronized (lock) {
            return batches.values().stream().filter(b -> !b.run().status().isFinal() && b.heartbeat().isBefore(before))
                    .map(Batch::run).toList();
        }
    }

    @Override
    public Optional<String> takeOver(String batchId, String newOwner, Instant before) {
        synchronized (lock) {
            Batch b = batches.get(batchId);
            if (b == null || b.run().status().isFinal() || !b.heartbeat().isBefore(before)) {
                return Optional.empty();
            }
            String ex = ExecutionTokens.next();
            Instant now = clock.instant();
            batches.put(batchId, new Batch(withStatus(b.run(), RunStatus.RUNNING, b.run().startedAt(), null),
                    newOwner, ex, now));
            return Optional.of(ex);
        }
    }

    @Override
    public boolean finishBatch(MyPageRun f, List<OutboxMail> mails, String execution) {
        synchronized (lock) {
            if (!holds(f.id(), execution)) {
                return false;
            }
            Batch b = batches.get(f.id());
            batches.put(f.id(), new Batch(new MyPageRun(f.id(), f.tenant(), f.trigger(), b.run().windowStart(),
                    f.status(), f.startedAt(), clock.instant(), f.counts(), f.errors()), b.owner(), execution,
                    b.heartbeat()));
            mails.forEach(outbox::enqueue);
            return true;
        }
    }

    @Override
    public Optional<MyPageRun> batch(String batchId) {
        synchronized (lock) {
            return Optional.ofNullable(batches.get(batchId)).map(Batch::run);
        }
    }

    @Override
    public List<MyPageRun> batches(TenantId tenant, int limit) {
        synchronized (lock) {
            return batches.values().stream().map(Batch::run).filter(r -> r.tenant().equals(tenant))
                    .sorted(Comparator.comparing(MyPageRun::windowStart).reversed()).limit(limit).toList();
        }
    }

    private boolean fenced(Fence fence) {
        return fence == null || holds(fence.batchId(), fence.execution());
    }

    @Override
    public boolean linkPerson(Fence fence, Person p) {
        synchronized (lock) {
            if (!fenced(fence)) {
                return false;
            }
            people.put(key(p.tenant(), p.personId()), p);
            return true;
        }
    }

    @Override
    public List<Person> people(TenantId tenant, String accountId) {
        synchronized (lock) {
            return people.values().stream().filter(p -> p.tenant().equals(tenant) && p.accountId().equals(accountId))
                    .sorted(Comparator.comparing(Person::personId)).toList();
        }
    }

    @Override
    public Optional<Person> person(TenantId tenant, String personId) {
        synchronized (lock) {
            return Optional.ofNullable(people.get(key(tenant, personId)));
        }
    }

    @Override
    public Optional<Invitation> invitation(TenantId tenant, String accountId) {
        synchronized (lock) {
            return Optional.ofNullable(invitations.get(key(tenant, accountId)));
        }
    }

    @Override
    public boolean invite(Fence fence, TenantId tenant, String accountId, int expectedMails, SetupToken token,
                          OutboxMail mail) {
        synchronized (lock) {
            Invitation inv = invitations.get(key(tenant, accountId));
            boolean moves = expectedMails == 0 ? inv == null
                    : inv != null && inv.mailsSent() == expectedMails && inv.registeredAt() == null;
            if (!fenced(fence) || !moves) {
                return false;
            }
            invitations.put(key(tenant, accountId), new Invitation(tenant, accountId, expectedMails + 1,
                    clock.instant(), null));
            supersede(tenant, accountId);
            tokens.put(token.hash(), token);
            outbox.enqueue(mail);
            return true;
        }
    }

    private void supersede(TenantId tenant, String accountId) {
        tokens.replaceAll((h, t) -> t.tenant().equals(tenant) && t.accountId().equals(accountId) && t.usedAt() == null
                ? new SetupToken(h, tenant, accountId, t.issuedAt(), t.expiresAt(), null, true) : t);
    }

    @Override
    public boolean enqueue(Fence fence, OutboxMail mail) {
        synchronized (lock) {
            return fenced(fence) && outbox.enqueue(mail);
        }
    }

    @Override
    public Optional<SetupToken> token(String hash) {
        synchronized (lock) {
            return Optional.ofNullable(tokens.get(hash));
        }
    }

    @Override
    public boolean consume(String hash, Instant now) {
        synchronized (lock) {
            SetupToken t = tokens.get(hash);
            if (t == null || t.usedAt() != null || t.superseded() || !now.isBefore(t.expiresAt())) {
                return false;
            }
            tokens.put(hash, new SetupToken(hash, t.tenant(), t.accountId(), t.issuedAt(), t.expiresAt(), now, false));
            return true;
        }
    }

    @Override
    public boolean complete(TenantId tenant, String accountId, List<WriteBackRecord> records, List<OutboxMail> mails) {
        synchronized (lock) {
            Invitation inv = invitations.get(key(tenant, accountId));
            if (inv != null && inv.registeredAt() != null) {
                return false;
            }
            Instant now = clock.instant();
            invitations.put(key(tenant, accountId), new Invitation(tenant, accountId,
                    inv == null ? 0 : inv.mailsSent(), inv == null ? now : inv.lastMailAt(), now));
            supersede(tenant, accountId);
            records.forEach(w -> writeBacks.putIfAbsent(w.id(), w));
            mails.forEach(outbox::enqueue);
            return true;
        }
    }

    @Override
    public List<WriteBackRecord> writeBacks(TenantId tenant, List<WriteBackRecord.Status> states) {
        synchronized (lock) {
            return writeBacks.values().stream().filter(w -> w.tenant().equals(tenant) && states.contains(w.status()))
                    .sorted(Comparator.comparing(WriteBackRecord::updatedAt)).toList();
        }
    }

    @Override
    public boolean recordAttempt(String writeBackId, boolean ok, String code, String message) {
        synchronized (lock) {
            WriteBackRecord w = writeBacks.get(writeBackId);
            if (w == null || w.status() == WriteBackRecord.Status.DONE
                    || w.status() == WriteBackRecord.Status.DISCARDED) {
                return false;
            }
            writeBacks.put(writeBackId, new WriteBackRecord(w.id(), w.tenant(), w.personId(), w.item(),
                    ok ? WriteBackRecord.Status.DONE : WriteBackRecord.Status.FAILED, w.attempts() + 1, code, message,
                    clock.instant()));
            return true;
        }
    }

    @Override
    public boolean discard(TenantId tenant, String writeBackId) {
        synchronized (lock) {
            WriteBackRecord w = writeBacks.get(writeBackId);
            if (w == null || !w.tenant().equals(tenant) || w.status() == WriteBackRecord.Status.DONE
                    || w.status() == WriteBackRecord.Status.DISCARDED) {
                return false;
            }
            writeBacks.put(writeBackId, new WriteBackRecord(w.id(), w.tenant(), w.personId(), w.item(),
                    WriteBackRecord.Status.DISCARDED, w.attempts(), w.lastCode(), w.lastMessage(), clock.instant()));
            return true;
        }
    }

    /** The default member table in memory. */
    private final class Accounts implements MyPageAccounts {
        @Override
        public Optional<MyPageAccount> findByEmail(TenantId tenant, String email) {
            synchronized (lock) {
                return accounts.values().stream().filter(a -> a.tenant().equals(tenant) && a.email().equals(email))
                        .findFirst();
            }
        }

        @Override
        public Optional<MyPageAccount> find(TenantId tenant, String id) {
            synchronized (lock) {
                return Optional.ofNullable(accounts.get(key(tenant, id)));
            }
        }

        @Override
        public MyPageAccount createProvisional(TenantId tenant, String email) {
            synchronized (lock) {
                return findByEmail(tenant, email).orElseGet(() -> {
                    MyPageAccount a = new MyPageAccount(tenant, "acc-" + UUID.randomUUID(), email,
                            MyPageAccount.Status.PROVISIONAL, null, clock.instant());
                    accounts.put(key(tenant, a.id()), a);
                    return a;
                });
            }
        }

        @Override
        public boolean register(TenantId tenant, String id, String passwordHash) {
            synchronized (lock) {
                MyPageAccount a = accounts.get(key(tenant, id));
                if (a == null || a.hasPassword()) {
                    return false;
                }
                accounts.put(key(tenant, id), new MyPageAccount(tenant, id, a.email(), MyPageAccount.Status.REGISTERED,
                        passwordHash, a.createdAt()));
                return true;
            }
        }
    }
}
