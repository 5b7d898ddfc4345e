package dev.tutorgate.provider.gemini;

import com.fasterxml.jackson.databind.ObjectReader;
import dev.tutorgate.core.TextSink;
import dev.tutorgate.core.Usage;
import dev.tutorgate.provider.ErrorKind;
import dev.tutorgate.provider.Json;
import dev.tutorgate.provider.ProviderException;
import dev.tutorgate.provider.ProviderReply;
import dev.tutorgate.provider.RateLimitSnapshot;
import dev.tutorgate.provider.ReplyAccumulator;
import dev.tutorgate.provider.ReportedUsage;
import java.io.IOException;
import java.io.InputStream;
import java.util.Set;

/**
 * Maps Gemini responses. A non-streamed response and each streamed chunk have the same shape, so
 * both go through {@link #accept}.
 *
 * <p>Usage: {@code promptTokenCount} already includes {@code cachedContentTokenCount};
 * {@code thoughtsTokenCount} is <em>separate</em> from {@code candidatesTokenCount} and billed as
 * output. So input = prompt (+ toolUsePrompt), cached = cachedContent, output = candidates +
 * thoughts, reasoning = thoughts.
 *
 * <p>Refusals become {@code CONTENT_BLOCKED}: {@code promptFeedback.blockReason} (the prompt was
 * blocked, no candidates), or a candidate finishing with a safety-type reason.
 */
final class GeminiResponseMapper {
    static final ObjectReader RESPONSE = Json.readerFor(GeminiWire.Response.class);
    private static final Set<String> BLOCKED = Set.of(
            "SAFETY", "RECITATION", "BLOCKLIST", "PROHIBITED_CONTENT", "SPII", "IMAGE_SAFETY");

    private GeminiResponseMapper() {
    }

    static ProviderReply reply(InputStream body, RateLimitSnapshot limits) throws IOException, ProviderException {
        GeminiWire.Response response = RESPONSE.readValue(body);
        ReplyAccumulator reply = new ReplyAccumulator(TextSink.DISCARD, () -> { });
        try {
            accept(response, reply);
        } catch (ProviderException refused) {
            throw refused.withProgress(reply.text(), reply.usage());
        }
        if (reply.finishReason() == null && reply.text().isEmpty()) {
            throw new ProviderException(ErrorKind.STREAM_BROKEN, 0, null, "the response has no candidates");
        }
        return reply.reply(limits);
    }

    /** Applies one response (or chunk) to the accumulated reply. */
    static void accept(GeminiWire.Response response, ReplyAccumulator reply) throws ProviderException {
        if (response == null) {
            throw new ProviderException(ErrorKind.STREAM_BROKEN, 0, null, "an empty response");
        }
        if (response.error() != null) {
            GeminiWire.Error error = response.error();
            throw new ProviderException(ErrorKind.STREAM_BROKEN, 200, null, "error event after HTTP 200: "
                    + error.code() + " " + error.status() + ": "
                    + dev.tutorgate.provider.ErrorResponse.excerpt(error.message()));
        }
        if (response.usageMetadata() != null) {
            reply.usage(usage(response.usageMetadata())); // cumulative: the last one wins
        }
        if (response.promptFeedback() != null && response.promptFeedback().blockReason() != null) {
            throw new ProviderException(ErrorKind.CONTENT_BLOCKED, 0, null,
                    "the prompt was blocked (blockReason " + response.promptFeedback().blockReason() + ")");
        }
        if (response.candidates() == null || response.candidates().isEmpty()) {
            return;
        }
        GeminiWire.Candidate candidate = response.candidates().get(0);
        if (candidate.content() != null && candidate.content().parts() != null) {
            for (GeminiWire.Part part : candidate.content().parts()) {
                if (!Boolean.TRUE.equals(part.thought())) {
                    reply.text(part.text());
                }
            }
        }
        String finish = candidate.finishReason();
        if (finish != null) {
            reply.finishReason(finish);
            if (BLOCKED.contains(finish)) {
                throw new ProviderException(ErrorKind.CONTENT_BLOCKED, 0, null,
                        "the answer was stopped by the provider (finishReason " + finish + ")");
            }
        }
    }

    static Usage usage(GeminiWire.UsageMetadata u) {
        long thoughts = ReportedUsage.count(u.thoughtsTokenCount());
        return ReportedUsage.of(
                ReportedUsage.count(u.promptTokenCount()) + ReportedUsage.count(u.toolUsePromptTokenCount()),
                ReportedUsage.count(u.cachedContentTokenCount()), 0, 0,
                ReportedUsage.count(u.candidatesTokenCount()) + thoughts, thoughts);
    }
}
