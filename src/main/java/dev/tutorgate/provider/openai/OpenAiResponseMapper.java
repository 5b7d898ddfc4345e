package dev.tutorgate.provider.openai;

import com.fasterxml.jackson.databind.ObjectReader;
import dev.tutorgate.core.Usage;
import dev.tutorgate.provider.ErrorKind;
import dev.tutorgate.provider.Json;
import dev.tutorgate.provider.ProviderException;
import dev.tutorgate.provider.ProviderReply;
import dev.tutorgate.provider.RateLimitSnapshot;
import dev.tutorgate.provider.ReportedUsage;
import java.io.IOException;
import java.io.InputStream;

/**
 * Maps a non-streamed chat completion, and OpenAI usage to {@link Usage}: {@code prompt_tokens}
 * already includes {@code cached_tokens}, and {@code completion_tokens} already includes
 * {@code reasoning_tokens} — both are breakdowns, never added on top.
 */
final class OpenAiResponseMapper {
    private static final ObjectReader COMPLETION = Json.readerFor(OpenAiWire.ChatCompletion.class);

    private OpenAiResponseMapper() {
    }

    static ProviderReply reply(InputStream body, RateLimitSnapshot limits) throws IOException, ProviderException {
        OpenAiWire.ChatCompletion completion = COMPLETION.readValue(body);
        if (completion == null || completion.choices() == null || completion.choices().isEmpty()) {
            throw new ProviderException(ErrorKind.STREAM_BROKEN, 0, null, "the response has no choices");
        }
        OpenAiWire.Choice choice = completion.choices().get(0);
        String text = choice.message() == null || choice.message().content() == null ? "" : choice.message().content();
        Usage usage = usage(completion.usage());
        checkNotFiltered(choice.finishReason(), text, usage);
        return new ProviderReply(text, usage, choice.finishReason(), limits);
    }

    /** Normalised usage, or null when the response carried none. */
    static Usage usage(OpenAiWire.Usage usage) {
        if (usage == null) {
            return null;
        }
        long cached = usage.promptDetails() == null ? 0 : ReportedUsage.count(usage.promptDetails().cachedTokens());
        long reasoning = usage.completionDetails() == null
                ? 0 : ReportedUsage.count(usage.completionDetails().reasoningTokens());
        return ReportedUsage.of(ReportedUsage.count(usage.promptTokens()), cached, 0, 0,
                ReportedUsage.count(usage.completionTokens()), reasoning);
    }

    /** {@code finish_reason: content_filter}: the provider withheld the answer. */
    static void checkNotFiltered(String finishReason, String text, Usage usage) throws ProviderException {
        if ("content_filter".equals(finishReason)) {
            throw new ProviderException(ErrorKind.CONTENT_BLOCKED, 0, null,
                    "the answer was stopped by the provider's content filter", text, usage, null, null);
        }
    }
}
