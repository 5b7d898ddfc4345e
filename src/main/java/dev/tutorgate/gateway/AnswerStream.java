package dev.tutorgate.gateway;

import dev.tutorgate.core.TextSink;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The student's side of one request: sends {@link AnswerMeta} once, before the first piece of
 * text, naming the model that actually produced it, then the deltas; remembers whether text has
 * reached the student and whether the student has gone away. Confined to the request's thread.
 */
public final class AnswerStream {
    private static final Logger log = LoggerFactory.getLogger(AnswerStream.class);

    private final String requestId;
    private final String conversationId;
    private final String complexity;
    private final AnswerListener listener;
    private boolean metaSent;
    private boolean textStarted;
    private boolean clientGone;
    private long firstTextNanos = -1;

    AnswerStream(String requestId, String conversationId, String complexity, AnswerListener listener) {
        this.requestId = requestId;
        this.conversationId = conversationId;
        this.complexity = complexity;
        this.listener = listener;
    }

    /** The sink for one attempt: its first text announces {@code candidate} as the answering model. */
    public TextSink sinkFor(Candidate candidate, String fallbackReason) {
        return delta -> deliver(candidate, fallbackReason, delta);
    }

    private boolean deliver(Candidate candidate, String fallbackReason, String delta) {
        if (clientGone) {
            return false;
        }
        if (delta == null || delta.isEmpty()) {
            return true;
        }
        meta(candidate, fallbackReason);
        if (!textStarted) {
            textStarted = true;
            firstTextNanos = System.nanoTime();
        }
        try {
            clientGone = !listener.onDelta(delta);
        } catch (RuntimeException e) {
            log.warn("request {}: the listener failed on a delta; treating the client as gone", requestId, e);
            clientGone = true;
        }
        return !clientGone;
    }

    /** Sends the meta event unless it was sent already. */
    void meta(Candidate candidate, String fallbackReason) {
        if (!metaSent) {
            metaSent = true;
            listener.onMeta(new AnswerMeta(requestId, conversationId, candidate.model(), complexity, fallbackReason));
        }
    }

    /** Whether any answer text has reached the student (nothing may be spliced on after it). */
    public boolean textStarted() {
        return textStarted;
    }

    /** Whether the student has gone away (a delta was refused). */
    public boolean clientGone() {
        return clientGone;
    }

    /** System.nanoTime() of the first text, or -1. */
    long firstTextNanos() {
        return firstTextNanos;
    }
}
