package dev.renkei.core.store.internal;

import static dev.renkei.core.store.internal.Jdbc.append;

import dev.renkei.core.store.WatermarkKey;
import dev.renkei.core.store.WatermarkStore;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** Watermarks in {@code renkei_watermarks}; they only move forward. Not API. */
public final class JdbcWatermarks extends JdbcRepository implements WatermarkStore {
    private static final String KEY = "tenant_id = ? AND ats_account = ? AND medium = ? AND board_account_key = ?";
    /** The read of one watermark; {@link #params} binds it. */
    static final String READ = "SELECT watermark FROM renkei_watermarks WHERE " + KEY;

    /** The watermarks of a store. */
    public JdbcWatermarks(JdbcContext ctx) {
        super(ctx);
    }

    @Override
    public Optional<Instant> get(WatermarkKey key) {
        Objects.requireNonNull(key, "watermark key");
        return jdbc.autoCommit("read a watermark", c -> Jdbc.queryOne(c, READ, rs -> Jdbc.instant(rs, "watermark"),
                params(key)));
    }

    @Override
    public void advance(WatermarkKey key, Instant to) {
        Objects.requireNonNull(key, "watermark key");
        Objects.requireNonNull(to, "watermark");
        jdbc.autoCommit("advance a watermark", c -> {
            if (moveForward(c, key, to) == 1) {
                return null;
            }
            if (dialect.insertIfAbsent(c, "INSERT INTO renkei_watermarks (tenant_id, ats_account, medium, "
                    + "board_account_key, watermark, updated_at) VALUES (?, ?, ?, ?, ?, CURRENT_TIMESTAMP)",
                    append(params(key), to))) {
                return null;
            }
            moveForward(c, key, to); // someone inserted first: move it forward if theirs is older
            return null;
        });
    }

    private int moveForward(Connection c, WatermarkKey key, Instant to) throws SQLException {
        return Jdbc.update(c, "UPDATE renkei_watermarks SET watermark = ?, updated_at = CURRENT_TIMESTAMP WHERE "
                + KEY + " AND watermark < ?", append(append(new Object[] {to}, params(key)), to));
    }

    static Object[] params(WatermarkKey k) {
        return new Object[] {k.tenant().value(), k.atsAccount(), k.medium(), k.boardAccountKey()};
    }
}
