package dev.renkei.core.spi;

import dev.renkei.core.model.Credentials;

/**
 * A job board. Thread-safe; one instance serves every slot of the medium.
 */
public interface MediaConnector {
    /**
     * Logs in to the board's employer account.
     *
     * @throws dev.renkei.core.ConnectorException with {@code LOGIN_FAILED}, {@code ACCOUNT_LOCKED},
     *     {@code UNEXPECTED_SCREEN} (the page's own message quoted), {@code UNAVAILABLE}, {@code MAINTENANCE},
     *     {@code TIMEOUT} or {@code LAYOUT_CHANGED}
     */
    MediaSession login(Credentials credentials);
}
