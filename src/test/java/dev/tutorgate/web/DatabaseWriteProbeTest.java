package dev.tutorgate.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tutorgate.storage.Database;
import dev.tutorgate.web.health.DatabaseWriteProbe;
import java.nio.file.Path;
import java.time.Clock;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class DatabaseWriteProbeTest {
    @Test
    void aDatabaseThatTakesNoWritesIsNotReady() {
        Path file = Path.of(System.getProperty("tutorgate.test.tmp", "target/test-tmp"), "probe-" + UUID.randomUUID(), "t.db");
        Database db = Database.open("jdbc:sqlite:" + file);
        DatabaseWriteProbe probe = new DatabaseWriteProbe(db, Clock.systemUTC());
        assertThat(probe.problem()).isNull();

        db.write(c -> c.createStatement().executeUpdate("DELETE FROM health_probe"));
        assertThat(probe.problem()).isEqualTo("the probe row is missing");

        db.close();
        assertThat(probe.problem()).startsWith("not writable");
    }
}
