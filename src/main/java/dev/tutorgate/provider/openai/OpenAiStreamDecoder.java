package dev.tutorgate.provider.openai;

import com.fasterxml.jackson.databind.ObjectReader;
import dev.tutorgate.provider.ErrorKind;
import dev.tutorgate.provider.ErrorResponse;
import dev.tutorgate.provider.Json;
import dev.tutorgate.provider.ProviderException;
import dev.tutorgate.provider.ReplyAccumulator;
import dev.tutorgate.provider.SseReader;
import dev.tutorgate.provider.StreamDecoder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Decodes {@code data: {chat.completion.chunk}} events up to {@code data: [DONE]}. With
 * {@code include_usage}, usage arrives once, in a chunk with {@code choices: []} just before
 * [DONE]; every other chunk has {@code usage: null}. A stream cut before that chunk therefore has
 * no usage, and the caller estimates.
 */
final class OpenAiStreamDecoder implements StreamDecoder {
    private static final ObjectReader CHUNK = Json.readerFor(OpenAiWire.Chunk.class);
    private static final byte[] DONE = "[DONE]".getBytes(StandardCharsets.US_ASCII);

    private boolean done;

    @Override
    public void onEvent(SseReader sse, ReplyAccumulator reply) throws IOException, ProviderException {
        if (sse.dataEquals(DONE)) {
            done = true;
            // checked at the end, so that the refusal carries the usage of the chunk before [DONE]
            OpenAiResponseMapper.checkNotFiltered(reply.finishReason(), reply.text(), reply.usage());
            return;
        }
        OpenAiWire.Chunk chunk = CHUNK.readValue(sse.data(), 0, sse.dataLength());
        if (chunk.error() != null) {
            OpenAiWire.Error error = chunk.error();
            throw new ProviderException(ErrorKind.STREAM_BROKEN, 200, null, "error event after HTTP 200: "
                    + (error.code() != null ? error.code() : error.type()) + ": " + ErrorResponse.excerpt(error.message()));
        }
        if (chunk.choices() != null && !chunk.choices().isEmpty()) {
            OpenAiWire.Choice choice = chunk.choices().get(0);
            if (choice.delta() != null) {
                reply.text(choice.delta().content());
            }
            if (choice.finishReason() != null) {
                reply.finishReason(choice.finishReason());
            }
        }
        if (chunk.usage() != null) {
            reply.usage(OpenAiResponseMapper.usage(chunk.usage()));
        }
    }

    @Override
    public boolean isDone() {
        return done;
    }
}
