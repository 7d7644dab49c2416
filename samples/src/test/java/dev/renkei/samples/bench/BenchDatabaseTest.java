package dev.renkei.samples.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

class BenchDatabaseTest {
    @Test
    void anEmbeddedPostgresDatabaseIsDroppedWhenItsBenchmarkCloses() throws Exception {
        try (BenchDatabase witness = BenchDatabase.postgres("", 1)) {
            String name;
            try (BenchDatabase db = BenchDatabase.postgres("", 2)) {
                execute(db.dataSource(), "CREATE TABLE t (id INT)");
                name = text(db.dataSource(), "SELECT current_database()");
                assertThat(databases(witness.dataSource())).contains(name);
            }

            assertThat(databases(witness.dataSource())).doesNotContain(name);
        }
    }

    @Test
    void anH2FileIsDeletedWhenItsBenchmarkCloses() throws Exception {
        Path dir;
        try (BenchDatabase db = BenchDatabase.h2(2)) {
            execute(db.dataSource(), "CREATE TABLE t (id INT)");
            dir = Path.of(text(db.dataSource(), "SELECT DATABASE_PATH()")).getParent();
            assertThat(dir).isDirectory();
        }

        assertThat(Files.exists(dir)).isFalse();
    }

    private static void execute(DataSource ds, String sql) throws SQLException {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static String text(DataSource ds, String sql) throws SQLException {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static String databases(DataSource ds) throws SQLException {
        StringBuilder names = new StringBuilder();
        try (Connection c = ds.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT datname FROM pg_database")) {
            while (rs.next()) {
                names.append(rs.getString(1)).append('\n');
            }
        }
        return names.toString();
    }
}
