package dev.tutorgate.gateway;

/**
 * What is known before the answer starts.
 *
 * @param fallbackReason null when the routed model answers; otherwise why another one does
 */
public record AnswerMeta(
        String requestId,
        String conversationId,
        String model,
        String complexity,
        String fallbackReason) {
}
