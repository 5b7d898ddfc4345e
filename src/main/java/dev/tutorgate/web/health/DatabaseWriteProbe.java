package dev.tutorgate.web.health;

import dev.tutorgate.storage.Database;
import java.sql.PreparedStatement;
import java.time.Clock;

/**
 * Proves the ledger's database takes writes: updates the one row of {@code health_probe}
 * (migration V25) through the same writer the ledger uses — a real, committed write.
 */
public final class DatabaseWriteProbe implements ReadinessCheck {
    private final Database db;
    private final Clock clock;

    public DatabaseWriteProbe(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    @Override
    public String name() {
        return "ledger";
    }

    @Override
    public String problem() {
        try {
            int updated = db.write(c -> {
                try (PreparedStatement s = c.prepareStatement("UPDATE health_probe SET checked_at = ? WHERE id = 1")) {
                    s.setLong(1, clock.millis());
                    return s.executeUpdate();
                }
            });
            return updated == 1 ? null : "the probe row is missing";
        } catch (RuntimeException e) {
            return "not writable (" + e.getClass().getSimpleName() + ")";
        }
    }
}
