package dev.renkei.porters.testing;

import dev.renkei.core.model.Credentials;
import dev.renkei.core.spi.JobSeekerConnector;
import dev.renkei.core.spi.JobSeekerConnectorProvider;
import dev.renkei.core.testing.JobSeekerFixture;
import dev.renkei.porters.PortersJobSeekerProvider;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/** {@link JobSeekerFixture} over a {@link PortersSimulator}. */
public final class PortersFixture implements JobSeekerFixture {
    private final PortersSimulator sim;

    private PortersFixture(Clock clock) {
        this.sim = PortersSimulator.start(clock);
    }

    /** A fresh simulator on {@code clock}. */
    public static PortersFixture start(Clock clock) {
        return new PortersFixture(clock);
    }

    /** The simulator. */
    public PortersSimulator simulator() {
        return sim;
    }

    @Override
    public JobSeekerConnectorProvider provider() {
        return new PortersJobSeekerProvider();
    }

    @Override
    public Map<String, String> settings() {
        return sim.settings();
    }

    @Override
    public Credentials credentials() {
        return Credentials.of(PortersSimulator.APP_ID, PortersSimulator.SECRET);
    }

    @Override
    public Credentials wrongCredentials() {
        return Credentials.of(PortersSimulator.APP_ID, "wrong-secret");
    }

    @Override
    public void seed(List<String> ids) {
        for (String id : ids) {
            long n = Long.parseLong(id);
            sim.add(new PortersSimulator.Person(n, "求職者" + n, "js" + n + "@example.com", "owner@example.com",
                    List.of(new PortersSimulator.Resume(n + 500_000, "resume-owner@example.com"))));
        }
    }

    @Override
    public void seedWithoutEmail(String id) {
        sim.add(new PortersSimulator.Person(Long.parseLong(id), "メールなし", null, "owner@example.com", List.of()));
    }

    @Override
    public JobSeekerConnector.StatusTarget personTarget() {
        return new JobSeekerConnector.StatusTarget(JobSeekerConnector.Resource.PERSON, "Person.U_MyPageStatus",
                "Option.U_Registered", true);
    }

    @Override
    public List<String> writtenTo(String recordId) {
        return sim.writes().stream().filter(w -> w.id().equals(recordId) && w.code() == 0)
                .map(PortersSimulator.Write::valueXml).toList();
    }

    @Override
    public void maintenance(boolean on) {
        sim.maintenance(on);
    }

    @Override
    public void grantMissing(boolean on) {
        sim.grantMissing(on);
    }

    @Override
    public void close() {
        sim.close();
    }
}
