package dev.tutorgate.tutor;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tutorgate.core.JsonFactories;
import dev.tutorgate.core.Role;
import dev.tutorgate.storage.Database;
import dev.tutorgate.storage.QueuedWrite;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * {@link ConversationStore} over the {@code conversations} and {@code messages} tables (V1 schema),
 * through the shared {@link Database}: reads on its pool, writes through its group-commit writer,
 * so a turn's conversation row and both messages are committed together.
 */
public final class JdbcConversationStore implements ConversationStore {
    private static final ObjectMapper JSON = new ObjectMapper(JsonFactories.plain());
    private static final TypeReference<List<String>> STRING_LIST = new TypeReference<>() {
    };
    private static final String INSERT_MESSAGE = "INSERT INTO messages"
            + " (conversation_id, role, content, request_id, model, sources, tokens, created_at)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)";

    private final Database db;
    private final Clock clock;

    public JdbcConversationStore(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    @Override
    public Conversation open(String conversationId, String studentId) throws ConversationAccessException {
        Optional<Conversation> found = db.read(c -> {
            try (PreparedStatement st = c.prepareStatement("SELECT student_id, summary FROM conversations WHERE id = ?")) {
                st.setString(1, conversationId);
                try (ResultSet rs = st.executeQuery()) {
                    return rs.next() ? Optional.of(new Conversation(conversationId, rs.getString(1), rs.getString(2)))
                            : Optional.<Conversation>empty();
                }
            }
        });
        if (found.isEmpty()) {
            throw ConversationAccessException.notFound(conversationId);
        }
        if (!found.get().studentId().equals(studentId)) {
            throw ConversationAccessException.forbidden(conversationId);
        }
        return found.get();
    }

    @Override
    public List<StoredMessage> history(String conversationId) {
        return db.read(c -> {
            try (PreparedStatement st = c.prepareStatement("SELECT role, content, tokens, request_id, model, sources,"
                    + " created_at FROM messages WHERE conversation_id = ? ORDER BY id")) {
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
            }
        });
    }

    @Override
    public void create(String conversationId, String studentId) {
        long now = clock.millis();
        db.write(c -> upsertConversation(c, conversationId, studentId, now));
    }

    @Override
    public QueuedWrite<?> queueAppend(String conversationId, String studentId, ConversationTurn turn) {
        long now = clock.millis();
        String sources = toJson(turn.sources());
        return db.queue(c -> {
            upsertConversation(c, conversationId, studentId, now);
            try (PreparedStatement st = c.prepareStatement(INSERT_MESSAGE)) {
                addMessage(st, conversationId, "user", turn.question(), turn.requestId(), null, null,
                        turn.questionTokens(), now);
                addMessage(st, conversationId, "assistant", turn.answer(), turn.requestId(), turn.model(), sources,
                        turn.answerTokens(), now);
                return st.executeBatch().length;
            }
        });
    }

    private static int upsertConversation(Connection c, String conversationId, String studentId, long now)
            throws SQLException {
        // ON CONFLICT … DO UPDATE is understood by both SQLite and PostgreSQL.
        String sql = "INSERT INTO conversations (id, student_id, created_at, updated_at) VALUES (?, ?, ?, ?)"
                + " ON CONFLICT (id) DO UPDATE SET updated_at = excluded.updated_at";
        try (PreparedStatement st = c.prepareStatement(sql)) {
            st.setString(1, conversationId);
            st.setString(2, studentId);
            st.setLong(3, now);
            st.setLong(4, now);
            return st.executeUpdate();
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
}
