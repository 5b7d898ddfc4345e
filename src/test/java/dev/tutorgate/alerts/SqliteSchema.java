package dev.tutorgate.alerts;

import java.nio.file.Path;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/** A real SQLite file with tutorgate's migrations applied, as the server has it. */
final class SqliteSchema {
    private SqliteSchema() {
    }

    static DataSource migrated(Path file) {
        DataSource dataSource = open(file);
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
        return dataSource;
    }

    /** A second, independent handle on the same file: what a restarted process opens. */
    static DataSource open(Path file) {
        SQLiteConfig config = new SQLiteConfig();
        config.setBusyTimeout(5_000);
        SQLiteDataSource dataSource = new SQLiteDataSource(config);
        dataSource.setUrl("jdbc:sqlite:" + file);
        return dataSource;
    }
}
