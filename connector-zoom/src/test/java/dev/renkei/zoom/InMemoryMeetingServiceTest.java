package dev.renkei.zoom;

import dev.renkei.core.store.InMemoryStore;
import dev.renkei.core.store.MeetingStore;
import dev.renkei.zoom.testing.MeetingHarness;

/** The meeting service on the in-memory store. */
class InMemoryMeetingServiceTest extends MeetingServiceContract {
    @Override
    MeetingStore store(MeetingHarness harness) {
        return new InMemoryStore(harness.clock).meetings();
    }
}
