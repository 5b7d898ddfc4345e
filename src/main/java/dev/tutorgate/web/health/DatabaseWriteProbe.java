package dev.tutorgate.web.health;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import javax.sql.DataSource;

/**
 * Proves the ledger's database takes writes: updates the one row of {@code health_probe}
 * (migration V25) — a real write, committed, on whatever database the ledger uses.
 */
public final class DatabaseWriteProbe implements ReadinessCheck {
    private final DataSource db;
    private final Clock clock;

    public DatabaseWriteProbe(DataSource db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    @Override
    public String name() {
        return "ledger";
    }

    @Override
    public String problem() {
        try (Connection c = db.getConnection();
             PreparedStatement s = c.prepareStatement("UPDATE health_probe SET checked_at = ? WHERE id = 1")) {
            s.setQueryTimeout(2);
            s.setLong(1, clock.millis());
            return s.executeUpdate() == 1 ? null : "the probe row is missing";
        } catch (SQLException e) {
            return "not writable (" + e.getClass().getSimpleName() + ")";
        }
    }
}
