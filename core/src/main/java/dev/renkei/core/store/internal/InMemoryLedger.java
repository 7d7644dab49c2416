package dev.renkei.core.store.internal;

import dev.renkei.core.model.RunId;
import dev.renkei.core.store.ImportLedger;
import dev.renkei.core.store.LedgerEntry;
import dev.renkei.core.store.LedgerKey;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** The import ledger in memory. Not API. */
public final class InMemoryLedger extends InMemoryRepository implements ImportLedger {
    private final Map<LedgerKey, LedgerEntry> ledger = new HashMap<>();

    /** The import ledger of a store, guarded by {@code lock}. */
    public InMemoryLedger(Object lock, Clock clock) {
        super(lock, clock);
    }

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
