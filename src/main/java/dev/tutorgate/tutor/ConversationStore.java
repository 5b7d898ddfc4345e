package dev.tutorgate.tutor;

import dev.tutorgate.storage.QueuedWrite;
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
    default void append(String conversationId, String studentId, ConversationTurn turn) {
        queueAppend(conversationId, studentId, turn).await();
    }

    /**
     * {@link #append}, handed to the database's writer without waiting: {@code await()} on the
     * result returns once the turn is committed, or throws what {@code append} would have thrown.
     * A write the caller queues after it commits with it or later (see {@code Database.queue}).
     */
    QueuedWrite<?> queueAppend(String conversationId, String studentId, ConversationTurn turn);
}
