package dev.renkei.samples.demo;

import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import dev.renkei.core.Renkei;
import dev.renkei.core.RenkeiException;
import dev.renkei.core.meeting.AuthorizationStart;
import dev.renkei.core.meeting.InterviewSlot;
import dev.renkei.core.meeting.MeetingLink;
import dev.renkei.core.meeting.MeetingService;
import dev.renkei.core.meeting.MeetingSettings;
import dev.renkei.core.meeting.MeetingSyncResult;
import dev.renkei.core.meeting.WebhookResponse;
import dev.renkei.core.model.Secret;
import dev.renkei.core.model.TenantId;
import dev.renkei.core.spi.MeetingConnector.HostUser;
import dev.renkei.core.testing.MutableClock;
import dev.renkei.zoom.testing.ZoomSimulator;
import dev.renkei.zoom.testing.ZoomWebhooks;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Interview meetings, end-to-end against the Zoom simulator: link through the OAuth flow → host users → publish a
 * slot (meeting created, join URL) → move it (updated) → hide it (deleted) → publish another → Zoom's signed
 * {@code app_deauthorized} webhook → the link is {@code REVOKED} and a later sync says so.
 *
 * <p>The created, updated and deleted figures are the requests the simulator received, not our own results.
 */
public final class MeetingsChapter implements DemoChapter {
    static final TenantId TENANT = TenantId.of("demo-shoji");
    static final URI REDIRECT = URI.create("https://hr.demo-shoji.example/zoom/callback");
    private static final Secret WEBHOOK_SECRET = Secret.of("demo-webhook-secret-token");
    private static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");
    private static final Instant START = Instant.parse("2026-12-01T01:00:00Z");

    @Override
    public String id() {
        return "meetings";
    }

    @Override
    public String title() {
        return "Interview meetings (Zoom)";
    }

    @Override
    public void run(DemoContext ctx, ObjectNode result) throws Exception {
        Report report = ctx.report();
        MutableClock clock = new MutableClock(START);
        try (ZoomSimulator zoom = new ZoomSimulator(clock);
             Renkei renkei = Renkei.builder().store(ctx.store(clock)).clock(clock).http(ctx.http())
                     .connector(zoom.provider())
                     .meetings(MeetingSettings.builder("zoom").client(ZoomSimulator.CLIENT)
                             .webhookSecret(WEBHOOK_SECRET).build())
                     .build()) {
            MeetingService meetings = renkei.meetings();
            report.step("Link the company's Zoom account (OAuth with PKCE)");
            report.detail("Zoom simulator at " + zoom.server().baseUrl() + ". The administrator is sent to Zoom's consent\n"
                    + "page; Zoom redirects back with a code and the state Renkei issued, and Renkei exchanges the\n"
                    + "code for tokens it stores encrypted. Nobody pastes an API key.");
            AuthorizationStart start = meetings.startAuthorization(TENANT, REDIRECT);
            report.item("authorize URL", start.url().getScheme() + "://" + start.url().getAuthority()
                    + start.url().getPath() + " (state and PKCE challenge in the query)");
            Map<String, String> callback = zoom.approve(start.url());
            report.item("redirect", REDIRECT + "?code=" + callback.get("code") + "&state=…");
            MeetingLink link = meetings.completeAuthorization(callback.get("code"), callback.get("state"));
            report.item("link", link.state() + " for Zoom account " + link.accountId());

            report.step("Host users: who can host an interview");
            report.detail("The host app offers these as the \"Zoom user\" of an event; Renkei reads every page.");
            List<HostUser> hosts = meetings.hosts(TENANT);
            for (HostUser h : hosts) {
                report.item(h.displayName() == null ? "" : h.displayName(), h.email() + "  (" + h.id() + ")");
            }
            result.put("hosts", hosts.size());

            InterviewSlot slot = InterviewSlot.visible("demo-slot-1", "一次面接 営業職",
                    Instant.parse("2026-12-10T00:30:00Z"), Duration.ofMinutes(45), TOKYO, "面接: 山田 太郎",
                    ZoomSimulator.HOST);
            report.step("Publish an interview slot → a Zoom meeting");
            report.detail("The host app calls meetings().sync(slot) whenever a slot changes; a visible slot without a\n"
                    + "meeting gets one, and the candidate's invitation carries its join URL.");
            MeetingSyncResult created = meetings.sync(TENANT, slot);
            String joinUrl = created.meeting().orElseThrow().joinUrl().toString();
            report.item("sync", created.outcome() + "  join URL " + joinUrl);
            JsonNode onZoom = zoom.meetings().get(0);
            result.put("joinUrl", onZoom.path("join_url").asText());

            report.step("Move the slot → the meeting is updated, not replaced");
            report.detail("Same meeting id, same join URL: invitations already sent stay valid.");
            clock.advance(Duration.ofMinutes(5));
            MeetingSyncResult moved = meetings.sync(TENANT, slot.movedTo(Instant.parse("2026-12-10T05:00:00Z"),
                    Duration.ofMinutes(60)));
            report.item("sync", moved.outcome() + "  now starts " + zoom.meetings().get(0).path("start_time").asText()
                    + " on Zoom");

            report.step("Hide the slot → the meeting is deleted");
            report.detail("A withdrawn slot leaves no meeting behind in the company's Zoom account.");
            MeetingSyncResult hidden = meetings.sync(TENANT, slot.hidden());
            report.item("sync", hidden.outcome() + "  meetings on Zoom now: " + zoom.meetings().size());

            report.step("Publish another slot");
            report.detail("A live meeting, so the next step shows what removing the app does to it.");
            InterviewSlot second = InterviewSlot.visible("demo-slot-2", "二次面接 営業職",
                    Instant.parse("2026-12-12T02:00:00Z"), Duration.ofMinutes(30), TOKYO, "面接: 佐藤 花子",
                    ZoomSimulator.HOST);
            report.item("sync", meetings.sync(TENANT, second).outcome() + "  meetings on Zoom now: "
                    + zoom.meetings().size());
            result.put("created", zoom.creates());
            result.put("updated", requests(zoom, patchRequestedFor(urlPathMatching("/v2/meetings/.*"))));
            result.put("deleted", requests(zoom, deleteRequestedFor(urlPathMatching("/v2/meetings/.*"))));

            report.step("The administrator removes the app in Zoom → signed app_deauthorized webhook");
            report.detail("Renkei checks the x-zm-signature (HMAC with the app's secret token, timestamp fresh),\n"
                    + "deletes the tokens and marks the link REVOKED; it answers within Zoom's 3 s.");
            clock.advance(Duration.ofMinutes(1));
            byte[] body = ZoomWebhooks.deauthorization(clock.instant()).getBytes(StandardCharsets.UTF_8);
            WebhookResponse answer = meetings.handleWebhook(body, ZoomWebhooks.signed(body, clock.instant(),
                    WEBHOOK_SECRET));
            MeetingLink after = meetings.link(TENANT).orElseThrow();
            report.item("webhook", "HTTP " + answer.status() + "; link " + after.state()
                    + "; tokens revoked at Zoom: " + zoom.revoked().size());
            result.put("linkState", after.state().name());

            report.step("A later sync says what to do instead of failing silently");
            report.detail("The error is action required: the host app shows the admin \"link Zoom again\" instead\n"
                    + "of a meeting that silently never appears.");
            try {
                meetings.sync(TENANT, second.withTopic("面接: 佐藤 花子 (変更)"));
                throw new IllegalStateException("a sync after the link was revoked succeeded");
            } catch (RenkeiException e) {
                report.item("error", e.code() + " (" + e.code().classification() + ")");
                report.item("message", e.getMessage());
                report.item("remedy", e.code().remedy(Locale.ENGLISH, "Zoom"));
                result.putObject("afterRevoke").put("code", e.code().name());
            }
        }
    }

    private static int requests(ZoomSimulator zoom, RequestPatternBuilder pattern) {
        return zoom.server().countRequestsMatching(pattern.build()).getCount();
    }
}
