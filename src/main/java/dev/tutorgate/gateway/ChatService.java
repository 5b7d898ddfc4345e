package dev.tutorgate.gateway;

/**
 * Answers a student's question: validate → rate limit → route → assemble the context → reserve
 * budget → dispatch (retries, fallbacks) → settle (cost, ledger, history). Blocks the calling
 * virtual thread until the answer is complete; reports progress to the listener.
 */
public interface ChatService {
    void answer(ChatCommand command, AnswerListener listener);
}
