package dev.tutorgate.tutor;

import dev.tutorgate.core.ErrorCode;

/** A conversation that does not exist, or belongs to another student. */
public final class ConversationAccessException extends Exception {
    private final ErrorCode code;

    private ConversationAccessException(ErrorCode code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    public static ConversationAccessException notFound(String conversationId) {
        return new ConversationAccessException(ErrorCode.CONVERSATION_NOT_FOUND,
                "conversation " + conversationId + " does not exist");
    }

    public static ConversationAccessException forbidden(String conversationId) {
        return new ConversationAccessException(ErrorCode.CONVERSATION_FORBIDDEN,
                "conversation " + conversationId + " belongs to another student");
    }

    /** CONVERSATION_NOT_FOUND or CONVERSATION_FORBIDDEN. */
    public ErrorCode code() {
        return code;
    }
}
