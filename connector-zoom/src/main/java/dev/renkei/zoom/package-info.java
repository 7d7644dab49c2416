/**
 * The Zoom meeting connector: {@link dev.renkei.zoom.ZoomMeetingConnectorProvider} (id {@code zoom}) for Renkei's
 * interview meetings ({@code dev.renkei.core.meeting.MeetingService}): OAuth with PKCE and refresh-token rotation,
 * server-to-server OAuth, users, meetings and signed webhooks. Everything under {@code dev.renkei.zoom.internal} is
 * implementation.
 */
package dev.renkei.zoom;
