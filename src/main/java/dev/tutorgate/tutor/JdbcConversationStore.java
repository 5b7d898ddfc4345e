package dev.tutorgate.tutor;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tutorgate.core.Role;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.sql.DataSource;

/** {@link ConversationStore} over the {@code conversations} and {@code messages} tables (V1 schema). */
public final class JdbcConversationStore implements ConversationStore {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<List<String>> STRING_LIST = new TypeReference<>() {
    };

    private final DataSource dataSource;
    private final Clock clock;

    public JdbcConversationStore(DataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
    }

    @Override
    public Conversation open(String conversationId, String studentId) throws ConversationAccessException {
        String sql = "SELECT student_id, summary FROM conversations WHERE id = ?";
        try (Connection c = dataSource.getConnection(); PreparedStatement st = c.prepareStatement(sql)) {
            st.setString(1, conversationId);
            try (ResultSet rs = st.executeQuery()) {
                if (!rs.next()) {
                    throw ConversationAccessException.notFound(conversationId);
                }
                String owner = rs.getString(1);
                if (!owner.equals(studentId)) {
                    throw ConversationAccessException.forbidden(conversationId);
                }
                return new Conversation(conversationId, owner, rs.getString(2));
            }
        } catch (SQLException e) {
            throw new StoreException("cannot read conversation " + conversationId, e);
        }
    }

    @Override
    public List<StoredMessage> history(String conversationId) {
        String sql = "SELECT role, content, tokens, request_id, model, sources, created_at FROM messages"
                + " WHERE conversation_id = ? ORDER BY id";
        try (Connection c = dataSource.getConnection(); PreparedStatement st = c.prepareStatement(sql)) {
            st.setString(1, conversationId);
            List<StoredMessage> messages = new ArrayList<>();
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    int tokens = rs.getInt(3);
                    messages.add(new StoredMessage(
                            Role.valueOf(rs.getString(1).toUpperCase(Locale.ROOT)),
                            rs.getString(2),
                            rs.wasNull() ? -1 : tokens,
                            rs.getString(4),
                            rs.getString(5),
                            parseSources(rs.getString(6)),
                            Instant.ofEpochMilli(rs.getLong(7))));
                }
            }
            return messages;
        } catch (SQLException e) {
            throw new StoreException("cannot read the history of conversation " + conversationId, e);
        }
    }

    @Override
    public void create(String conversationId, String studentId) {
        inTransaction(c -> upsertConversation(c, conversationId, studentId, clock.millis()));
    }

    @Override
    public void append(String conversationId, String studentId, ConversationTurn turn) {
        long now = clock.millis();
        inTransaction(c -> {
            upsertConversation(c, conversationId, studentId, now);
            String sql = "INSERT INTO messages (conversation_id, role, content, request_id, model, sources, tokens, created_at)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
            try (PreparedStatement st = c.prepareStatement(sql)) {
                addMessage(st, conversationId, "user", turn.question(), turn.requestId(), null, null,
                        turn.questionTokens(), now);
                addMessage(st, conversationId, "assistant", turn.answer(), turn.requestId(), turn.model(),
                        toJson(turn.sources()), turn.answerTokens(), now);
                st.executeBatch();
            }
        });
    }

    private static void upsertConversation(Connection c, String conversationId, String studentId, long now)
            throws SQLException {
        // ON CONFLICT … DO UPDATE is understood by both SQLite and PostgreSQL.
        String sql = "INSERT INTO conversations (id, student_id, created_at, updated_at) VALUES (?, ?, ?, ?)"
                + " ON CONFLICT (id) DO UPDATE SET updated_at = excluded.updated_at";
        try (PreparedStatement st = c.prepareStatement(sql)) {
            st.setString(1, conversationId);
            st.setString(2, studentId);
            st.setLong(3, now);
            st.setLong(4, now);
            st.executeUpdate();
        }
    }

    private static void addMessage(PreparedStatement st, String conversationId, String role, String content,
                                   String requestId, String model, String sources, int tokens, long now)
            throws SQLException {
        st.setString(1, conversationId);
        st.setString(2, role);
        st.setString(3, content);
        st.setString(4, requestId);
        st.setString(5, model);
        st.setString(6, sources);
        st.setInt(7, tokens);
        st.setLong(8, now);
        st.addBatch();
    }

    private interface Work {
        void run(Connection connection) throws SQLException;
    }

    private void inTransaction(Work work) {
        try (Connection c = dataSource.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                work.run(c);
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw new StoreException("cannot write conversation", e);
        }
    }

    private static String toJson(List<String> sources) {
        try {
            return JSON.writeValueAsString(sources);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a list of strings is always JSON", e);
        }
    }

    private static List<String> parseSources(String json) {
        if (json == null || json.isBlank()) {
            return List.of();
        }
        try {
            return JSON.readValue(json, STRING_LIST);
        } catch (JsonProcessingException e) {
            return List.of(); // a damaged column must not break the conversation
        }
    }

    /** The database failed; not the caller's fault. */
    public static final class StoreException extends RuntimeException {
        StoreException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
