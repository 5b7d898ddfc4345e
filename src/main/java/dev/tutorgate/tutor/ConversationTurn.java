package dev.tutorgate.tutor;

import java.util.List;
import java.util.Objects;

/**
 * A question and its complete answer, appended to a conversation together so that history is
 * always made of whole user/assistant pairs.
 *
 * @param questionTokens token count of the question (as counted for the prompt)
 * @param answerTokens   token count of the answer (the provider's output count when it reported one)
 * @param model          the model that answered ("offline" for course excerpts)
 * @param sources        lesson titles the answer is based on
 */
public record ConversationTurn(
        String requestId,
        String question,
        int questionTokens,
        String answer,
        int answerTokens,
        String model,
        List<String> sources) {

    public ConversationTurn {
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(question, "question");
        Objects.requireNonNull(answer, "answer");
        sources = sources == null ? List.of() : List.copyOf(sources);
    }
}
