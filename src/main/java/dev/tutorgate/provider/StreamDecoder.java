package dev.tutorgate.provider;

import java.io.IOException;

/**
 * Turns one vendor's SSE events into text, usage and a finish reason. One instance per call; it
 * keeps whatever state the vendor's framing needs (e.g. Anthropic's usage split between
 * message_start and message_delta).
 */
public interface StreamDecoder {

    /**
     * Handles the event {@code sse} is positioned on.
     *
     * @throws ProviderException for an error event or a refusal in the stream
     * @throws IOException       for malformed JSON
     */
    void onEvent(SseReader sse, ReplyAccumulator reply) throws IOException, ProviderException;

    /** The end marker arrived ({@code [DONE]}, {@code message_stop}): nothing more is expected. */
    boolean isDone();

    /** Whether the body may end here without the stream being cut (Gemini has no end marker). */
    default boolean mayEndHere() {
        return isDone();
    }

    /** How a stream ended. */
    enum End { COMPLETE, CANCELLED, CUT }

    /** Feeds every event of {@code sse} to {@code decoder} until the end marker, the end of the body or a cancel. */
    static End readAll(SseReader sse, StreamDecoder decoder, ReplyAccumulator reply)
            throws IOException, ProviderException {
        while (!decoder.isDone() && sse.next()) {
            decoder.onEvent(sse, reply);
            if (reply.cancelled()) {
                return End.CANCELLED;
            }
        }
        return decoder.mayEndHere() ? End.COMPLETE : End.CUT;
    }
}
