package dev.renkei.samples.web.app;

import dev.renkei.core.meeting.InterviewSlot;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The host app's own selection events (選考イベント) and their interview slots, held in memory: they are the host's
 * data, not Renkei's. A slot is kept as the {@link InterviewSlot} the host last synced, so its meeting follows it.
 */
final class InterviewBoard {
    /**
     * A selection event and the Zoom user who hosts its interviews.
     *
     * @param hostUserId the host's Zoom user id, {@code null} until chosen
     * @param hostLabel the host's name and e-mail as shown when chosen, {@code null} until chosen
     */
    record SelectionEvent(String id, String name, String hostUserId, String hostLabel) {}

    private final Map<String, SelectionEvent> events = new LinkedHashMap<>();
    private final Map<String, InterviewSlot> slots = new LinkedHashMap<>();
    private final Map<String, String> slotEvents = new LinkedHashMap<>();
    private int nextEvent = 1;

    /** A board with the sample's two events: 一次面接 and 二次面接. */
    static InterviewBoard seeded() {
        InterviewBoard b = new InterviewBoard();
        b.addEvent("一次面接（営業職）");
        b.addEvent("二次面接（営業職）");
        return b;
    }

    synchronized SelectionEvent addEvent(String name) {
        SelectionEvent e = new SelectionEvent("ev" + nextEvent++, name, null, null);
        events.put(e.id(), e);
        return e;
    }

    synchronized List<SelectionEvent> events() {
        return List.copyOf(events.values());
    }

    synchronized Optional<SelectionEvent> event(String id) {
        return Optional.ofNullable(events.get(id));
    }

    synchronized void setHost(String eventId, String hostUserId, String hostLabel) {
        events.computeIfPresent(eventId, (id, e) -> new SelectionEvent(id, e.name(), hostUserId, hostLabel));
    }

    /** A new slot id: random, so a restarted sample never meets the stored meeting of an earlier slot. */
    static String newSlotId() {
        return "slot-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Stores a slot of an event (new or changed). */
    synchronized void save(String eventId, InterviewSlot slot) {
        slots.put(slot.id(), slot);
        slotEvents.put(slot.id(), eventId);
    }

    synchronized Optional<InterviewSlot> slot(String id) {
        return Optional.ofNullable(slots.get(id));
    }

    /** The event a slot belongs to. */
    synchronized String eventOf(String slotId) {
        return slotEvents.get(slotId);
    }

    /** The slots of an event in the order they were created. */
    synchronized List<InterviewSlot> slotsOf(String eventId) {
        List<InterviewSlot> out = new ArrayList<>();
        slotEvents.forEach((slot, event) -> {
            if (event.equals(eventId)) {
                out.add(slots.get(slot));
            }
        });
        return out;
    }
}
