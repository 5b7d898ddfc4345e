package dev.tutorgate.provider.anthropic;

import com.fasterxml.jackson.databind.ObjectReader;
import dev.tutorgate.core.Usage;
import dev.tutorgate.provider.ErrorKind;
import dev.tutorgate.provider.Json;
import dev.tutorgate.provider.ProviderException;
import dev.tutorgate.provider.ProviderReply;
import dev.tutorgate.provider.RateLimitSnapshot;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/** Maps a non-streamed Messages response: the text blocks joined (thinking blocks skipped). */
final class AnthropicResponseMapper {
    private static final ObjectReader MESSAGE = Json.readerFor(AnthropicWire.Message.class);

    private AnthropicResponseMapper() {
    }

    static ProviderReply reply(InputStream body, RateLimitSnapshot limits, CacheTtl sentTtl)
            throws IOException, ProviderException {
        AnthropicWire.Message message = MESSAGE.readValue(body);
        if (message == null || message.content() == null) {
            throw new ProviderException(ErrorKind.STREAM_BROKEN, 0, null, "the response has no content");
        }
        String text = text(message.content());
        Usage usage = AnthropicUsageMapper.map(message.usage(), sentTtl);
        checkNotRefused(message.stopReason(), text, usage);
        return new ProviderReply(text, usage, message.stopReason(), limits);
    }

    /** {@code stop_reason: refusal}: the model declined for safety reasons. */
    static void checkNotRefused(String stopReason, String text, Usage usage) throws ProviderException {
        if ("refusal".equals(stopReason)) {
            throw new ProviderException(ErrorKind.CONTENT_BLOCKED, 0, null, "the model refused to answer (stop_reason refusal)",
                    text, usage, null, null);
        }
    }

    private static String text(List<AnthropicWire.ContentBlock> blocks) {
        if (blocks.size() == 1) {
            AnthropicWire.ContentBlock only = blocks.get(0);
            return "text".equals(only.type()) && only.text() != null ? only.text() : "";
        }
        StringBuilder text = new StringBuilder();
        for (AnthropicWire.ContentBlock block : blocks) {
            if ("text".equals(block.type()) && block.text() != null) {
                text.append(block.text());
            }
        }
        return text.toString();
    }
}
