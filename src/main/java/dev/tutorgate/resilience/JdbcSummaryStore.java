package dev.tutorgate.resilience;

import dev.tutorgate.storage.Database;
import java.sql.PreparedStatement;
import java.sql.ResultSet;

/** {@link SummaryStore} over {@code conversations.summary} and {@code summary_turns} (migration V60). */
public final class JdbcSummaryStore implements SummaryStore {
    private final Database db;

    public JdbcSummaryStore(Database db) {
        this.db = db;
    }

    @Override
    public int coveredTurns(String conversationId) {
        return db.read(c -> {
            try (PreparedStatement st = c.prepareStatement(
                    "SELECT summary_turns FROM conversations WHERE id = ? AND summary IS NOT NULL")) {
                st.setString(1, conversationId);
                try (ResultSet rs = st.executeQuery()) {
                    return rs.next() ? rs.getInt(1) : 0;
                }
            }
        });
    }

    @Override
    public void save(String conversationId, String summary, int coveredTurns) {
        db.write(c -> {
            try (PreparedStatement st = c.prepareStatement(
                    "UPDATE conversations SET summary = ?, summary_turns = ? WHERE id = ?")) {
                st.setString(1, summary);
                st.setInt(2, coveredTurns);
                st.setString(3, conversationId);
                return st.executeUpdate();
            }
        });
    }
}
