package dev.renkei.zoom;

import dev.renkei.core.model.Credentials;
import dev.renkei.core.spi.MeetingConnectorProvider;
import dev.renkei.core.testing.MeetingConnectorContract;
import dev.renkei.core.testing.MeetingFixture;
import dev.renkei.zoom.testing.ZoomSimulator;
import java.time.Clock;
import java.time.Duration;

/** The Zoom connector passes the meeting-connector contract on the Zoom simulator. */
class ZoomMeetingConnectorContractTest extends MeetingConnectorContract {
    @Override
    protected MeetingFixture fixture(Clock clock) {
        ZoomSimulator sim = new ZoomSimulator(clock);
        return new MeetingFixture() {
            @Override
            public MeetingConnectorProvider provider() {
                return sim.provider();
            }

            @Override
            public Credentials client() {
                return ZoomSimulator.CLIENT;
            }

            @Override
            public String issueAccessToken() {
                return sim.issueAccessToken();
            }

            @Override
            public void refuseAccessToken(String token) {
                sim.invalidateAccessToken(token);
            }

            @Override
            public String hostUserId() {
                return ZoomSimulator.HOST;
            }

            @Override
            public String unknownHostUserId() {
                return "no-such-user";
            }

            @Override
            public int hostCount() {
                return 3;
            }

            @Override
            public void failNextCreateAfterStoring() {
                sim.storeThenStallNextCreate();
            }

            @Override
            public void rateLimitNextCreate(Duration retryAfter) {
                sim.failNextCreates(ZoomSimulator.tooMany("QPS", clock.instant().plus(retryAfter).toString(),
                        "You have reached the maximum per-second rate limit for this API. Try again later."));
            }

            @Override
            public int meetingCount() {
                return sim.meetings().size();
            }

            @Override
            public void close() {
                sim.close();
            }
        };
    }
}
