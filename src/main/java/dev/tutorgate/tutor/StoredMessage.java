package dev.tutorgate.tutor;

import dev.tutorgate.core.ChatMessage;
import dev.tutorgate.core.Role;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One persisted message of a conversation.
 *
 * @param tokens    its token count as counted when it was stored
 * @param requestId the request that asked or answered it
 * @param model     the model that answered (assistant messages); null for questions
 * @param sources   lesson titles the answer is based on (assistant messages); empty otherwise
 */
public record StoredMessage(
        Role role,
        String content,
        int tokens,
        String requestId,
        String model,
        List<String> sources,
        Instant createdAt) {

    public StoredMessage {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(content, "content");
        sources = sources == null ? List.of() : List.copyOf(sources);
    }

    public ChatMessage asChatMessage() {
        return new ChatMessage(role, content);
    }
}
