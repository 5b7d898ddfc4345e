package dev.tutorgate.provider.anthropic;

import static dev.tutorgate.provider.ChunkParser.isObject;
import static dev.tutorgate.provider.ChunkParser.nextField;
import static dev.tutorgate.provider.ChunkParser.text;
import static dev.tutorgate.provider.ChunkParser.textIs;

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

/**
 * Decodes Anthropic's named events: {@code message_start} → ({@code content_block_start} →
 * {@code content_block_delta}* → {@code content_block_stop})* → {@code message_delta} →
 * {@code message_stop}, with {@code ping}s anywhere. Only {@code text_delta}s are answer text
 * (thinking and signatures are not shown). An {@code error} event — possible after HTTP 200, e.g.
 * {@code overloaded_error} — ends the call as {@code STREAM_BROKEN}, whatever its type: the answer
 * already started, so it is a broken stream first (retryable all the same).
 *
 * <p>Events are pull-parsed; the usage objects (once or twice per stream) and errors are databound.
 */
final class AnthropicStreamDecoder implements StreamDecoder {
    private static final ObjectReader USAGE = Json.readerFor(AnthropicWire.Usage.class);
    private static final ObjectReader ERROR = Json.readerFor(AnthropicWire.Error.class);

    private final ChunkParser chunks = new ChunkParser();
    private final AnthropicUsageMapper usage;
    private boolean done;

    AnthropicStreamDecoder(CacheTtl sentTtl) {
        this.usage = new AnthropicUsageMapper(sentTtl);
    }

    /** The fields of one event that matter, whatever their order in the JSON. */
    private static final class Event {
        String type;
        boolean answerText;
        String text;
        String stopReason;
        AnthropicWire.Usage usage;
        AnthropicWire.Error error;
    }

    @Override
    public void onEvent(SseReader sse, ReplyAccumulator reply) throws IOException, ProviderException {
        if ("ping".equals(sse.event())) {
            return;
        }
        // Anthropic names every event, and the name repeats the JSON's "type": use the name
        Event event = read(chunks.open(sse), sse.event() == null);
        String type = sse.event() != null ? sse.event() : event.type;
        if (type == null) {
            return;
        }
        switch (type) {
            case "content_block_delta", "content_block_start" -> {
                if (event.answerText) {
                    reply.text(event.text);
                }
            }
            case "message_start", "message_delta" -> {
                usage.merge(event.usage);
                if (usage.hasAny()) {
                    reply.usage(usage.usage());
                }
                if (event.stopReason != null) {
                    reply.finishReason(event.stopReason);
                    AnthropicResponseMapper.checkNotRefused(event.stopReason, reply.text(), reply.usage());
                }
            }
            case "message_stop" -> done = true;
            case "error" -> throw new ProviderException(ErrorKind.STREAM_BROKEN, 200, null, "error event after HTTP 200: "
                    + (event.error == null ? "unknown" : event.error.type() + ": "
                    + ErrorResponse.excerpt(event.error.message())));
            default -> {
                // content_block_stop, and event types added after this was written
            }
        }
    }

    private static Event read(JsonParser p, boolean needType) throws IOException {
        Event event = new Event();
        for (String field; (field = nextField(p)) != null; ) {
            switch (field) {
                case "type" -> event.type = needType ? text(p) : null;
                case "delta", "content_block" -> block(p, event);
                case "usage" -> event.usage = isObject(p) ? USAGE.readValue(p) : null;
                case "message" -> messageUsage(p, event);
                case "error" -> event.error = isObject(p) ? ERROR.readValue(p) : null;
                default -> p.skipChildren();
            }
        }
        return event;
    }

    /** {@code delta} ({@code text_delta}, {@code message_delta}'s stop reason) or {@code content_block}. */
    private static void block(JsonParser p, Event event) throws IOException {
        if (!isObject(p)) {
            return;
        }
        for (String field; (field = nextField(p)) != null; ) {
            switch (field) {
                // text_delta in a content_block_delta, text in a content_block_start; not thinking
                case "type" -> event.answerText = textIs(p, "text_delta") || textIs(p, "text");
                case "text" -> event.text = text(p);
                case "stop_reason" -> event.stopReason = text(p);
                default -> p.skipChildren();
            }
        }
    }

    /** {@code message_start.message.usage}. */
    private static void messageUsage(JsonParser p, Event event) throws IOException {
        if (!isObject(p)) {
            return;
        }
        for (String field; (field = nextField(p)) != null; ) {
            if (field.equals("usage") && isObject(p)) {
                event.usage = USAGE.readValue(p);
            } else {
                p.skipChildren();
            }
        }
    }

    @Override
    public boolean isDone() {
        return done;
    }
}
