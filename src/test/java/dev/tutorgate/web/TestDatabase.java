package dev.tutorgate.web;

import java.nio.file.Files;
import java.nio.file.Path;
import org.flywaydb.core.Flyway;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/** A real SQLite file with tutorgate's migrations. Temporary: replaced by storage.Database once it lands on main. */
final class TestDatabase {
    private TestDatabase() {
    }

    static SQLiteDataSource migrated(Path file) throws Exception {
        Files.createDirectories(file.getParent());
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setBusyTimeout(10_000);
        SQLiteDataSource dataSource = new SQLiteDataSource(config);
        dataSource.setUrl("jdbc:sqlite:" + file);
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
        return dataSource;
    }
}
