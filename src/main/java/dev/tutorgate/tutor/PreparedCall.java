package dev.tutorgate.tutor;

import dev.tutorgate.provider.ModelCall;
import java.util.Objects;

/**
 * A model call ready to send, with what the budget and the ledger need to know about its size.
 *
 * @param estimatedInputTokens our count of the whole prompt (system prompt, history, question)
 * @param worstCaseInputTokens the most the provider may count (estimate + margin): the budget reserves this
 * @param droppedTurns         history turns left out to fit the model's window
 * @param summaryKept          whether the conversation's summary is in the prompt
 */
public record PreparedCall(
        ModelCall call,
        long estimatedInputTokens,
        long worstCaseInputTokens,
        int droppedTurns,
        boolean summaryKept) {

    public PreparedCall {
        Objects.requireNonNull(call, "call");
    }
}
