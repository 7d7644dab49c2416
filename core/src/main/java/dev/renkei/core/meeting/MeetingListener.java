package dev.renkei.core.meeting;


/**
 * Events of the meeting service the host app may show (e.g. a banner "Zoom link revoked"). Called on the thread
 * that caused the event; keep it short and do not throw (what it throws is logged and ignored).
 */
public interface MeetingListener {
    /** Ignores every event. */
    MeetingListener NONE = new MeetingListener() { };

    /**
     * A tenant's link ended: the app was removed on the provider's side, unlinked, or its grant was refused.
     *
     * @param link the link as it is now ({@link MeetingLinkState#REVOKED})
     */
    default void linkRevoked(MeetingLink link) { }

    /**
     * A tenant's link was authorized.
     *
     * @param link the link as it is now
     */
    default void linkAuthorized(MeetingLink link) { }

}
