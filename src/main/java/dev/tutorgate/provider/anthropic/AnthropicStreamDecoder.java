package dev.tutorgate.provider.anthropic;

import com.fasterxml.jackson.databind.ObjectReader;
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
 */
final class AnthropicStreamDecoder implements StreamDecoder {
    private static final ObjectReader EVENT = Json.readerFor(AnthropicWire.Event.class);

    private final AnthropicUsageMapper usage;
    private boolean done;

    AnthropicStreamDecoder(CacheTtl sentTtl) {
        this.usage = new AnthropicUsageMapper(sentTtl);
    }

    @Override
    public void onEvent(SseReader sse, ReplyAccumulator reply) throws IOException, ProviderException {
        if ("ping".equals(sse.event())) {
            return;
        }
        AnthropicWire.Event event = EVENT.readValue(sse.data(), 0, sse.dataLength());
        String type = event.type() != null ? event.type() : sse.event();
        if (type == null) {
            return;
        }
        switch (type) {
            case "content_block_delta" -> {
                if (event.delta() != null && "text_delta".equals(event.delta().type())) {
                    reply.text(event.delta().text());
                }
            }
            case "content_block_start" -> {
                if (event.contentBlock() != null && "text".equals(event.contentBlock().type())) {
                    reply.text(event.contentBlock().text());
                }
            }
            case "message_start" -> {
                if (event.message() != null) {
                    usage.merge(event.message().usage());
                    report(reply);
                }
            }
            case "message_delta" -> {
                usage.merge(event.usage());
                report(reply);
                if (event.delta() != null && event.delta().stopReason() != null) {
                    reply.finishReason(event.delta().stopReason());
                    AnthropicResponseMapper.checkNotRefused(event.delta().stopReason(), reply.text(), reply.usage());
                }
            }
            case "message_stop" -> done = true;
            case "error" -> {
                AnthropicWire.Error error = event.error();
                throw new ProviderException(ErrorKind.STREAM_BROKEN, 200, null, "error event after HTTP 200: "
                        + (error == null ? "unknown" : error.type() + ": " + ErrorResponse.excerpt(error.message())));
            }
            default -> {
                // content_block_stop, ping, and event types added after this was written
            }
        }
    }

    private void report(ReplyAccumulator reply) {
        if (usage.hasAny()) {
            reply.usage(usage.usage());
        }
    }

    @Override
    public boolean isDone() {
        return done;
    }
}
