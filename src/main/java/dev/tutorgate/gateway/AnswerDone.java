package dev.tutorgate.gateway;

import dev.tutorgate.core.Usage;
import java.util.List;

/**
 * The end of a successful answer.
 *
 * @param answer    the whole answer text
 * @param costPicos what it cost (all attempts of this request together), see core.Money
 * @param sources   lesson titles the answer is based on
 */
public record AnswerDone(
        String requestId,
        String conversationId,
        String model,
        String complexity,
        String answer,
        Usage usage,
        long costPicos,
        List<String> sources,
        Long ttftMs,
        long latencyMs) {

    public AnswerDone {
        sources = List.copyOf(sources);
    }
}
