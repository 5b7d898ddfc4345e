package dev.tutorgate.ledger;

import dev.tutorgate.storage.Database;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What the rest of tutorgate asks of the ledger. Time ranges are half-open, {@code [from, to)},
 * on the time a call started, so that consecutive periods never count a row twice.
 */
public final class LedgerQueries {
    private final Database db;

    public LedgerQueries(Database db) {
        this.db = db;
    }

    /** Pico-dollars spent by the whole application in {@code [from, to)}. */
    public long spentPicos(Instant from, Instant to) {
        checkRange(from, to);
        return db.read(c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT COALESCE(SUM(cost_picos), 0) FROM ledger WHERE started_at >= ? AND started_at < ?")) {
                s.setLong(1, from.toEpochMilli());
                s.setLong(2, to.toEpochMilli());
                return single(s);
            }
        });
    }

    /** Pico-dollars spent on one student in {@code [from, to)}: rebuilds their budget after a restart. */
    public long spentPicos(String studentId, Instant from, Instant to) {
        checkRange(from, to);
        return db.read(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT COALESCE(SUM(cost_picos), 0) FROM ledger "
                    + "WHERE student_id = ? AND started_at >= ? AND started_at < ?")) {
                s.setString(1, studentId);
                s.setLong(2, from.toEpochMilli());
                s.setLong(3, to.toEpochMilli());
                return single(s);
            }
        });
    }

    /** Rows in the ledger. */
    public long count() {
        return db.read(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM ledger")) {
                return single(s);
            }
        });
    }

    /** Every row of one request (its attempts, retries and fallbacks), in attempt order; empty if unknown. */
    public List<LedgerEntry> byRequest(String requestId) {
        return db.read(c -> {
            try (PreparedStatement s = c.prepareStatement(LedgerRows.SELECT + " WHERE request_id = ? ORDER BY attempt")) {
                s.setString(1, requestId);
                List<LedgerEntry> rows = new ArrayList<>();
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        rows.add(LedgerRows.read(rs));
                    }
                }
                return rows;
            }
        });
    }

    private static long single(PreparedStatement s) throws SQLException {
        try (ResultSet rs = s.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void checkRange(Instant from, Instant to) {
        if (from.isAfter(to)) {
            throw new IllegalArgumentException("the range starts (" + from + ") after it ends (" + to + ")");
        }
    }
}
