package dev.renkei.porters.testing;

import dev.renkei.core.spi.ConnectorContext;
import dev.renkei.core.spi.JobSeekerConnector;
import dev.renkei.core.spi.JobSeekerConnectorProvider;
import dev.renkei.porters.PortersJobSeekerProvider;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import java.util.stream.Stream;

/**
 * The PORTERS provider under id {@value #ID}, with a hook called before each job seeker is handed out (its
 * 0-based index): a test pauses an executor there on a latch, or "kills" it by throwing an {@link Error}.
 */
public final class GatedProvider implements JobSeekerConnectorProvider {
    /** The id. */
    public static final String ID = "porters-gated";

    private volatile IntConsumer hook = i -> { };

    /** Sets the hook. */
    public void hook(IntConsumer h) {
        this.hook = h;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public JobSeekerConnector create(ConnectorContext context) {
        JobSeekerConnector real = new PortersJobSeekerProvider().create(context);
        return new JobSeekerConnector() {
            @Override
            public void checkLogin() {
                real.checkLogin();
            }

            @Override
            public Stream<JobSeeker> jobSeekers(Filter filter) {
                AtomicInteger n = new AtomicInteger();
                return real.jobSeekers(filter).peek(js -> hook.accept(n.getAndIncrement()));
            }

            @Override
            public List<WriteResult> writeBack(List<WriteBack> items) {
                return real.writeBack(items);
            }
        };
    }

    /** An {@link Error} standing for a process that dies half-way (nothing in Renkei catches it). */
    public static final class Killed extends Error {
        private static final long serialVersionUID = 1L;

        /** A kill. */
        public Killed() {
            super("killed half-way");
        }
    }
}
