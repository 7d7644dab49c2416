package dev.renkei.core.store.internal;

import dev.renkei.core.model.Secret;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Objects;
import java.util.Properties;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A data source that opens a new connection from {@link DriverManager} for every call: no pooling. Fine for the
 * demo, tests and an embedded H2 file; hosts pass their own pooled {@link DataSource} in production. Not API.
 */
public final class DriverManagerDataSource implements DataSource {
    private final String url;
    private final String user;
    private final Secret password;

    /** A data source for a JDBC URL; user and password may be null. */
    public DriverManagerDataSource(String url, String user, Secret password) {
        this.url = Objects.requireNonNull(url, "url");
        this.user = user;
        this.password = password;
    }

    @Override
    public Connection getConnection() throws SQLException {
        Properties p = new Properties();
        if (user != null) {
            p.setProperty("user", user);
        }
        if (password != null) {
            p.setProperty("password", password.reveal());
        }
        return DriverManager.getConnection(url, p);
    }

    @Override
    public Connection getConnection(String username, String pw) throws SQLException {
        return DriverManager.getConnection(url, username, pw);
    }

    @Override
    public PrintWriter getLogWriter() {
        return null;
    }

    @Override
    public void setLogWriter(PrintWriter out) {
        // not used
    }

    @Override
    public void setLoginTimeout(int seconds) {
        DriverManager.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() {
        return DriverManager.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException("no parent logger");
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        if (iface.isInstance(this)) {
            return iface.cast(this);
        }
        throw new SQLException("not a wrapper for " + iface.getName());
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) {
        return iface.isInstance(this);
    }

    @Override
    public String toString() {
        // the URL may carry a password as a parameter: show only its scheme
        int colon = url.indexOf(':', url.indexOf(':') + 1);
        return "DriverManagerDataSource[" + (colon > 0 ? url.substring(0, colon) : "jdbc") + ", user=" + user + "]";
    }
}
