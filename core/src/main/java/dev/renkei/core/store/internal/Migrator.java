package dev.renkei.core.store.internal;

import dev.renkei.core.StoreException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Collectors;

/**
 * Applies the store's versioned SQL scripts and records them in {@code renkei_schema_version}. Not API.
 *
 * <p>Scripts live under {@code dev/renkei/core/store/migration/} named Flyway-style ({@code V1__description.sql});
 * a script under {@code migration/<dialect>/} with the same name replaces the common one for that database.
 * Concurrent migrations are serialised: on PostgreSQL by a transaction-scoped advisory lock (the whole migration is
 * one transaction, DDL included), on H2 (one process per embedded database) by a lock in this JVM. The version
 * table's primary key is the last line of defence.
 */
public final class Migrator {
    /** Every migration, in order. New tables come as new versions; a released script never changes. */
    static final List<Migration> MIGRATIONS = List.of(
            new Migration(1, "robots_runs_ledger_outbox"),
            new Migration(2, "schedule_state"),
            new Migration(3, "execution_tokens"),
            new Migration(4, "outbox_lease_token"),
            new Migration(5, "meetings"),
            new Migration(6, "mypage"),
            new Migration(7, "ledger_lean_writes"));

    private static final String BASE = "dev/renkei/core/store/migration/";
    private static final ReentrantLock JVM_LOCK = new ReentrantLock();
    private static final System.Logger LOG = System.getLogger(Migrator.class.getName());

    private final Jdbc jdbc;
    private final Dialect dialect;

    /** One migration script. */
    record Migration(int version, String description) {
        String fileName() {
            return "V" + version + "__" + description + ".sql";
        }
    }

    /** A migrator over a database. */
    public Migrator(Jdbc jdbc, Dialect dialect) {
        this.jdbc = jdbc;
        this.dialect = dialect;
    }

    /**
     * Applies every migration not applied yet.
     *
     * @return the versions applied by this call (empty when the schema was current)
     */
    public List<Integer> migrate() {
        JVM_LOCK.lock();
        try {
            return jdbc.inTransaction("migrate the Renkei schema", c -> {
                dialect.lockForMigration(c);
                try (Statement s = Jdbc.statement(c)) {
                    s.execute("CREATE TABLE IF NOT EXISTS renkei_schema_version ("
                            + "version INTEGER NOT NULL, description VARCHAR(200) NOT NULL, script VARCHAR(300) NOT NULL, "
                            + "checksum VARCHAR(64) NOT NULL, installed_at TIMESTAMP WITH TIME ZONE NOT NULL, "
                            + "CONSTRAINT renkei_schema_version_pk PRIMARY KEY (version))");
                }
                Map<Integer, String> applied = Jdbc.query(c, "SELECT version, checksum FROM renkei_schema_version",
                        rs -> Map.entry(rs.getInt("version"), rs.getString("checksum")))
                        .stream().collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
                List<Integer> done = new ArrayList<>();
                for (Migration m : MIGRATIONS) {
                    Script script = load(m);
                    String recorded = applied.get(m.version());
                    if (recorded != null) {
                        if (!recorded.equals(script.checksum())) {
                            throw new StoreException("Renkei migration " + script.path() + " differs from the script "
                                    + "applied to this database (checksum " + recorded + "): released scripts must "
                                    + "never change", null);
                        }
                        continue;
                    }
                    try (Statement s = Jdbc.statement(c)) {
                        for (String sql : statements(script.text())) {
                            s.execute(sql);
                        }
                    }
                    if (!dialect.insertIfAbsent(c, "INSERT INTO renkei_schema_version "
                                    + "(version, description, script, checksum, installed_at) "
                                    + "VALUES (?, ?, ?, ?, CURRENT_TIMESTAMP)",
                            m.version(), m.description(), script.path(), script.checksum())) {
                        throw new SQLException("migration " + m.version() + " was applied concurrently", "40001");
                    }
                    LOG.log(System.Logger.Level.INFO, "applied Renkei store migration {0}", script.path());
                    done.add(m.version());
                }
                return List.copyOf(done);
            });
        } finally {
            JVM_LOCK.unlock();
        }
    }

    /** The script of a migration for this dialect, from the classpath. */
    Script load(Migration m) {
        for (String path : List.of(BASE + dialect.migrationFolder() + "/" + m.fileName(), BASE + m.fileName())) {
            try (InputStream in = Migrator.class.getClassLoader().getResourceAsStream(path)) {
                if (in != null) {
                    String text = new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("\r\n", "\n");
                    return new Script(path, text, sha256(text));
                }
            } catch (IOException e) {
                throw new StoreException("cannot read migration script " + path, e);
            }
        }
        throw new StoreException("migration script " + m.fileName() + " is missing from the classpath", null);
    }

    record Script(String path, String text, String checksum) {}

    /** Splits a script into statements: {@code --} comment lines dropped, statements end with {@code ;}. */
    static List<String> statements(String script) {
        String withoutComments = script.lines().filter(l -> !l.strip().startsWith("--"))
                .collect(Collectors.joining("\n"));
        List<String> out = new ArrayList<>();
        for (String part : withoutComments.split(";")) {
            if (!part.isBlank()) {
                out.add(part.strip());
            }
        }
        return out;
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }
}
