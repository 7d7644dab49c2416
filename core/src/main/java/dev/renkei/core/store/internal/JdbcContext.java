package dev.renkei.core.store.internal;

import dev.renkei.core.StoreException;
import dev.renkei.core.ValidationException;
import dev.renkei.core.crypto.SecretCipher;
import dev.renkei.core.model.Credentials;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Objects;

/**
 * What the JDBC repositories share: the connection helper, the database's {@link Dialect}, the cipher that seals
 * credentials, and the store's clock. Not API.
 */
public final class JdbcContext {
    private final Jdbc jdbc;
    private final Dialect dialect;
    private final SecretCipher cipher;
    private final Clock clockOverride;

    /**
     * @param clockOverride replaces the database clock, or {@code null} to use it
     */
    public JdbcContext(Jdbc jdbc, Dialect dialect, SecretCipher cipher, Clock clockOverride) {
        this.jdbc = Objects.requireNonNull(jdbc, "jdbc");
        this.dialect = Objects.requireNonNull(dialect, "dialect");
        this.cipher = Objects.requireNonNull(cipher, "cipher");
        this.clockOverride = clockOverride;
    }

    /** The statement runner. */
    public Jdbc jdbc() {
        return jdbc;
    }

    /** The database dialect. */
    public Dialect dialect() {
        return dialect;
    }

    /** The store's clock: the override, or {@code SELECT CURRENT_TIMESTAMP} on a connection of its own. */
    public Instant now() {
        if (clockOverride != null) {
            return clockOverride.instant();
        }
        return jdbc.autoCommit("read the database clock", this::now);
    }

    /** The store's clock read on a connection the caller already holds (never a second connection). */
    Instant now(Connection c) throws SQLException {
        if (clockOverride != null) {
            return clockOverride.instant();
        }
        return Jdbc.queryOne(c, "SELECT CURRENT_TIMESTAMP", rs -> rs.getObject(1, OffsetDateTime.class).toInstant())
                .orElseThrow();
    }

    /**
     * The clock override's time as a statement parameter, or a typed NULL when the database's clock is the store's:
     * a statement that writes {@code COALESCE(?, CURRENT_TIMESTAMP)} then reads that clock without a round trip.
     */
    Object overriddenNow() {
        return clockOverride == null ? Jdbc.NULL_TIMESTAMP : Jdbc.ts(clockOverride.instant());
    }

    /** Seals credentials as one JSON document, bound to {@code context}. */
    String seal(Credentials c, String context) {
        return cipher.encrypt(StoreJson.credentials(c), context);
    }

    /** Seals a text value (a token, a passcode), bound to {@code context}. */
    String sealText(String plain, String context) {
        return cipher.encrypt(plain, context);
    }

    /** Opens a sealed text value; {@code what} names the record in the error. */
    String openText(String sealed, String context, String what) {
        try {
            return cipher.decrypt(sealed, context);
        } catch (ValidationException e) {
            throw new StoreException("cannot decrypt the stored secret of " + what + ": " + e.getMessage(), e);
        }
    }

    /** Opens sealed credentials; {@code what} names the record in the error. */
    Credentials open(String sealed, String context, String what) {
        try {
            return StoreJson.credentials(cipher.decrypt(sealed, context));
        } catch (ValidationException e) {
            throw new StoreException("cannot decrypt the stored credentials of " + what + ": " + e.getMessage(), e);
        }
    }
}
