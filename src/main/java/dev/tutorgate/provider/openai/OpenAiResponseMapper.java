package dev.tutorgate.provider.openai;

import static dev.tutorgate.provider.ChunkParser.isArray;
import static dev.tutorgate.provider.ChunkParser.isObject;
import static dev.tutorgate.provider.ChunkParser.nextElement;
import static dev.tutorgate.provider.ChunkParser.nextField;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.tutorgate.provider.ChunkParser;
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
 *
 * <p>The completion is pull-parsed like the stream's chunks (only {@code choices[0].message.content},
 * its {@code finish_reason} and {@code usage} are read): binding the whole response into records
 * buffered every field and was a twentieth of the gateway's CPU per request.
 */
final class OpenAiResponseMapper {
    private static final ObjectReader USAGE = Json.readerFor(OpenAiWire.Usage.class);

    private OpenAiResponseMapper() {
    }

    static ProviderReply reply(InputStream body, RateLimitSnapshot limits) throws IOException, ProviderException {
        String text = null;
        String finishReason = null;
        int choices = 0;
        boolean answered = false;
        Usage usage = null;
        try (JsonParser p = Json.parser(body)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new JsonParseException(p, "the response is not a JSON object");
            }
            for (String field; (field = nextField(p)) != null; ) {
                switch (field) {
                    case "choices" -> {
                        if (isArray(p)) {
                            while (nextElement(p)) {
                                if (choices++ > 0 || !isObject(p)) {
                                    p.skipChildren(); // only the first choice is the answer
                                    continue;
                                }
                                answered = true;
                                for (String choiceField; (choiceField = nextField(p)) != null; ) {
                                    switch (choiceField) {
                                        case "message" -> text = content(p);
                                        case "finish_reason" -> finishReason = ChunkParser.text(p);
                                        default -> p.skipChildren();
                                    }
                                }
                            }
                        }
                    }
                    case "usage" -> {
                        if (isObject(p)) {
                            usage = usage(USAGE.readValue(p));
                        }
                    }
                    default -> p.skipChildren();
                }
            }
        }
        if (!answered) {
            throw new ProviderException(ErrorKind.STREAM_BROKEN, 0, null, "the response has no choices");
        }
        String answer = text == null ? "" : text;
        checkNotFiltered(finishReason, answer, usage);
        return new ProviderReply(answer, usage, finishReason, limits);
    }

    /** {@code message.content}, or null. */
    private static String content(JsonParser p) throws IOException {
        String content = null;
        if (isObject(p)) {
            for (String field; (field = nextField(p)) != null; ) {
                if (field.equals("content")) {
                    content = ChunkParser.text(p);
                } else {
                    p.skipChildren();
                }
            }
        }
        return content;
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
