package dev.renkei.core.meeting;

/** Where a tenant's link to a meeting service stands. */
public enum MeetingLinkState {
    /** Authorization was started and has not completed yet (認可待ち). */
    PENDING_AUTHORIZATION,
    /** Linked: tokens are stored and meetings can be issued. */
    AUTHORIZED,
    /** Ended (app removed, unlinked, or the grant refused): authorize again to use meetings. */
    REVOKED
}
