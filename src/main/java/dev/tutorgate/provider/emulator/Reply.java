package dev.tutorgate.provider.emulator;

import dev.tutorgate.core.Usage;

/**
 * A decided successful answer, before it is rendered in a protocol.
 *
 * @param id the response id (chatcmpl-…, msg_…, Gemini responseId)
 * @param createdSec creation time, epoch seconds
 * @param answer the answer, one token per piece (the first without a leading space)
 * @param truncated whether the request's output cap cut the answer short
 * @param usage the usage to report, in tutorgate's normalised meaning (inputTokens include cache reads and writes)
 */
record Reply(String id, String model, long createdSec, AnswerComposer.Answer answer, boolean truncated, Usage usage,
             EmulatedRequest request) {

    String[] pieces() {
        return answer.pieces();
    }

    int answerTokens() {
        return answer.pieces().length;
    }

    /** The whole answer as a JSON string literal, quotes included. */
    String textJson() {
        return answer.json();
    }

    /** Output tokens reported once {@code sent} answer tokens are out (thinking comes first). */
    long outputTokensAfter(int sent) {
        return usage.reasoningTokens() + sent;
    }
}
