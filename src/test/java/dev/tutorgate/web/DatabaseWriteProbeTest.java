package dev.tutorgate.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tutorgate.web.health.DatabaseWriteProbe;
import java.nio.file.Path;
import java.time.Clock;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

class DatabaseWriteProbeTest {
    @Test
    void aDatabaseThatTakesNoWritesIsNotReady() throws Exception {
        Path file = Path.of(System.getProperty("tutorgate.test.tmp", "target/test-tmp"), "probe-" + UUID.randomUUID(), "t.db");
        var writable = TestDatabase.migrated(file);
        assertThat(new DatabaseWriteProbe(writable, Clock.systemUTC()).problem()).isNull();

        SQLiteConfig readOnly = new SQLiteConfig();
        readOnly.setReadOnly(true);
        SQLiteDataSource readOnlySource = new SQLiteDataSource(readOnly);
        readOnlySource.setUrl("jdbc:sqlite:" + file);
        assertThat(new DatabaseWriteProbe(readOnlySource, Clock.systemUTC()).problem()).startsWith("not writable");

        try (var c = writable.getConnection(); var s = c.createStatement()) {
            s.executeUpdate("DELETE FROM health_probe");
        }
        assertThat(new DatabaseWriteProbe(writable, Clock.systemUTC()).problem()).isEqualTo("the probe row is missing");
    }
}
