package dev.renkei.samples.bench;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.SchedulerName;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;

/**
 * The scheduler benchmark's peer: the same number of one-time tasks, each doing the given work, due at one
 * instant, executed by two db-scheduler instances (its defaults, the same thread count and polling interval as
 * Renkei's instances) on the same PostgreSQL database. Counts executions per task instance (double runs) and
 * records each start delay and the last end.
 */
final class DbSchedulerPeer {
    /** db-scheduler's table for PostgreSQL, as its README gives it. */
    private static final String DDL = """
            CREATE TABLE IF NOT EXISTS scheduled_tasks (
              task_name TEXT NOT NULL, task_instance TEXT NOT NULL, task_data BYTEA,
              execution_time TIMESTAMP WITH TIME ZONE NOT NULL, picked BOOLEAN NOT NULL, picked_by TEXT,
              last_success TIMESTAMP WITH TIME ZONE, last_failure TIMESTAMP WITH TIME ZONE, consecutive_failures INT,
              last_heartbeat TIMESTAMP WITH TIME ZONE, version BIGINT NOT NULL, priority SMALLINT,
              PRIMARY KEY (task_name, task_instance));
            CREATE INDEX IF NOT EXISTS execution_time_idx ON scheduled_tasks (execution_time);
            CREATE INDEX IF NOT EXISTS last_heartbeat_idx ON scheduled_tasks (last_heartbeat);
            CREATE INDEX IF NOT EXISTS priority_execution_time_idx ON scheduled_tasks (priority DESC, execution_time ASC)
            """;

    /** The work of one task: task {@code task} (0…tasks−1) executed by scheduler instance 0 or 1. */
    @FunctionalInterface
    interface Work {
        void run(int instance, int task);
    }

    /** What one peer run measured. */
    record Outcome(long makespanMillis, List<Long> startDelaysMillis, int executions, int doubleRuns) {}

    private DbSchedulerPeer() {}

    /**
     * Schedules {@code tasks} one-time tasks due {@code lead} from now, runs them on two instances over the two
     * pools and waits until every task ran (or {@code limit} passed).
     */
    static Outcome run(DataSource poolA, DataSource poolB, int tasks, Work work, int threads, Duration polling,
            Duration lead, Duration limit) throws SQLException, InterruptedException {
        try (Connection c = poolA.getConnection(); Statement s = c.createStatement()) {
            s.execute(DDL);
        }
        Map<String, AtomicInteger> runs = new ConcurrentHashMap<>();
        ConcurrentLinkedQueue<Long> delays = new ConcurrentLinkedQueue<>();
        AtomicLong lastEnd = new AtomicLong();
        AtomicInteger executions = new AtomicInteger();
        Instant due = Instant.now().plus(lead);
        List<OneTimeTask<Void>> perInstance = new ArrayList<>();
        for (int n = 0; n < 2; n++) {
            int instanceIndex = n;
            // one task name; each scheduler instance executes it with its own handler (its own Renkei instance)
            perInstance.add(Tasks.oneTime("renkei-bench-run").execute((instance, ctx) -> {
                delays.add(Duration.between(due, Instant.now()).toMillis());
                runs.computeIfAbsent(instance.getId(), k -> new AtomicInteger()).incrementAndGet();
                work.run(instanceIndex, Integer.parseInt(instance.getId().substring("task-".length())));
                lastEnd.accumulateAndGet(System.currentTimeMillis(), Math::max);
                executions.incrementAndGet();
            }));
        }
        OneTimeTask<Void> task = perInstance.get(0);
        List<TaskInstance<?>> instances = new ArrayList<>(tasks);
        for (int i = 0; i < tasks; i++) {
            instances.add(task.instance("task-" + i));
        }
        SchedulerClient.Builder.create(poolA, task).build().scheduleBatch(instances, due);
        Scheduler a = Scheduler.create(poolA, task).threads(threads).pollingInterval(polling)
                .schedulerName(new SchedulerName.Fixed("bench-a")).build();
        Scheduler b = Scheduler.create(poolB, perInstance.get(1)).threads(threads).pollingInterval(polling)
                .schedulerName(new SchedulerName.Fixed("bench-b")).build();
        long deadline = System.nanoTime() + limit.toNanos();
        a.start();
        b.start();
        try {
            while (executions.get() < tasks && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
        } finally {
            a.stop();
            b.stop();
        }
        int doubles = (int) runs.values().stream().filter(n -> n.get() > 1).count();
        List<Long> sorted = delays.stream().sorted().toList();
        return new Outcome(lastEnd.get() - due.toEpochMilli(), sorted, executions.get(), doubles);
    }
}
