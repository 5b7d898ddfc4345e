package dev.tutorgate.gateway;

/**
 * Receives one answer as it happens. The service calls {@link #onMeta} at most once before any
 * delta, then any number of {@link #onDelta}, then exactly one of {@link #onDone} or
 * {@link #onError} — exactly one outcome per request, whatever happens.
 */
public interface AnswerListener {
    void onMeta(AnswerMeta meta);

    /** A piece of the answer. Returns false when the client has gone away. */
    boolean onDelta(String text);

    void onDone(AnswerDone done);

    void onError(ChatFailure failure);
}
