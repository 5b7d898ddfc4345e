package dev.tutorgate.tutor;

import java.util.List;

/**
 * Conversations and their messages. Thread-safe. Writes return once committed.
 */
public interface ConversationStore {

    /**
     * The conversation if it exists and belongs to {@code studentId}.
     *
     * @throws ConversationAccessException CONVERSATION_NOT_FOUND or CONVERSATION_FORBIDDEN
     */
    Conversation open(String conversationId, String studentId) throws ConversationAccessException;

    /** Every message of the conversation, oldest first (empty for an unknown id). */
    List<StoredMessage> history(String conversationId);

    /** Creates the conversation for the student unless it exists already. */
    void create(String conversationId, String studentId);

    /**
     * Appends a question and its answer (creating the conversation if needed) and marks the
     * conversation as updated, in one transaction.
     */
    void append(String conversationId, String studentId, ConversationTurn turn);
}
