package dev.tutorgate.gateway;

import dev.tutorgate.tutor.RequestPrompt;
import java.util.Objects;

/**
 * The conversation behind a request, as a dispatcher may need it to summarise history that no longer
 * fits a model's window.
 *
 * @param conversationId  the conversation's id
 * @param newConversation whether it has no stored history yet
 * @param prompt          the request's prompt material; {@link DispatchRequest#calls()} follows its changes
 */
public record ConversationContext(String conversationId, boolean newConversation, RequestPrompt prompt) {
    public ConversationContext {
        Objects.requireNonNull(conversationId, "conversationId");
        Objects.requireNonNull(prompt, "prompt");
    }
}
