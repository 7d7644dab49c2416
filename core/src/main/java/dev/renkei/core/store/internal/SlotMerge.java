package dev.renkei.core.store.internal;

import dev.renkei.core.model.AccountSlot;
import dev.renkei.core.model.SlotId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** How every store merges a robot update's slots with the stored ones. Not API. */
public final class SlotMerge {
    private SlotMerge() {}

    /**
     * The slots a robot keeps after an update: the caller's slots in the caller's order (a slot tombstoned in the
     * store stays tombstoned: deletion cannot be undone), then every stored slot the caller left out, in stored
     * order (slots are never deleted).
     */
    public static List<AccountSlot> merge(List<AccountSlot> given, List<AccountSlot> current) {
        Map<SlotId, AccountSlot> currentById = new LinkedHashMap<>();
        current.forEach(s -> currentById.put(s.id(), s));
        List<AccountSlot> merged = new ArrayList<>();
        for (AccountSlot s : given) {
            AccountSlot stored = currentById.remove(s.id());
            merged.add(stored != null && stored.tombstoned() && !s.tombstoned() ? s.tombstone() : s);
        }
        merged.addAll(currentById.values());
        return List.copyOf(merged);
    }
}
