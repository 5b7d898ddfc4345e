package dev.tutorgate.web.openai;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.tutorgate.core.Usage;
import dev.tutorgate.gateway.AnswerDone;
import dev.tutorgate.web.Json;
import dev.tutorgate.web.chat.AnswerJson;
import java.io.IOException;

/**
 * OpenAI's response objects: {@code chat.completion} and {@code chat.completion.chunk}. tutorgate's
 * own figures (request id, complexity, exact cost as a decimal string, sources) ride along in an
 * extra {@code x_tutorgate} object that OpenAI clients ignore.
 */
final class OpenAiJson {
    private OpenAiJson() {
    }

    static String completion(String id, long created, AnswerDone done) {
        return Json.write(g -> {
            g.writeStartObject();
            head(g, id, "chat.completion", created, done.model());
            g.writeArrayFieldStart("choices");
            g.writeStartObject();
            g.writeNumberField("index", 0);
            g.writeObjectFieldStart("message");
            g.writeStringField("role", "assistant");
            g.writeStringField("content", done.answer());
            g.writeNullField("refusal");
            g.writeEndObject();
            g.writeNullField("logprobs");
            g.writeStringField("finish_reason", "stop");
            g.writeEndObject();
            g.writeEndArray();
            usage(g, done.usage());
            extension(g, done);
            g.writeEndObject();
        });
    }

    /** A content chunk; {@code role} only on the first. */
    static String chunk(String id, long created, String model, String role, String content) {
        StringBuilder out = new StringBuilder(128 + content.length());
        out.append("{\"id\":").append(Json.quote(id))
                .append(",\"object\":\"chat.completion.chunk\",\"created\":").append(created)
                .append(",\"model\":").append(Json.quote(model))
                .append(",\"system_fingerprint\":null,\"choices\":[{\"index\":0,\"delta\":{");
        if (role != null) {
            out.append("\"role\":").append(Json.quote(role)).append(',');
        }
        out.append("\"content\":").append(Json.quote(content))
                .append("},\"logprobs\":null,\"finish_reason\":null}]}");
        return out.toString();
    }

    /** The chunk that ends the choice. */
    static String finish(String id, long created, String model) {
        return Json.write(g -> {
            g.writeStartObject();
            head(g, id, "chat.completion.chunk", created, model);
            g.writeArrayFieldStart("choices");
            g.writeStartObject();
            g.writeNumberField("index", 0);
            g.writeObjectFieldStart("delta");
            g.writeEndObject();
            g.writeNullField("logprobs");
            g.writeStringField("finish_reason", "stop");
            g.writeEndObject();
            g.writeEndArray();
            g.writeEndObject();
        });
    }

    /** The final usage chunk: no choices, the usage of the whole answer (as with include_usage). */
    static String usageChunk(String id, long created, AnswerDone done) {
        return Json.write(g -> {
            g.writeStartObject();
            head(g, id, "chat.completion.chunk", created, done.model());
            g.writeArrayFieldStart("choices");
            g.writeEndArray();
            usage(g, done.usage());
            extension(g, done);
            g.writeEndObject();
        });
    }

    private static void head(JsonGenerator g, String id, String object, long created, String model) throws IOException {
        g.writeStringField("id", id);
        g.writeStringField("object", object);
        g.writeNumberField("created", created);
        g.writeStringField("model", model);
        g.writeNullField("system_fingerprint");
    }

    private static void usage(JsonGenerator g, Usage usage) throws IOException {
        Usage u = usage == null ? Usage.ZERO : usage;
        g.writeObjectFieldStart("usage");
        g.writeNumberField("prompt_tokens", u.inputTokens());
        g.writeNumberField("completion_tokens", u.outputTokens());
        g.writeNumberField("total_tokens", u.totalTokens());
        g.writeObjectFieldStart("prompt_tokens_details");
        g.writeNumberField("cached_tokens", u.cachedInputTokens());
        g.writeEndObject();
        g.writeObjectFieldStart("completion_tokens_details");
        g.writeNumberField("reasoning_tokens", u.reasoningTokens());
        g.writeEndObject();
        g.writeEndObject();
    }

    private static void extension(JsonGenerator g, AnswerDone done) throws IOException {
        g.writeObjectFieldStart("x_tutorgate");
        g.writeStringField("requestId", done.requestId());
        g.writeStringField("complexity", done.complexity());
        g.writeStringField("costUsd", AnswerJson.costUsd(done.costPicos()));
        g.writeArrayFieldStart("sources");
        for (String source : done.sources()) {
            g.writeString(source);
        }
        g.writeEndArray();
        g.writeEndObject();
    }
}
