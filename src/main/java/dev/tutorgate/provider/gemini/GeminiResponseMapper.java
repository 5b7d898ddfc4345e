package dev.tutorgate.provider.gemini;

import static dev.tutorgate.provider.ChunkParser.count;
import static dev.tutorgate.provider.ChunkParser.flag;
import static dev.tutorgate.provider.ChunkParser.isArray;
import static dev.tutorgate.provider.ChunkParser.isObject;
import static dev.tutorgate.provider.ChunkParser.nextElement;
import static dev.tutorgate.provider.ChunkParser.nextField;
import static dev.tutorgate.provider.ChunkParser.text;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.tutorgate.core.TextSink;
import dev.tutorgate.core.Usage;
import dev.tutorgate.provider.ErrorKind;
import dev.tutorgate.provider.ErrorResponse;
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
 * Reads Gemini's GenerateContentResponse. A non-streamed response and each streamed chunk have the
 * same shape, so both go through {@link #read}, a pull parser that takes only what we use:
 * {@code candidates[0].content.parts[].text} (parts marked {@code thought} are thinking, not
 * answer), {@code candidates[0].finishReason}, {@code usageMetadata}, {@code promptFeedback} and a
 * mid-stream {@code error}.
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
    private static final Set<String> BLOCKED = Set.of(
            "SAFETY", "RECITATION", "BLOCKLIST", "PROHIBITED_CONTENT", "SPII", "IMAGE_SAFETY");

    private GeminiResponseMapper() {
    }

    static ProviderReply reply(InputStream body, RateLimitSnapshot limits) throws IOException, ProviderException {
        ReplyAccumulator reply = new ReplyAccumulator(TextSink.DISCARD, () -> { });
        try (JsonParser p = Json.parser(body)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new JsonParseException(p, "the response is not a JSON object");
            }
            read(p, reply);
        } catch (ProviderException refused) {
            throw refused.withProgress(reply.text(), reply.usage());
        }
        if (reply.finishReason() == null && reply.text().isEmpty()) {
            throw new ProviderException(ErrorKind.STREAM_BROKEN, 0, null, "the response has no candidates");
        }
        return reply.reply(limits);
    }

    /** Reads one response (or chunk), {@code p} on its {@code START_OBJECT}, into the reply. */
    static void read(JsonParser p, ReplyAccumulator reply) throws IOException, ProviderException {
        String finishReason = null;
        String blockReason = null;
        String error = null;
        Usage usage = null;
        for (String field; (field = nextField(p)) != null; ) {
            switch (field) {
                case "candidates" -> finishReason = firstCandidate(p, reply);
                case "usageMetadata" -> usage = usage(p);
                case "promptFeedback" -> blockReason = blockReason(p);
                case "error" -> error = error(p);
                default -> p.skipChildren();
            }
        }
        if (error != null) {
            throw new ProviderException(ErrorKind.STREAM_BROKEN, 200, null, "error event after HTTP 200: " + error);
        }
        if (usage != null) {
            reply.usage(usage); // cumulative: the last chunk's wins
        }
        if (blockReason != null) {
            throw new ProviderException(ErrorKind.CONTENT_BLOCKED, 0, null,
                    "the prompt was blocked (blockReason " + blockReason + ")");
        }
        if (finishReason != null) {
            reply.finishReason(finishReason);
            if (BLOCKED.contains(finishReason)) {
                throw new ProviderException(ErrorKind.CONTENT_BLOCKED, 0, null,
                        "the answer was stopped by the provider (finishReason " + finishReason + ")");
            }
        }
    }

    /** Emits the first candidate's answer text; returns its finish reason (or null). */
    private static String firstCandidate(JsonParser p, ReplyAccumulator reply) throws IOException {
        String finishReason = null;
        if (!isArray(p)) {
            return null;
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
                    case "content" -> parts(p, reply);
                    case "finishReason" -> finishReason = text(p);
                    default -> p.skipChildren();
                }
            }
        }
        return finishReason;
    }

    private static void parts(JsonParser p, ReplyAccumulator reply) throws IOException {
        if (!isObject(p)) {
            return;
        }
        for (String field; (field = nextField(p)) != null; ) {
            if (!field.equals("parts") || !isArray(p)) {
                p.skipChildren();
                continue;
            }
            while (nextElement(p)) {
                if (!isObject(p)) {
                    continue;
                }
                String text = null;
                boolean thought = false;
                for (String partField; (partField = nextField(p)) != null; ) {
                    switch (partField) {
                        case "text" -> text = text(p);
                        case "thought" -> thought = flag(p);
                        default -> p.skipChildren();
                    }
                }
                if (!thought) {
                    reply.text(text);
                }
            }
        }
    }

    private static Usage usage(JsonParser p) throws IOException {
        if (!isObject(p)) {
            return null;
        }
        long prompt = 0;
        long cached = 0;
        long candidates = 0;
        long thoughts = 0;
        long toolUse = 0;
        for (String field; (field = nextField(p)) != null; ) {
            switch (field) {
                case "promptTokenCount" -> prompt = count(p);
                case "cachedContentTokenCount" -> cached = count(p);
                case "candidatesTokenCount" -> candidates = count(p);
                case "thoughtsTokenCount" -> thoughts = count(p);
                case "toolUsePromptTokenCount" -> toolUse = count(p);
                default -> p.skipChildren();
            }
        }
        return ReportedUsage.of(prompt + toolUse, cached, 0, 0, candidates + thoughts, thoughts);
    }

    private static String blockReason(JsonParser p) throws IOException {
        String reason = null;
        if (isObject(p)) {
            for (String field; (field = nextField(p)) != null; ) {
                if (field.equals("blockReason")) {
                    reason = text(p);
                } else {
                    p.skipChildren();
                }
            }
        }
        return reason;
    }

    /** "503 UNAVAILABLE: The model is overloaded…" from {@code {"error":{code,message,status}}}. */
    private static String error(JsonParser p) throws IOException {
        long code = 0;
        String status = null;
        String message = null;
        if (!isObject(p)) {
            return "unknown";
        }
        for (String field; (field = nextField(p)) != null; ) {
            switch (field) {
                case "code" -> code = count(p);
                case "status" -> status = text(p);
                case "message" -> message = text(p);
                default -> p.skipChildren();
            }
        }
        return code + " " + status + ": " + ErrorResponse.excerpt(message);
    }
}
