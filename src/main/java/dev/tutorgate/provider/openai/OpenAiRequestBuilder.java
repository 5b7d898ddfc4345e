package dev.tutorgate.provider.openai;

import dev.tutorgate.core.ChatMessage;
import dev.tutorgate.core.Role;
import dev.tutorgate.provider.Json;
import dev.tutorgate.provider.ModelCall;

/**
 * Writes a chat-completions request. The system prompt (instructions plus the course) goes first
 * and unchanged between calls, so OpenAI's automatic prefix cache hits; {@code prompt_cache_key}
 * keeps calls with the same prefix on the same cache shard.
 */
final class OpenAiRequestBuilder {
    private OpenAiRequestBuilder() {
    }

    static Json.Body build(ModelCall call, boolean stream, OpenAiDialect dialect) {
        return Json.body(Json.expectedBytes(call), json -> {
            json.writeStartObject();
            json.writeStringField("model", call.model());
            json.writeArrayFieldStart("messages");
            if (!call.systemPrompt().isEmpty()) {
                message(json, "system", call.systemPrompt());
            }
            for (ChatMessage message : call.messages()) {
                message(json, message.role() == Role.USER ? "user" : "assistant", message.content());
            }
            json.writeEndArray();
            json.writeNumberField(dialect.maxTokensField(), call.maxOutputTokens());
            if (call.temperature() != null) {
                json.writeNumberField("temperature", call.temperature());
            }
            if (dialect.sendsCacheKey() && call.cacheKey() != null) {
                json.writeStringField("prompt_cache_key", call.cacheKey());
            }
            if (stream) {
                json.writeBooleanField("stream", true);
                json.writeObjectFieldStart("stream_options");
                json.writeBooleanField("include_usage", true);
                json.writeEndObject();
            }
            json.writeEndObject();
        });
    }

    private static void message(com.fasterxml.jackson.core.JsonGenerator json, String role, String content)
            throws java.io.IOException {
        json.writeStartObject();
        json.writeStringField("role", role);
        Json.writeText(json, "content", content);
        json.writeEndObject();
    }
}
