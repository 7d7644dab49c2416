package dev.renkei.media.indeed;

import dev.renkei.core.StoreException;
import dev.renkei.core.support.Checks;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * An {@link IndeedInbox} in one table ({@code renkei_indeed_inbox}) of the host's database, tested on H2 and
 * written for PostgreSQL. The schema ships as {@value #MIGRATION}; {@link #migrate()} applies it, or copy it into
 * your own migrations. The insert is keyed by Indeed's application id, so concurrent repeated deliveries store one
 * row. Thread-safe.
 */
public final class JdbcIndeedInbox implements IndeedInbox {
    /** Class-path location of the table's migration script. */
    public static final String MIGRATION = "dev/renkei/media/db/V1__indeed_inbox.sql";
    private static final String COLUMNS = "account_id, application_id, applied_at, received_at, payload";

    private final DataSource dataSource;

    /** An inbox over a data source (auto-commit connections). */
    public JdbcIndeedInbox(DataSource dataSource) {
        this.dataSource = Checks.notNull(dataSource, "dataSource");
    }

    /** Creates the table and index if they do not exist. */
    public JdbcIndeedInbox migrate() {
        String script;
        try (InputStream in = JdbcIndeedInbox.class.getClassLoader().getResourceAsStream(MIGRATION)) {
            if (in == null) {
                throw new StoreException("the migration " + MIGRATION + " is missing from the class path", null);
            }
            script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new StoreException("the migration " + MIGRATION + " cannot be read", e);
        }
        StringBuilder sql = new StringBuilder();
        for (String line : script.split("\n")) {
            if (!line.strip().startsWith("--")) {
                sql.append(line).append('\n');
            }
        }
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            for (String statement : sql.toString().split(";")) {
                if (!statement.isBlank()) {
                    s.execute(statement.strip());
                }
            }
        } catch (SQLException e) {
            throw new StoreException("migrating the Indeed inbox failed: " + e.getMessage(), e);
        }
        return this;
    }

    @Override
    public boolean store(IndeedInboxEntry e) {
        Checks.notNull(e, "entry");
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("INSERT INTO renkei_indeed_inbox (" + COLUMNS
                     + ") VALUES (?, ?, ?, ?, ?)")) {
            ps.setString(1, e.accountId());
            ps.setString(2, e.applicationId());
            ps.setLong(3, e.appliedAt().toEpochMilli());
            ps.setLong(4, e.receivedAt().toEpochMilli());
            ps.setString(5, e.payload());
            ps.executeUpdate();
            return true;
        } catch (SQLException ex) {
            if (ex.getSQLState() != null && ex.getSQLState().startsWith("23") && find(e.applicationId()).isPresent()) {
                return false;
            }
            throw new StoreException("storing Indeed application " + e.applicationId() + " failed: "
                    + ex.getSQLState(), ex);
        }
    }

    @Override
    public List<IndeedInboxEntry> receivedSince(String accountId, Instant since) {
        Checks.notNull(accountId, "accountId");
        Checks.notNull(since, "since");
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM renkei_indeed_inbox"
                     + " WHERE account_id = ? AND received_at >= ? ORDER BY received_at, application_id")) {
            ps.setString(1, accountId);
            ps.setLong(2, since.toEpochMilli());
            try (ResultSet rs = ps.executeQuery()) {
                List<IndeedInboxEntry> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(row(rs));
                }
                return out;
            }
        } catch (SQLException ex) {
            throw new StoreException("reading the Indeed inbox failed: " + ex.getSQLState(), ex);
        }
    }

    @Override
    public Optional<IndeedInboxEntry> find(String applicationId) {
        Checks.notNull(applicationId, "applicationId");
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS
                     + " FROM renkei_indeed_inbox WHERE application_id = ?")) {
            ps.setString(1, applicationId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(row(rs)) : Optional.empty();
            }
        } catch (SQLException ex) {
            throw new StoreException("reading the Indeed inbox failed: " + ex.getSQLState(), ex);
        }
    }

    private static IndeedInboxEntry row(ResultSet rs) throws SQLException {
        return new IndeedInboxEntry(rs.getString(1), rs.getString(2), Instant.ofEpochMilli(rs.getLong(3)),
                Instant.ofEpochMilli(rs.getLong(4)), rs.getString(5));
    }
}
