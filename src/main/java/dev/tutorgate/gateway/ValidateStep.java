package dev.tutorgate.gateway;

import dev.tutorgate.core.ErrorCode;
import dev.tutorgate.tutor.Conversation;
import dev.tutorgate.tutor.ConversationAccessException;
import dev.tutorgate.tutor.ConversationStore;
import java.util.Set;

/**
 * Refuses bad input before anything is spent: an empty or over-long message, a model nobody
 * configured, a conversation that does not exist or belongs to someone else. A request without a
 * conversation gets a fresh conversation id.
 */
final class ValidateStep implements ChatStep {
    private final int maxMessageChars;
    private final Set<String> knownModels;
    private final ConversationStore conversations;

    /** @param knownModels configured model names and "offline" */
    ValidateStep(int maxMessageChars, Set<String> knownModels, ConversationStore conversations) {
        this.maxMessageChars = maxMessageChars;
        this.knownModels = Set.copyOf(knownModels);
        this.conversations = conversations;
    }

    @Override
    public ChatResult handle(ChatExchange exchange, Chain chain) {
        ChatCommand command = exchange.command();
        String message = command.message();
        if (message.isBlank()) {
            return Refusals.fail(exchange, ErrorCode.MESSAGE_EMPTY, null, "empty message");
        }
        int length = message.codePointCount(0, message.length());
        if (length > maxMessageChars) {
            return Refusals.fail(exchange, ErrorCode.MESSAGE_TOO_LONG, null,
                    length + " characters, at most " + maxMessageChars);
        }
        String requested = RouteStep.requestedModel(command);
        if (requested != null && !knownModels.contains(requested)) {
            return Refusals.fail(exchange, ErrorCode.INVALID_REQUEST, null, "unknown model " + requested);
        }
        String conversationId = command.conversationId();
        if (conversationId == null || conversationId.isBlank()) {
            exchange.conversation(ConversationIds.next(exchange.startedAt()), true, null);
        } else {
            try {
                Conversation conversation = conversations.open(conversationId, command.studentId());
                exchange.conversation(conversation.id(), false, conversation.summary());
            } catch (ConversationAccessException e) {
                return Refusals.fail(exchange, e.code(), null, e.getMessage());
            }
        }
        return chain.proceed(exchange);
    }
}
