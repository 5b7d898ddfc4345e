package dev.tutorgate.provider.openai;

import static dev.tutorgate.provider.ChunkParser.isArray;
import static dev.tutorgate.provider.ChunkParser.isObject;
import static dev.tutorgate.provider.ChunkParser.nextElement;
import static dev.tutorgate.provider.ChunkParser.nextField;
import static dev.tutorgate.provider.ChunkParser.text;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.tutorgate.provider.ChunkParser;
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
 * no usage, and the caller estimates. Chunks are pull-parsed (only {@code choices[0].delta.content}
 * and {@code finish_reason} are read); the rare usage and error objects are databound.
 */
final class OpenAiStreamDecoder implements StreamDecoder {
    private static final ObjectReader USAGE = Json.readerFor(OpenAiWire.Usage.class);
    private static final ObjectReader ERROR = Json.readerFor(OpenAiWire.Error.class);
    private static final byte[] DONE = "[DONE]".getBytes(StandardCharsets.US_ASCII);

    private final ChunkParser chunks = new ChunkParser();
    private boolean done;

    @Override
    public void onEvent(SseReader sse, ReplyAccumulator reply) throws IOException, ProviderException {
        if (sse.dataEquals(DONE)) {
            done = true;
            // checked at the end, so that the refusal carries the usage of the chunk before [DONE]
            OpenAiResponseMapper.checkNotFiltered(reply.finishReason(), reply.text(), reply.usage());
            return;
        }
        JsonParser p = chunks.open(sse);
        for (String field; (field = nextField(p)) != null; ) {
            switch (field) {
                case "choices" -> firstChoice(p, reply);
                case "usage" -> {
                    if (isObject(p)) {
                        reply.usage(OpenAiResponseMapper.usage(USAGE.readValue(p)));
                    }
                }
                case "error" -> {
                    if (isObject(p)) {
                        OpenAiWire.Error error = ERROR.readValue(p);
                        throw new ProviderException(ErrorKind.STREAM_BROKEN, 200, null, "error event after HTTP 200: "
                                + (error.code() != null ? error.code() : error.type()) + ": "
                                + ErrorResponse.excerpt(error.message()));
                    }
                }
                default -> p.skipChildren();
            }
        }
    }

    /** {@code choices[0].delta.content} and {@code choices[0].finish_reason}; other choices are skipped. */
    private static void firstChoice(JsonParser p, ReplyAccumulator reply) throws IOException {
        if (!isArray(p)) {
            return;
        }
        boolean first = true;
        while (nextElement(p)) {
            if (!first) {
                p.skipChildren();
                continue;
            }
            first = false;
            if (!isObject(p)) {
                continue;
            }
            for (String field; (field = nextField(p)) != null; ) {
                switch (field) {
                    case "delta" -> {
                        if (isObject(p)) {
                            for (String deltaField; (deltaField = nextField(p)) != null; ) {
                                if (deltaField.equals("content")) {
                                    reply.text(text(p));
                                } else {
                                    p.skipChildren();
                                }
                            }
                        }
                    }
                    case "finish_reason" -> {
                        String reason = text(p);
                        if (reason != null) {
                            reply.finishReason(reason);
                        }
                    }
                    default -> p.skipChildren();
                }
            }
        }
    }

    @Override
    public boolean isDone() {
        return done;
    }
}
