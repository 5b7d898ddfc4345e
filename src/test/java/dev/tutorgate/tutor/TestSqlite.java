package dev.tutorgate.tutor;

import java.nio.file.Path;
import org.flywaydb.core.Flyway;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/** A real SQLite file with tutorgate's migrations applied. */
public final class TestSqlite {
    private TestSqlite() {
    }

    public static SQLiteDataSource migrated(Path dir) {
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setBusyTimeout(10_000);
        config.enforceForeignKeys(true);
        SQLiteDataSource dataSource = new SQLiteDataSource(config);
        dataSource.setUrl("jdbc:sqlite:" + dir.resolve("tutorgate.db"));
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
        return dataSource;
    }

    public static void addStudent(javax.sql.DataSource dataSource, String id) {
        try (var c = dataSource.getConnection();
             var st = c.prepareStatement("INSERT INTO students (id, name, token_hash, created_at) VALUES (?, ?, ?, 0)")) {
            st.setString(1, id);
            st.setString(2, id);
            st.setString(3, "hash-" + id);
            st.executeUpdate();
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
