package dev.renkei.core.support;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Daemon threads: threads that never keep the JVM from exiting. The engine and the scheduler name their own pools
 * this way; a host that hands them its own executor can too.
 */
public final class DaemonThreads {
    private DaemonThreads() {}

    /** A factory of daemon threads named {@code prefix-1}, {@code prefix-2}, … */
    public static ThreadFactory named(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
