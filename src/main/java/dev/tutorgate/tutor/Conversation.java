package dev.tutorgate.tutor;

import java.util.Objects;

/**
 * A student's conversation with the tutor.
 *
 * @param summary a summary of turns dropped to fit the context window; null when there is none
 */
public record Conversation(String id, String studentId, String summary) {
    public Conversation {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(studentId, "studentId");
    }
}
