package dev.renkei.zoom;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static dev.renkei.zoom.testing.MeetingHarness.TENANT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.renkei.core.ConnectorException;
import dev.renkei.core.ErrorCode;
import dev.renkei.core.ValidationException;
import dev.renkei.core.meeting.AuthorizationStart;
import dev.renkei.core.meeting.InterviewMeeting;
import dev.renkei.core.meeting.InterviewSlot;
import dev.renkei.core.meeting.MeetingLink;
import dev.renkei.core.meeting.MeetingLinkState;
import dev.renkei.core.meeting.MeetingService;
import dev.renkei.core.meeting.MeetingSyncResult;
import dev.renkei.core.meeting.MeetingSyncResult.Outcome;
import dev.renkei.core.model.TenantId;
import dev.renkei.core.spi.MeetingConnector.HostUser;
import dev.renkei.core.spi.MeetingRateLimitException;
import dev.renkei.core.store.MeetingStore;
import dev.renkei.core.testing.RecordingSleeper;
import dev.renkei.zoom.testing.MeetingHarness;
import dev.renkei.zoom.testing.ZoomSimulator;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The meeting service on the Zoom simulator, run on every store (in memory, H2, PostgreSQL) by a short subclass:
 * link lifecycle, tokens, hosts, meetings that follow slots, limits and errors.
 */
abstract class MeetingServiceContract {
    static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");
    static final InterviewSlot SLOT = InterviewSlot.visible("slot-1", "一次面接 営業職", Instant.parse("2026-12-10T00:30:00Z"),
            Duration.ofMinutes(45), TOKYO, "面接: 山田 太郎", ZoomSimulator.HOST);

    MeetingHarness h;
    RecordingSleeper sleeper;
    MeetingStore store;
    MeetingService meetings;

    /** The store under test, on the harness's clock. */
    abstract MeetingStore store(MeetingHarness harness);

    @BeforeEach
    void start() {
        h = new MeetingHarness();
        sleeper = new RecordingSleeper(h.clock);
        store = store(h);
        meetings = h.service(store, sleeper);
    }

    @AfterEach
    void stop() {
        h.close();
    }

    private static int count(MeetingHarness h, com.github.tomakehurst.wiremock.matching.RequestPatternBuilder p) {
        return h.sim.server().findAll(p).size();
    }

    // ---- link lifecycle ---------------------------------------------------------------------------------------

    @Test
    void linksATenantWithPkceAndKeysTheLinkByTheZoomAccount() {
        AuthorizationStart start = meetings.startAuthorization(TENANT, MeetingHarness.REDIRECT);
        assertThat(meetings.link(TENANT)).map(MeetingLink::state).contains(MeetingLinkState.PENDING_AUTHORIZATION);
        Map<String, String> url = query(start.url().getRawQuery());
        assertThat(start.url().getPath()).isEqualTo("/oauth/authorize");
        assertThat(url).containsEntry("response_type", "code").containsEntry("client_id", "zoom-client-1")
                .containsEntry("redirect_uri", MeetingHarness.REDIRECT.toString())
                .containsEntry("code_challenge_method", "S256").containsEntry("state", start.state());

        Map<String, String> callback = h.sim.approve(start.url());
        MeetingLink link = meetings.completeAuthorization(callback.get("code"), callback.get("state"));

        assertThat(link.state()).isEqualTo(MeetingLinkState.AUTHORIZED);
        assertThat(link.accountId()).isEqualTo(ZoomSimulator.ACCOUNT);
        assertThat(link.userId()).isEqualTo(ZoomSimulator.HOST);
        LoggedRequest exchange = h.sim.server().findAll(postRequestedFor(urlEqualTo("/oauth/token"))).get(0);
        Map<String, String> form = query(exchange.getBodyAsString());
        assertThat(form).containsEntry("grant_type", "authorization_code").containsEntry("code", callback.get("code"));
        assertThat(s256(form.get("code_verifier"))).as("the verifier sent matches the S256 challenge")
                .isEqualTo(url.get("code_challenge"));
        assertThat(exchange.getHeader("Authorization")).startsWith("Basic ");
        assertThat(store.link(TENANT).orElseThrow().tokens().refreshToken().reveal()).isEqualTo("R1");
    }

    @Test
    void anUnknownOrReusedStateIsRefusedAndExchangesNothing() {
        AuthorizationStart start = meetings.startAuthorization(TENANT, MeetingHarness.REDIRECT);
        Map<String, String> callback = h.sim.approve(start.url());

        assertThatThrownBy(() -> meetings.completeAuthorization(callback.get("code"), "forged-state"))
                .isInstanceOf(ValidationException.class).hasMessageContaining("unknown");
        assertThat(count(h, postRequestedFor(urlEqualTo("/oauth/token")))).isZero();
        meetings.completeAuthorization(callback.get("code"), callback.get("state"));
        assertThatThrownBy(() -> meetings.completeAuthorization(callback.get("code"), callback.get("state")))
                .isInstanceOf(ValidationException.class).hasMessageContaining("already used");
        assertThat(count(h, postRequestedFor(urlEqualTo("/oauth/token")))).isEqualTo(1);
    }

    @Test
    void anExpiredStateIsRefused() {
        AuthorizationStart start = meetings.startAuthorization(TENANT, MeetingHarness.REDIRECT);
        Map<String, String> callback = h.sim.approve(start.url());
        h.clock.advance(Duration.ofMinutes(11));

        assertThatThrownBy(() -> meetings.completeAuthorization(callback.get("code"), callback.get("state")))
                .isInstanceOf(ValidationException.class).hasMessageContaining("expired");
        assertThat(count(h, postRequestedFor(urlEqualTo("/oauth/token")))).isZero();
        assertThat(meetings.link(TENANT)).map(MeetingLink::state).contains(MeetingLinkState.PENDING_AUTHORIZATION);
    }

    @Test
    void aTenantThatNeverLinkedGetsTheActionRequiredLinkErrorNotNull() {
        TenantId other = TenantId.of("never-linked");
        assertThatThrownBy(() -> meetings.sync(other, SLOT)).isInstanceOfSatisfying(ConnectorException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.MEETING_LINK_REVOKED));
        assertThatThrownBy(() -> meetings.hosts(other)).isInstanceOfSatisfying(ConnectorException.class,
                e -> assertThat(e.code().actionRequired()).isTrue());
    }

    @Test
    void unlinkingRevokesAtZoomDeletesTheTokensAndLaterSyncsSayTheLinkIsRevoked() {
        h.link(meetings);

        MeetingLink unlinked = meetings.unlink(TENANT);

        assertThat(unlinked.state()).isEqualTo(MeetingLinkState.REVOKED);
        assertThat(h.sim.revoked()).containsExactly("A1");
        assertThat(store.link(TENANT).orElseThrow().tokens()).isNull();
        assertThat(h.revokedEvents).hasSize(1);
        assertThatThrownBy(() -> meetings.sync(TENANT, SLOT)).isInstanceOfSatisfying(ConnectorException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.MEETING_LINK_REVOKED));
    }

    @Test
    void aServerToServerLinkGetsANewTokenOnExpiryWithoutARefreshToken() {
        MeetingLink link = meetings.linkServerToServer(TENANT, ZoomSimulator.ACCOUNT, ZoomSimulator.CLIENT);
        assertThat(link.kind()).isEqualTo(MeetingLink.Kind.SERVER_TO_SERVER);
        h.clock.advance(Duration.ofMinutes(59).plusSeconds(30));

        assertThat(meetings.hosts(TENANT)).hasSize(3);

        List<LoggedRequest> tokens = h.sim.server().findAll(postRequestedFor(urlEqualTo("/oauth/token")));
        assertThat(tokens).hasSize(2).allSatisfy(r -> assertThat(query(r.getBodyAsString()))
                .containsEntry("grant_type", "account_credentials").containsEntry("account_id", ZoomSimulator.ACCOUNT));
        assertThat(h.sim.refreshCalls()).isZero();
    }

    // ---- tokens -----------------------------------------------------------------------------------------------

    @Test
    void anAccessTokenIsRefreshedOnceShortlyBeforeItExpiresAndTheRotatedPairIsStored() {
        h.link(meetings);
        h.clock.advance(Duration.ofMinutes(58)); // 1 min 59 s left: still fresh
        meetings.hosts(TENANT);
        assertThat(h.sim.refreshCalls()).isZero();

        h.clock.advance(Duration.ofSeconds(70)); // 49 s left: inside the 60 s margin
        meetings.hosts(TENANT);
        meetings.hosts(TENANT);

        assertThat(h.sim.refreshCalls()).isEqualTo(1);
        assertThat(query(h.sim.server().findAll(postRequestedFor(urlEqualTo("/oauth/token"))).get(1).getBodyAsString()))
                .containsEntry("grant_type", "refresh_token").containsEntry("refresh_token", "R1");
        assertThat(store.link(TENANT).orElseThrow().tokens().refreshToken().reveal()).isEqualTo("R2");
    }

    @Test
    void aTokenRefusedMidCallIsRenewedOnceAndTheCallReplayed() {
        h.link(meetings);
        h.sim.invalidateAccessToken("A1");

        assertThat(meetings.hosts(TENANT)).hasSize(3);

        assertThat(h.sim.refreshCalls()).isEqualTo(1);
        assertThat(store.link(TENANT).orElseThrow().tokens().accessToken().reveal()).isEqualTo("A2");
    }

    @Test
    void aRefusedRefreshTokenEndsTheLinkWithAnActionRequiredError() {
        h.link(meetings);
        h.sim.failNextTokenCalls(aResponse().withStatus(400).withHeader("Content-Type", "application/json")
                .withBody("{\"reason\":\"Invalid Token!\",\"error\":\"invalid_grant\"}"));
        h.clock.advance(Duration.ofHours(1));

        assertThatThrownBy(() -> meetings.hosts(TENANT)).isInstanceOfSatisfying(ConnectorException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.MEETING_LINK_REVOKED));

        assertThat(meetings.link(TENANT).orElseThrow().state()).isEqualTo(MeetingLinkState.REVOKED);
        assertThat(h.revokedEvents).singleElement().satisfies(l -> assertThat(l.reason()).contains("refresh token"));
        assertThat(count(h, postRequestedFor(urlEqualTo("/oauth/token")))).as("never retried blindly").isEqualTo(2);
    }

    // ---- hosts ------------------------------------------------------------------------------------------------

    @Test
    void hostsAreListedAcrossPagesWithoutPendingUsers() {
        h.link(meetings);

        List<HostUser> hosts = meetings.hosts(TENANT);

        assertThat(hosts).extracting(HostUser::id).containsExactly(ZoomSimulator.HOST, ZoomSimulator.OTHER_HOST,
                "w9xBBBBB7cccR");
        assertThat(hosts.get(0).displayName()).isEqualTo("Hanako Sato");
        List<LoggedRequest> pages = h.sim.server().findAll(
                com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor(urlPathMatching("/v2/users")));
        assertThat(pages).hasSize(2);
        assertThat(pages.get(0).getUrl()).contains("page_size=300").doesNotContain("next_page_token");
        assertThat(pages.get(1).getUrl()).contains("next_page_token=tok2");
    }

    // ---- meetings ---------------------------------------------------------------------------------------------

    @Test
    void aVisibleSlotGetsAScheduledMeetingInUtcWithItsZoneAndAnIdAbove2To31() {
        h.link(meetings);

        MeetingSyncResult r = meetings.sync(TENANT, SLOT);

        assertThat(r.outcome()).isEqualTo(Outcome.CREATED);
        InterviewMeeting m = r.meeting().orElseThrow();
        assertThat(Long.parseLong(m.meetingId())).isEqualTo(ZoomSimulator.FIRST_MEETING_ID)
                .isGreaterThan(Integer.MAX_VALUE);
        assertThat(m.joinUrl()).hasToString("https://us05web.zoom.us/j/85746065432?pwd=p85746065432");
        assertThat(m.password().reveal()).isEqualTo("pw65432");
        assertThat(meetings.meeting(TENANT, "slot-1")).contains(m);
        JsonNode sent = body(h.sim.server().findAll(postRequestedFor(urlPathMatching("/v2/users/.*/meetings"))).get(0));
        assertThat(sent.get("type").asInt()).isEqualTo(2);
        assertThat(sent.get("start_time").asText()).isEqualTo("2026-12-10T00:30:00Z");
        assertThat(sent.get("timezone").asText()).isEqualTo("Asia/Tokyo");
        assertThat(sent.get("duration").asInt()).isEqualTo(45);
        assertThat(sent.get("topic").asText()).isEqualTo("面接: 山田 太郎");
        assertThat(sent.get("agenda").asText()).startsWith("一次面接 営業職").contains("[renkei-");
    }

    @Test
    void syncingTheSameSlotTwiceCreatesOneMeeting() {
        h.link(meetings);

        MeetingSyncResult first = meetings.sync(TENANT, SLOT);
        MeetingSyncResult second = meetings.sync(TENANT, SLOT);

        assertThat(second.outcome()).isEqualTo(Outcome.UNCHANGED);
        assertThat(second.meeting()).isEqualTo(first.meeting());
        assertThat(h.sim.creates()).isEqualTo(1);
        assertThat(count(h, patchRequestedFor(urlPathMatching("/v2/meetings/.*")))).isZero();
    }

    @Test
    void aMovedOrRenamedSlotUpdatesTheMeetingInPlace() {
        h.link(meetings);
        String id = meetings.sync(TENANT, SLOT).meeting().orElseThrow().meetingId();

        MeetingSyncResult moved = meetings.sync(TENANT, SLOT.movedTo(Instant.parse("2026-12-11T05:00:00Z"),
                Duration.ofMinutes(60)));
        MeetingSyncResult renamed = meetings.sync(TENANT, SLOT.movedTo(Instant.parse("2026-12-11T05:00:00Z"),
                Duration.ofMinutes(60)).withTopic("二次面接: 山田 太郎"));

        assertThat(moved.outcome()).isEqualTo(Outcome.UPDATED);
        assertThat(renamed.outcome()).isEqualTo(Outcome.UPDATED);
        assertThat(renamed.meeting().orElseThrow().meetingId()).isEqualTo(id);
        JsonNode zoom = h.sim.meetings().get(0);
        assertThat(zoom.get("start_time").asText()).isEqualTo("2026-12-11T05:00:00Z");
        assertThat(zoom.get("duration").asInt()).isEqualTo(60);
        assertThat(zoom.get("topic").asText()).isEqualTo("二次面接: 山田 太郎");
        assertThat(h.sim.creates()).isEqualTo(1);
        assertThat(meetings.hostCallsToday(TENANT, ZoomSimulator.HOST)).isEqualTo(3);
    }

    @Test
    void aNewHostGetsANewMeetingAndTheOldOneIsDeleted() {
        h.link(meetings);
        String old = meetings.sync(TENANT, SLOT).meeting().orElseThrow().meetingId();

        MeetingSyncResult r = meetings.sync(TENANT, SLOT.withHost(ZoomSimulator.OTHER_HOST));

        assertThat(r.outcome()).isEqualTo(Outcome.RECREATED);
        assertThat(r.meeting().orElseThrow().meetingId()).isNotEqualTo(old);
        assertThat(h.sim.meetings()).singleElement().satisfies(m -> assertThat(m.get("host_id").asText())
                .isEqualTo(ZoomSimulator.OTHER_HOST));
        assertThat(count(h, deleteRequestedFor(urlEqualTo("/v2/meetings/" + old)))).isEqualTo(1);
    }

    @Test
    void aHiddenOrDeletedSlotDeletesItsMeetingAndAMeetingAlreadyGoneCountsAsDeleted() {
        h.link(meetings);
        meetings.sync(TENANT, SLOT);

        assertThat(meetings.sync(TENANT, SLOT.hidden()).outcome()).isEqualTo(Outcome.DELETED);
        assertThat(h.sim.meetings()).isEmpty();
        assertThat(meetings.meeting(TENANT, "slot-1")).isEmpty();
        assertThat(meetings.sync(TENANT, SLOT.hidden()).outcome()).isEqualTo(Outcome.UNCHANGED);

        String again = meetings.sync(TENANT, SLOT).meeting().orElseThrow().meetingId();
        h.sim.server().resetRequests();
        zoomDeletes(again); // someone deleted it in Zoom's web portal
        assertThat(meetings.sync(TENANT, SLOT.asDeleted()).outcome()).isEqualTo(Outcome.DELETED);
        assertThat(meetings.meeting(TENANT, "slot-1")).isEmpty();
    }

    @Test
    void aCreateThatTimedOutAfterZoomStoredTheMeetingIsFoundNotCreatedAgain() {
        h.link(meetings);
        h.sim.storeThenStallNextCreate();

        assertThatThrownBy(() -> meetings.sync(TENANT, SLOT)).isInstanceOfSatisfying(ConnectorException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.TIMEOUT));
        assertThat(h.sim.creates()).isEqualTo(1);
        MeetingSyncResult retry = meetings.sync(TENANT, SLOT);

        assertThat(retry.outcome()).isEqualTo(Outcome.FOUND);
        assertThat(h.sim.creates()).as("the lookup found the stored meeting").isEqualTo(1);
        assertThat(retry.meeting().orElseThrow().meetingId()).isEqualTo(Long.toString(ZoomSimulator.FIRST_MEETING_ID));
        assertThat(retry.meeting().orElseThrow().password()).isNotNull();
        assertThat(meetings.sync(TENANT, SLOT).outcome()).isEqualTo(Outcome.UNCHANGED);
    }

    @Test
    void aCreateThatFailedWith5xxIsLookedUpAndThenCreatedOnce() {
        h.link(meetings);
        h.sim.failNextCreates(aResponse().withStatus(503).withBody("<html>Service Unavailable</html>"));

        assertThatThrownBy(() -> meetings.sync(TENANT, SLOT)).isInstanceOfSatisfying(ConnectorException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.UNAVAILABLE));
        assertThat(meetings.sync(TENANT, SLOT).outcome()).isEqualTo(Outcome.CREATED);
        assertThat(h.sim.creates()).isEqualTo(1);
    }

    @Test
    void theStartUrlIsFetchedFreshOnDemand() {
        h.link(meetings);
        meetings.sync(TENANT, SLOT);

        URI first = meetings.startUrl(TENANT, "slot-1");
        URI second = meetings.startUrl(TENANT, "slot-1");

        assertThat(first.toString()).contains("zak=fresh1");
        assertThat(second.toString()).contains("zak=fresh2");
    }

    // ---- limits and errors ------------------------------------------------------------------------------------

    @Test
    void a429WithANearIsoRetryAfterIsWaitedOutWithoutSleepingForReal() {
        h.link(meetings);
        Instant at = h.clock.instant().plusSeconds(5);
        h.sim.failNextCreates(ZoomSimulator.tooMany("QPS", at.toString(), "You have reached the maximum per-second "
                + "rate limit for this API. Try again later."));
        sleeper.clear();

        assertThat(meetings.sync(TENANT, SLOT).outcome()).isEqualTo(Outcome.CREATED);

        assertThat(sleeper.sleeps()).contains(Duration.ofSeconds(5));
        assertThat(h.sim.creates()).isEqualTo(1);
    }

    @Test
    void a429WithoutRetryAfterIsSentAgainAfterAShortPause() {
        h.link(meetings);
        h.sim.failNextCreates(ZoomSimulator.tooMany(null, null, "Too many requests"));
        sleeper.clear();

        assertThat(meetings.sync(TENANT, SLOT).outcome()).isEqualTo(Outcome.CREATED);
        assertThat(sleeper.sleeps()).containsExactly(Duration.ofSeconds(2));
    }

    @Test
    void aDailyLimitUntilMidnightFailsAtOnceWithWhenToRetry() {
        h.link(meetings);
        Instant midnight = Instant.parse("2026-12-02T00:00:00Z");
        h.sim.failNextCreates(ZoomSimulator.tooMany("Daily-limit", midnight.toString(), "You have reached the maximum "
                + "daily rate limit for this API. Refer to the response header for details on when you can make "
                + "another request."));
        sleeper.clear();

        assertThatThrownBy(() -> meetings.sync(TENANT, SLOT)).isInstanceOfSatisfying(MeetingRateLimitException.class,
                e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.RATE_LIMITED);
                    assertThat(e.code().actionRequired()).isFalse();
                    assertThat(e.retryAt()).contains(midnight);
                    assertThat(e.hostDailyLimit()).isFalse();
                });
        assertThat(sleeper.sleeps()).isEmpty();
        assertThat(meetings.sync(TENANT, SLOT).outcome()).as("refused, so nothing to look up").isEqualTo(Outcome.CREATED);
    }

    @Test
    void zoomsPerHostLimitIsRememberedSoLaterSyncsFailClearlyWithoutCallingZoom() {
        h.link(meetings);
        h.sim.failNextCreates(ZoomSimulator.tooMany(null, null, "You have exceeded the daily rate limit (100) of "
                + "Meeting Create/Update API requests permitted for this particular user. You may resume these "
                + "requests at GMT 00:00:00."));

        assertThatThrownBy(() -> meetings.sync(TENANT, SLOT)).isInstanceOfSatisfying(MeetingRateLimitException.class,
                e -> {
                    assertThat(e.hostDailyLimit()).isTrue();
                    assertThat(e.retryAt()).contains(Instant.parse("2026-12-02T00:00:00Z"));
                });
        h.sim.server().resetRequests();
        assertThatThrownBy(() -> meetings.sync(TENANT, SLOT)).isInstanceOfSatisfying(MeetingRateLimitException.class,
                e -> assertThat(e.getMessage()).contains("used its 100 meeting creates and updates"));
        assertThat(count(h, postRequestedFor(urlPathMatching("/v2/users/.*/meetings")))).isZero();

        h.clock.set(Instant.parse("2026-12-02T00:00:01Z")); // the next UTC day
        assertThat(meetings.sync(TENANT, SLOT).outcome()).isEqualTo(Outcome.CREATED);
    }

    @Test
    void theDailyLimitPerHostIsCountedAcrossCreatesAndUpdates() {
        MeetingService limited = h.service(store, sleeper, s -> s.hostDailyLimit(2), h.sim.provider());
        h.link(limited);
        limited.sync(TENANT, SLOT);
        limited.sync(TENANT, SLOT.withTopic("変更1"));

        assertThatThrownBy(() -> limited.sync(TENANT, SLOT.withTopic("変更2")))
                .isInstanceOfSatisfying(MeetingRateLimitException.class, e -> {
                    assertThat(e.hostDailyLimit()).isTrue();
                    assertThat(e.getMessage()).contains(ZoomSimulator.HOST).contains("2 meeting creates and updates");
                });
        assertThat(count(h, patchRequestedFor(urlPathMatching("/v2/meetings/.*")))).isEqualTo(1);
        assertThat(limited.sync(TENANT, SLOT.withHost(ZoomSimulator.OTHER_HOST)).outcome())
                .as("another host has its own budget").isEqualTo(Outcome.RECREATED);
    }

    @Test
    void anUnknownHostIsActionRequiredAndLeavesNoCreateInFlight() {
        h.link(meetings);

        assertThatThrownBy(() -> meetings.sync(TENANT, SLOT.withHost("gone-user")))
                .isInstanceOfSatisfying(ConnectorException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.MEETING_HOST_NOT_FOUND);
                    assertThat(e.code().actionRequired()).isTrue();
                });
        assertThat(store.slotMeeting(TENANT, "slot-1").orElseThrow().phase()).isEqualTo(MeetingStore.Phase.NONE);
    }

    @Test
    void aMissingScopeAsksForAuthorizationAgain() {
        h.link(meetings);
        h.sim.failNextCreates(aResponse().withStatus(400).withHeader("Content-Type", "application/json").withBody(
                "{\"code\":4711,\"message\":\"Invalid access token, does not contain scopes:[meeting:write:meeting].\"}"));

        assertThatThrownBy(() -> meetings.sync(TENANT, SLOT)).isInstanceOfSatisfying(ConnectorException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.MEETING_LINK_REVOKED));
    }

    // ---- support ----------------------------------------------------------------------------------------------

    private void zoomDeletes(String meetingId) {
        java.net.http.HttpClient c = java.net.http.HttpClient.newHttpClient();
        try {
            c.send(java.net.http.HttpRequest.newBuilder(URI.create(h.sim.server().baseUrl() + "/v2/meetings/"
                    + meetingId)).header("Authorization", "Bearer " + h.sim.issueAccessToken()).DELETE().build(),
                    java.net.http.HttpResponse.BodyHandlers.discarding());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static JsonNode body(LoggedRequest r) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.getBodyAsString());
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static Map<String, String> query(String raw) {
        Map<String, String> q = new java.util.LinkedHashMap<>();
        for (String p : raw.split("&")) {
            int eq = p.indexOf('=');
            if (eq > 0) {
                q.put(java.net.URLDecoder.decode(p.substring(0, eq), StandardCharsets.UTF_8),
                        java.net.URLDecoder.decode(p.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return q;
    }

    static String s256(String verifier) {
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(MessageDigest.getInstance("SHA-256")
                    .digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
