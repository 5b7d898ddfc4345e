package dev.tutorgate.provider.gemini;

import dev.tutorgate.provider.ChunkParser;
import dev.tutorgate.provider.ProviderException;
import dev.tutorgate.provider.ReplyAccumulator;
import dev.tutorgate.provider.SseReader;
import dev.tutorgate.provider.StreamDecoder;
import java.io.IOException;

/**
 * Decodes {@code streamGenerateContent?alt=sse}: plain {@code data:} events, each a whole
 * GenerateContentResponse. There is no end marker — the body just ends — so a stream is complete
 * only if some chunk carried a {@code finishReason}; ending without one means it was cut. Usage is
 * cumulative and repeated on every chunk: the last one read is the one kept.
 */
final class GeminiStreamDecoder implements StreamDecoder {
    private final ChunkParser chunks = new ChunkParser();
    private boolean finished;

    @Override
    public void onEvent(SseReader sse, ReplyAccumulator reply) throws IOException, ProviderException {
        GeminiResponseMapper.read(chunks.open(sse), reply);
        finished = reply.finishReason() != null;
    }

    /** Never: the usage of the last chunk may follow the one with the finish reason. */
    @Override
    public boolean isDone() {
        return false;
    }

    @Override
    public boolean mayEndHere() {
        return finished;
    }
}
