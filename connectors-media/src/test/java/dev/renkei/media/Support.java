package dev.renkei.media;

import dev.renkei.core.http.HttpExecutor;
import dev.renkei.core.http.RetryPolicy;
import dev.renkei.core.http.Sleeper;
import dev.renkei.core.spi.ConnectorContext;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/** Test helpers: a sleeper that records instead of sleeping, and a connector context. */
final class Support {
    private Support() {}

    /** Records every requested sleep. */
    static final class RecordingSleeper implements Sleeper {
        final List<Duration> sleeps = Collections.synchronizedList(new ArrayList<>());

        @Override
        public void sleep(Duration duration) {
            sleeps.add(duration);
        }
    }

    static ConnectorContext context(Map<String, String> config, Sleeper sleeper) {
        HttpExecutor http = HttpExecutor.builder().sleeper(sleeper).retry(RetryPolicy.NONE)
                .deadline(Duration.ofSeconds(20)).build();
        return new ConnectorContext(http, Clock.systemUTC(), sleeper, config, Map.of(), null);
    }
}
