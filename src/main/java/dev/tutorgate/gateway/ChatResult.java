package dev.tutorgate.gateway;

import java.util.List;

/** What a step of the chain hands back to the one before it. */
public sealed interface ChatResult {

    /** A complete answer. */
    record Answered(AnswerDone done) implements ChatResult {
    }

    /** No (complete) answer, and why. */
    record Failed(ChatFailure failure) implements ChatResult {
    }

    /** From the dispatch step to settle: the calls made, not yet priced or recorded. */
    record Dispatched(List<CallAttempt> attempts) implements ChatResult {
        public Dispatched {
            attempts = List.copyOf(attempts);
        }
    }
}
