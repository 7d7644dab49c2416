package dev.renkei.media.indeed;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.util.UUID;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

class JdbcIndeedInboxTest extends IndeedInboxContract {
    private final JdbcDataSource dataSource = new JdbcDataSource();

    JdbcIndeedInboxTest() {
        dataSource.setURL("jdbc:h2:mem:indeed-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    }

    @Override
    IndeedInbox inbox() {
        return new JdbcIndeedInbox(dataSource).migrate();
    }

    @Test
    void migrateIsRepeatableAndCreatesOneTable() throws Exception {
        new JdbcIndeedInbox(dataSource).migrate().migrate();

        try (Connection c = dataSource.getConnection();
             ResultSet rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM INFORMATION_SCHEMA.TABLES"
                     + " WHERE LOWER(TABLE_NAME) = 'renkei_indeed_inbox'")) {
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(1);
        }
    }
}
