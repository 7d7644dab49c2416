package dev.renkei.samples;

import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

import dev.renkei.core.Renkei;
import dev.renkei.core.meeting.AuthorizationStart;
import dev.renkei.core.meeting.MeetingSettings;
import dev.renkei.core.model.Secret;
import dev.renkei.core.model.TenantId;
import dev.renkei.core.store.InMemoryStore;
import dev.renkei.zoom.testing.ZoomSimulator;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The README's meetings quickstart, run against the Zoom simulator: the link it completes, the meeting it creates,
 * moves and deletes are the requests the simulator received. (The build block points at Zoom itself, so this test
 * builds the same Renkei with the simulator's provider; the MyPage block is compiled, not run: it names PORTERS'
 * production API.)
 */
class MeetingsQuickstartTest {
    @Test
    void theQuickstartLinksCreatesMovesAndDeletesOneMeeting() {
        TenantId tenant = TenantId.of("acme");
        try (ZoomSimulator zoom = new ZoomSimulator(Clock.systemUTC());
             Renkei renkei = Renkei.builder().store(new InMemoryStore()).connector(zoom.provider())
                     .meetings(MeetingSettings.builder("zoom").client(ZoomSimulator.CLIENT)
                             .webhookSecret(Secret.of("whsec")).build())
                     .build()) {
            // the browser went through an earlier startAuthorization and came back with code and state
            AuthorizationStart earlier = renkei.meetings().startAuthorization(tenant, URI.create("https://hr.example.com/cb"));
            Map<String, String> callback = zoom.approve(earlier.url());

            URI joinUrl = MeetingsAndMyPageQuickstart.meetings(renkei, tenant, callback.get("code"),
                    callback.get("state"), Instant.parse("2030-01-10T01:00:00Z"));

            assertThat(joinUrl.toString()).startsWith("https://us05web.zoom.us/j/" + ZoomSimulator.FIRST_MEETING_ID);
            assertThat(zoom.creates()).isEqualTo(1);
            assertThat(zoom.server().countRequestsMatching(patchRequestedFor(urlPathMatching("/v2/meetings/.*"))
                    .build()).getCount()).isEqualTo(1);
            assertThat(zoom.server().countRequestsMatching(deleteRequestedFor(urlPathMatching("/v2/meetings/.*"))
                    .build()).getCount()).isEqualTo(1);
            assertThat(zoom.meetings()).isEmpty();
        }
    }
}
