/**
 * Interview meetings: {@link dev.renkei.core.meeting.MeetingService} links a tenant's meeting-service account
 * (states {@link dev.renkei.core.meeting.MeetingLinkState}), lists its host users, makes each
 * {@link dev.renkei.core.meeting.InterviewSlot}'s meeting follow the slot, and handles the provider's webhooks. The
 * vendor (e.g. Zoom, in {@code renkei-connector-zoom}) plugs in as a {@link dev.renkei.core.spi.MeetingConnector};
 * links, tokens and meetings live in the store's {@link dev.renkei.core.store.MeetingStore}.
 */
package dev.renkei.core.meeting;
