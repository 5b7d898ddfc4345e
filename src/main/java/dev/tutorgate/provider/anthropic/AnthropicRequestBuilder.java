package dev.tutorgate.provider.anthropic;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.tutorgate.core.ChatMessage;
import dev.tutorgate.core.Role;
import dev.tutorgate.provider.Json;
import dev.tutorgate.provider.ModelCall;
import java.io.IOException;

/**
 * Writes a Messages request. The system prompt (instructions plus the whole course: long and the
 * same for every student) is sent as a list with one text block marked
 * {@code cache_control: {"type":"ephemeral"}}, so every call after the first reads it from the
 * cache at 0.1× the input price. Below the model's minimum cacheable length (1,024 tokens for
 * Sonnet 4.5) Anthropic silently does not cache; nothing breaks.
 */
final class AnthropicRequestBuilder {
    /** Anthropic's temperature range is 0–1 (OpenAI and Gemini allow up to 2). */
    private static final double MAX_TEMPERATURE = 1.0;

    private AnthropicRequestBuilder() {
    }

    static Json.Body build(ModelCall call, boolean stream, CacheTtl ttl) {
        return Json.body(Json.expectedBytes(call), json -> {
            json.writeStartObject();
            json.writeStringField("model", call.model());
            json.writeNumberField("max_tokens", call.maxOutputTokens());
            if (!call.systemPrompt().isEmpty()) {
                json.writeArrayFieldStart("system");
                json.writeStartObject();
                json.writeStringField("type", "text");
                Json.writeText(json, "text", call.systemPrompt());
                json.writeObjectFieldStart("cache_control");
                json.writeStringField("type", "ephemeral");
                if (ttl.wire() != null) {
                    json.writeStringField("ttl", ttl.wire());
                }
                json.writeEndObject();
                json.writeEndObject();
                json.writeEndArray();
            }
            json.writeArrayFieldStart("messages");
            for (ChatMessage message : call.messages()) {
                message(json, message);
            }
            json.writeEndArray();
            if (call.temperature() != null) {
                json.writeNumberField("temperature", Math.min(Math.max(call.temperature(), 0), MAX_TEMPERATURE));
            }
            if (stream) {
                json.writeBooleanField("stream", true);
            }
            json.writeEndObject();
        });
    }

    private static void message(JsonGenerator json, ChatMessage message) throws IOException {
        json.writeStartObject();
        json.writeStringField("role", message.role() == Role.USER ? "user" : "assistant");
        json.writeStringField("content", message.content());
        json.writeEndObject();
    }
}
