package dev.renkei.core.meeting.internal;

import dev.renkei.core.ConflictException;
import dev.renkei.core.ConnectorException;
import dev.renkei.core.ErrorCode;
import dev.renkei.core.meeting.InterviewMeeting;
import dev.renkei.core.meeting.InterviewSlot;
import dev.renkei.core.meeting.MeetingSyncResult;
import dev.renkei.core.meeting.MeetingSyncResult.Outcome;
import dev.renkei.core.model.TenantId;
import dev.renkei.core.spi.MeetingConnector;
import dev.renkei.core.spi.MeetingConnector.Meeting;
import dev.renkei.core.spi.MeetingConnector.MeetingSpec;
import dev.renkei.core.spi.MeetingRateLimitException;
import dev.renkei.core.store.MeetingStore.Phase;
import dev.renkei.core.store.MeetingStore.SlotMeeting;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * One {@code sync} of one slot: claims the slot (a lease in the store; a second caller waits for it), settles an
 * earlier create whose outcome was unclear by looking its marker up, then creates, updates, re-creates or deletes
 * so the meeting follows the slot. The intent (marker, host, times) is stored before every create; an unclear
 * failure (timeout, reset, 5xx) leaves it for the next sync to look up, never to create again. Every write is
 * conditional on the claim. Creates and updates are counted per host per UTC day first. Not API.
 */
public final class SlotSync {
    private final Links links;

    /** Syncs over the shared parts. */
    public SlotSync(Links links) {
        this.links = links;
    }

    /** Makes the slot's meeting follow the slot. */
    public MeetingSyncResult sync(TenantId tenant, InterviewSlot slot) {
        links.requireAuthorized(tenant);
        String owner = UUID.randomUUID().toString();
        for (int polls = 0; !links.store.claimSlot(tenant, slot.id(), owner, links.settings.slotLease()); polls++) {
            if (!links.pollOnce(polls, links.settings.slotLease(), "another sync of slot " + slot.id())) {
                throw new ConnectorException(ErrorCode.UNAVAILABLE, "Slot " + slot.id() + " has been synced by "
                        + "another caller for too long; try again later", links.settings.connectorId(), null);
            }
        }
        try {
            return new Run(tenant, slot, owner).run();
        } finally {
            links.store.releaseSlot(tenant, slot.id(), owner);
        }
    }

    private final class Run {
        private final TenantId tenant;
        private final InterviewSlot slot;
        private final String owner;
        private final MeetingConnector connector;

        Run(TenantId tenant, InterviewSlot slot, String owner) {
            this.tenant = tenant;
            this.slot = slot;
            this.owner = owner;
            this.connector = links.connector(tenant);
        }

        MeetingSyncResult run() {
            SlotMeeting cur = links.store.slotMeeting(tenant, slot.id()).orElse(SlotMeeting.none(tenant, slot.id()));
            boolean found = false;
            if (cur.phase() == Phase.CREATING) {
                Optional<Meeting> landed = connector.findByMarker(cur.hostUserId(), cur.marker());
                cur = landed.isPresent() ? active(cur, landed.get()) : SlotMeeting.none(tenant, slot.id());
                save(cur);
                found = landed.isPresent();
            }
            if (!slot.wantsMeeting()) {
                if (cur.meetingId() == null) {
                    return result(Outcome.UNCHANGED, cur);
                }
                connector.delete(cur.meetingId());
                return result(Outcome.DELETED, save(SlotMeeting.none(tenant, slot.id())));
            }
            if (cur.meetingId() == null) {
                return result(Outcome.CREATED, create());
            }
            if (!slot.hostUserId().equals(cur.hostUserId())) {
                connector.delete(cur.meetingId());
                save(SlotMeeting.none(tenant, slot.id()));
                return result(Outcome.RECREATED, create());
            }
            if (sameAsSlot(cur)) {
                return result(found ? Outcome.FOUND : Outcome.UNCHANGED, cur);
            }
            countHostCall();
            boolean updated;
            try {
                updated = connector.update(cur.meetingId(), spec(cur.marker()));
            } catch (ConnectorException e) {
                throw noteLimit(e);
            }
            if (!updated) {
                save(SlotMeeting.none(tenant, slot.id())); // deleted at the provider meanwhile: issue a new one
                return result(Outcome.RECREATED, create());
            }
            return result(Outcome.UPDATED, save(new SlotMeeting(tenant, slot.id(), Phase.ACTIVE, cur.marker(),
                    cur.meetingId(), cur.hostUserId(), cur.joinUrl(), cur.password(), slot.start(), slot.duration(),
                    slot.timeZone(), slot.topic())));
        }

        private SlotMeeting create() {
            countHostCall();
            String marker = "renkei-" + UUID.randomUUID();
            SlotMeeting intent = new SlotMeeting(tenant, slot.id(), Phase.CREATING, marker, null, slot.hostUserId(),
                    null, null, slot.start(), slot.duration(), slot.timeZone(), slot.topic());
            save(intent);
            Meeting m;
            try {
                m = connector.create(slot.hostUserId(), spec(marker));
            } catch (ConnectorException e) {
                if (e.code() != ErrorCode.TIMEOUT && e.code() != ErrorCode.UNAVAILABLE) {
                    save(SlotMeeting.none(tenant, slot.id())); // refused: nothing was created
                }
                throw noteLimit(e);
            }
            return save(active(intent, m));
        }

        private SlotMeeting active(SlotMeeting intent, Meeting m) {
            return new SlotMeeting(tenant, slot.id(), Phase.ACTIVE, intent.marker(), m.id(),
                    intent.hostUserId(), m.joinUrl(), m.password(), intent.start(), intent.duration(),
                    intent.timeZone(), intent.topic());
        }

        private boolean sameAsSlot(SlotMeeting cur) {
            return slot.start().equals(cur.start()) && slot.duration().equals(cur.duration())
                    && slot.timeZone().equals(cur.timeZone()) && slot.topic().equals(cur.topic());
        }

        private MeetingSpec spec(String marker) {
            return new MeetingSpec(slot.topic(), slot.event(), slot.start(), slot.duration(), slot.timeZone().getId(),
                    Objects.requireNonNullElseGet(marker, () -> "renkei-" + UUID.randomUUID()));
        }

        private void countHostCall() {
            LocalDate day = LocalDate.ofInstant(links.clock.instant(), ZoneOffset.UTC);
            int limit = links.settings.hostDailyLimit();
            if (!links.store.countHostCall(tenant, slot.hostUserId(), day, limit)) {
                throw new MeetingRateLimitException("Host " + slot.hostUserId() + " of the " + links.where(tenant)
                        + " has used its " + limit + " meeting creates and updates for " + day + " (UTC); slot "
                        + slot.id() + " is synced again after 00:00 UTC", links.settings.connectorId(),
                        day.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC), true);
            }
        }

        /** The provider said the host's daily limit is used up: count it so later syncs fail before calling. */
        private ConnectorException noteLimit(ConnectorException e) {
            if (e instanceof MeetingRateLimitException r && r.hostDailyLimit()) {
                links.store.exhaustHost(tenant, slot.hostUserId(), LocalDate.ofInstant(links.clock.instant(),
                        ZoneOffset.UTC), links.settings.hostDailyLimit());
            }
            return e;
        }

        private SlotMeeting save(SlotMeeting s) {
            if (!links.store.saveSlot(s, owner)) {
                throw new ConflictException("sync of slot " + slot.id() + " lost its claim to another caller");
            }
            return s;
        }

        private MeetingSyncResult result(Outcome outcome, SlotMeeting s) {
            return new MeetingSyncResult(outcome, SlotSync.view(s));
        }
    }

    /** The host's view of a stored slot meeting, when it has one. */
    public static Optional<InterviewMeeting> view(SlotMeeting s) {
        if (s.meetingId() == null) {
            return Optional.empty();
        }
        return Optional.of(new InterviewMeeting(s.slotId(), s.meetingId(), s.hostUserId(), s.joinUrl(), s.password(),
                s.start(), s.duration(), s.timeZone(), s.topic()));
    }
}
