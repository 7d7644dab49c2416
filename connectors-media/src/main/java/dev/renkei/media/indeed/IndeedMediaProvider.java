package dev.renkei.media.indeed;

import dev.renkei.core.support.Checks;
import dev.renkei.core.model.Credentials;
import dev.renkei.core.spi.ConnectorContext;
import dev.renkei.core.spi.MediaConnector;
import dev.renkei.core.spi.MediaConnectorProvider;
import dev.renkei.core.spi.Listing;
import dev.renkei.core.spi.MediaSession;
import dev.renkei.media.internal.IndeedPayloads;
import java.time.Instant;
import java.util.stream.Stream;

/**
 * Indeed Apply as a medium: a robot slot of medium {@code indeed} reads the {@link IndeedInbox} the
 * {@link IndeedApplyReceiver} fills, so Indeed applications go through the same ledger and ATS import as the
 * boards a robot logs in to. The slot's login id is the employer account id used in the receiver's URL (the
 * slot's secret is not checked: the inbox is local). {@code since} is compared with the time a delivery was
 * received, not with the application time, so late deliveries (Indeed retries for days) are not missed.
 *
 * <p>Needs its inbox, so it has no no-arg constructor and is registered explicitly:
 * {@code ConnectorRegistry.builder().register(new IndeedMediaProvider(inbox))}.
 */
public final class IndeedMediaProvider implements MediaConnectorProvider {
    /** The medium id. */
    public static final String ID = "indeed";

    private final IndeedInbox inbox;

    /** A provider over an inbox. */
    public IndeedMediaProvider(IndeedInbox inbox) {
        this.inbox = Checks.notNull(inbox, "inbox");
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public MediaConnector create(ConnectorContext context) {
        Checks.notNull(context, "context");
        return credentials -> {
            Checks.notNull(credentials, "credentials");
            return new InboxSession(inbox, credentials);
        };
    }

    @Override
    public String toString() {
        return "IndeedMediaProvider[" + inbox.getClass().getSimpleName() + "]";
    }

    private static final class InboxSession implements MediaSession {
        private final IndeedInbox inbox;
        private final String accountId;

        InboxSession(IndeedInbox inbox, Credentials credentials) {
            this.inbox = inbox;
            this.accountId = credentials.loginId();
        }

        @Override
        public String accountKey() {
            return accountId;
        }

        @Override
        public Stream<Listing> listings(Instant since) {
            Checks.notNull(since, "since");
            // the résumé is decoded from the stored delivery only for an application not yet imported
            return inbox.receivedSince(accountId, since).stream().map(e -> Listing.of(e.applicationId(),
                    e.appliedAt(), () -> IndeedPayloads.toApplicant(e.applicationId(), e.appliedAt(), e.payload())));
        }

        @Override
        public void close() {
            // nothing to release
        }
    }
}
