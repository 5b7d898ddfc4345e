package dev.tutorgate.web.conversations;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.tutorgate.web.Json;
import java.io.IOException;
import dev.tutorgate.storage.Database;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads a student's conversations for the page (to restore one after a reload). Read-only: the
 * chat pipeline writes the {@code conversations} and {@code messages} tables.
 */
public final class ConversationQueries {
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {
    };

    private final Database db;

    public ConversationQueries(Database db) {
        this.db = db;
    }

    public record Summary(String id, String title, Instant createdAt, Instant updatedAt) {
    }

    public record Message(String role, String content, String requestId, String model, List<String> sources,
                          Integer stars, Instant createdAt) {
    }

    /** Empty = no such conversation; present with another owner = someone else's. */
    public Optional<String> owner(String conversationId) {
        return db.read(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT student_id FROM conversations WHERE id = ?")) {
                s.setString(1, conversationId);
                try (ResultSet rows = s.executeQuery()) {
                    return rows.next() ? Optional.of(rows.getString(1)) : Optional.<String>empty();
                }
            }
        });
    }

    /** The student's latest conversations, newest first; the title is the first question. */
    public List<Summary> list(String studentId, int limit) {
        return db.read(c -> {
            try (PreparedStatement s = c.prepareStatement("""
                    SELECT c.id, c.created_at, c.updated_at,
                           (SELECT m.content FROM messages m WHERE m.conversation_id = c.id AND m.role = 'user'
                             ORDER BY m.id LIMIT 1) AS title
                      FROM conversations c WHERE c.student_id = ? ORDER BY c.updated_at DESC, c.id LIMIT ?""")) {
                s.setString(1, studentId);
                s.setInt(2, limit);
                try (ResultSet rows = s.executeQuery()) {
                    List<Summary> out = new ArrayList<>();
                    while (rows.next()) {
                        out.add(new Summary(rows.getString(1), shorten(rows.getString(4)),
                                Instant.ofEpochMilli(rows.getLong(2)), Instant.ofEpochMilli(rows.getLong(3))));
                    }
                    return out;
                }
            }
        });
    }

    /** The messages of one conversation in order, with the student's stars on the answers they rated. */
    public List<Message> messages(String conversationId) {
        return db.read(c -> {
            try (PreparedStatement s = c.prepareStatement("""
                    SELECT m.role, m.content, m.request_id, m.model, m.sources, m.created_at, f.stars
                      FROM messages m LEFT JOIN feedback f ON f.request_id = m.request_id AND m.role = 'assistant'
                     WHERE m.conversation_id = ? ORDER BY m.id""")) {
                s.setString(1, conversationId);
                try (ResultSet rows = s.executeQuery()) {
                    List<Message> out = new ArrayList<>();
                    while (rows.next()) {
                        int starsValue = rows.getInt(7);
                        Integer stars = rows.wasNull() ? null : starsValue;
                        out.add(new Message(rows.getString(1), rows.getString(2), rows.getString(3), rows.getString(4),
                                sources(rows.getString(5)), stars, Instant.ofEpochMilli(rows.getLong(6))));
                    }
                    return out;
                }
            }
        });
    }

    private static List<String> sources(String json) {
        if (json == null || json.isBlank()) {
            return List.of();
        }
        try {
            return Json.MAPPER.readValue(json, STRINGS);
        } catch (IOException e) {
            return List.of();
        }
    }

    private static String shorten(String title) {
        if (title == null) {
            return "";
        }
        String oneLine = title.strip().replaceAll("\\s+", " ");
        return oneLine.length() <= 80 ? oneLine : oneLine.substring(0, 79) + "…";
    }
}
