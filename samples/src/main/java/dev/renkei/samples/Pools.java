package dev.renkei.samples;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.renkei.core.model.Secret;

/**
 * The connection pool the runner, the demo and the benchmarks hand to {@code JdbcStore}: HikariCP, so a store call
 * borrows a warm connection instead of opening one (an H2 file is then also opened once, not per call).
 */
public final class Pools {
    /** Connections per pool: the engine's slots, its heartbeat, the scheduler and the relay rarely need more. */
    public static final int DEFAULT_SIZE = 8;

    private Pools() {}

    /**
     * A pool over a JDBC URL.
     *
     * @param user user name, or {@code null}
     * @param password password, or {@code null}
     * @param name the pool's name in logs and metrics
     */
    public static HikariDataSource open(String jdbcUrl, String user, Secret password, String name) {
        HikariConfig c = new HikariConfig();
        c.setJdbcUrl(jdbcUrl);
        if (user != null) {
            c.setUsername(user);
        }
        if (password != null) {
            c.setPassword(password.reveal());
        }
        c.setPoolName(name);
        c.setMaximumPoolSize(DEFAULT_SIZE);
        c.setMinimumIdle(1);
        c.setConnectionTimeout(30_000);
        return new HikariDataSource(c);
    }
}
