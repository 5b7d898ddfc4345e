package dev.tutorgate.web.feedback;

import dev.tutorgate.storage.Database;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;

/** Students' stars in the {@code feedback} table: one row per answer, the latest rating wins. */
public final class FeedbackStore {
    private final Database db;

    public FeedbackStore(Database db) {
        this.db = db;
    }

    /** Whether {@code requestId} is an answer this student received (a successful ledger row of theirs). */
    public boolean isAnswerOf(String requestId, String studentId) {
        return db.read(c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT 1 FROM ledger WHERE request_id = ? AND student_id = ? AND outcome = 'ok' LIMIT 1")) {
                s.setString(1, requestId);
                s.setString(2, studentId);
                try (ResultSet rows = s.executeQuery()) {
                    return rows.next();
                }
            }
        });
    }

    public void save(String requestId, String studentId, int stars, String comment, Instant at) {
        db.write(c -> {
            try (PreparedStatement s = c.prepareStatement("""
                    INSERT INTO feedback (request_id, student_id, stars, comment, created_at) VALUES (?, ?, ?, ?, ?)
                    ON CONFLICT (request_id) DO UPDATE SET stars = excluded.stars, comment = excluded.comment,
                        created_at = excluded.created_at""")) {
                s.setString(1, requestId);
                s.setString(2, studentId);
                s.setInt(3, stars);
                s.setString(4, comment);
                s.setLong(5, at.toEpochMilli());
                return s.executeUpdate();
            }
        });
    }
}
