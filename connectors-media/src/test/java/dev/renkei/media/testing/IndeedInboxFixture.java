package dev.renkei.media.testing;

import dev.renkei.core.model.Credentials;
import dev.renkei.core.testing.MediaFixture;
import dev.renkei.media.indeed.InMemoryIndeedInbox;
import dev.renkei.media.indeed.IndeedInboxEntry;
import dev.renkei.media.indeed.IndeedMediaProvider;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The {@code indeed} medium over an {@link InMemoryIndeedInbox} holding three deliveries for account
 * {@value #ACCOUNT} (one of them a late delivery of an old application) and one for another account. The inbox
 * lists by receipt time and checks no secret, and its rows arrive fully read, so there are no refused credentials
 * and no detail loads.
 */
public final class IndeedInboxFixture implements MediaFixture {
    /** The employer account id the slot logs in with. */
    public static final String ACCOUNT = "EMP-9";

    private final InMemoryIndeedInbox inbox = new InMemoryIndeedInbox();
    private final List<Held> held = List.of(
            new Held("ind-1", Instant.parse("2026-11-20T01:00:00Z"), Instant.parse("2026-11-20T01:00:05Z")),
            new Held("ind-2", Instant.parse("2026-11-21T03:00:00Z"), Instant.parse("2026-11-21T03:00:02Z")),
            // Indeed retried this one for days: applied before ind-2, received after it
            new Held("ind-3", Instant.parse("2026-11-19T08:00:00Z"), Instant.parse("2026-11-22T00:00:00Z")));

    /** An inbox with the deliveries stored. */
    public IndeedInboxFixture() {
        for (Held h : held) {
            inbox.store(new IndeedInboxEntry(ACCOUNT, h.boardApplicationId(), h.appliedAt(), h.listedFrom(),
                    payload(h.boardApplicationId())));
        }
        inbox.store(new IndeedInboxEntry("EMP-OTHER", "ind-other", Instant.parse("2026-11-21T00:00:00Z"),
                Instant.parse("2026-11-21T00:00:01Z"), payload("ind-other")));
    }

    private static String payload(String id) {
        return "{\"id\":\"" + id + "\",\"applicant\":{\"fullName\":\"山田 太郎\",\"email\":\"" + id
                + "@example.jp\"},\"job\":{\"jobTitle\":\"法人営業（東京）\"}}";
    }

    /** The inbox. */
    public InMemoryIndeedInbox inbox() {
        return inbox;
    }

    @Override
    public IndeedMediaProvider provider() {
        return new IndeedMediaProvider(inbox);
    }

    @Override
    public Map<String, String> settings() {
        return Map.of();
    }

    @Override
    public Credentials credentials() {
        return Credentials.of(ACCOUNT, "unused");
    }

    @Override
    public String accountKey() {
        return ACCOUNT;
    }

    @Override
    public Optional<Credentials> wrongCredentials() {
        return Optional.empty();
    }

    @Override
    public List<Held> applications() {
        return held;
    }

    @Override
    public OptionalInt detailLoads() {
        return OptionalInt.empty();
    }
}
