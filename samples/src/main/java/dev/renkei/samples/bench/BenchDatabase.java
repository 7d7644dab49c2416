package dev.renkei.samples.bench;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * The databases the benchmarks run on, each a fresh one so runs do not see each other's rows: a new database on
 * one embedded PostgreSQL per JVM (zonky's binaries, the ones the tests use; fsync and full-page writes off, since
 * what the benchmarks measure is not the disk, and every other setting PostgreSQL's default, synchronous commit
 * included: each commit writes its WAL itself instead of waking the WAL writer, which costs less CPU here), a new
 * schema on the server {@code --jdbc URL} names, or a new H2 file in a temporary directory. Every benchmark and peer
 * reaches it through a HikariCP pool. {@link #close()} drops it again, so a benchmark's leftovers (and the
 * autovacuum of its tables) do not run beside the next one in {@code bench all}.
 */
final class BenchDatabase implements AutoCloseable {
    private static EmbeddedPostgres embedded;

    private final HikariDataSource pool;
    private final String kind;
    private final String url;
    private final String schema;
    /** Drops the database once its pools are closed. */
    private final Dropper drop;

    /** How a benchmark's database goes away. */
    private interface Dropper {
        void drop() throws Exception;
    }

    private BenchDatabase(String url, String schema, int poolSize, String kind, Dropper drop) {
        this.url = url;
        this.schema = schema;
        this.pool = pool(url, schema, poolSize);
        this.kind = kind;
        this.drop = drop;
    }

    /**
     * A fresh PostgreSQL database: on {@code jdbcUrl} (a new schema there), or on the embedded server when it is
     * empty.
     */
    static BenchDatabase postgres(String jdbcUrl, int poolSize) throws SQLException, IOException {
        String name = "renkei_bench_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        if (jdbcUrl == null || jdbcUrl.isBlank()) {
            EmbeddedPostgres pg = embedded();
            try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
                s.execute("CREATE DATABASE " + name);
            }
            return new BenchDatabase(pg.getJdbcUrl("postgres", name), null, poolSize, "postgresql (embedded)", () -> {
                try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
                    s.execute("DROP DATABASE IF EXISTS " + name);
                }
            });
        }
        HikariDataSource pool = pool(jdbcUrl, null, 1);
        try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + name);
        }
        pool.close();
        return new BenchDatabase(jdbcUrl, name, poolSize, "postgresql (" + name + ")", () -> {
            try (HikariDataSource admin = pool(jdbcUrl, null, 1); Connection c = admin.getConnection();
                 Statement s = c.createStatement()) {
                s.execute("DROP SCHEMA IF EXISTS " + name + " CASCADE");
            }
        });
    }

    /** A fresh H2 file database in a temporary directory. */
    static BenchDatabase h2(int poolSize) throws IOException {
        Path dir = Files.createTempDirectory("renkei-bench-h2-");
        dir.toFile().deleteOnExit();
        return new BenchDatabase("jdbc:h2:file:" + dir.resolve("renkei") + ";WRITE_DELAY=0", null, poolSize,
                "h2 (file)", () -> {
                    try (java.util.stream.Stream<Path> files = Files.walk(dir)) {
                        for (Path f : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                            Files.deleteIfExists(f);
                        }
                    }
                });
    }

    private static synchronized EmbeddedPostgres embedded() throws IOException {
        if (embedded == null) {
            EmbeddedPostgres pg = EmbeddedPostgres.builder()
                    .setServerConfig("fsync", "off")
                    .setServerConfig("full_page_writes", "off")
                    .setServerConfig("max_connections", "300")
                    .start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    pg.close();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }, "renkei-bench-postgres-stop"));
            embedded = pg;
        }
        return embedded;
    }

    private static HikariDataSource pool(String url, String schema, int size) {
        HikariConfig c = new HikariConfig();
        c.setJdbcUrl(url);
        if (url.startsWith("jdbc:h2:")) {
            c.setUsername("sa");
            c.setPassword("");
        } else if (!url.contains("user=")) {
            c.setUsername("postgres");
        }
        if (schema != null) {
            c.setSchema(schema);
        }
        c.setPoolName("renkei-bench");
        c.setMaximumPoolSize(size);
        c.setMinimumIdle(Math.min(size, 2));
        c.setConnectionTimeout(60_000);
        return new HikariDataSource(c);
    }

    /** The pool. */
    HikariDataSource dataSource() {
        return pool;
    }

    /** Another pool on the same database, e.g. for a second instance; the caller closes it. */
    HikariDataSource anotherPool(int size) {
        return pool(url, schema, size);
    }

    /** "postgresql (embedded)", "h2 (file)"… */
    String kind() {
        return kind;
    }

    /** Closes the pool and drops the database; a failed drop is logged, not thrown. */
    @Override
    public void close() {
        pool.close();
        try {
            drop.drop();
        } catch (Exception e) {
            System.getLogger(BenchDatabase.class.getName()).log(System.Logger.Level.WARNING,
                    "could not drop the benchmark database " + kind, e);
        }
    }
}
