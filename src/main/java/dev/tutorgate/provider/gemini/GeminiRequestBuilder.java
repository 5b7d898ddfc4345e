package dev.tutorgate.provider.gemini;

import dev.tutorgate.core.ChatMessage;
import dev.tutorgate.core.Role;
import dev.tutorgate.provider.Json;
import dev.tutorgate.provider.ModelCall;

/**
 * Writes a generateContent request. The system prompt (instructions plus the course) goes in
 * {@code systemInstruction}, which Gemini places before the contents: an identical, long prefix on
 * every call, which is what Gemini 2.5's implicit caching needs to bill it at the cached rate
 * (from 1,024–2,048 prompt tokens; no storage fee, no code beyond keeping the prefix stable).
 */
final class GeminiRequestBuilder {
    private GeminiRequestBuilder() {
    }

    static Json.Body build(ModelCall call) {
        return Json.body(Json.expectedBytes(call), json -> {
            json.writeStartObject();
            if (!call.systemPrompt().isEmpty()) {
                json.writeObjectFieldStart("systemInstruction");
                json.writeArrayFieldStart("parts");
                json.writeStartObject();
                Json.writeText(json, "text", call.systemPrompt());
                json.writeEndObject();
                json.writeEndArray();
                json.writeEndObject();
            }
            json.writeArrayFieldStart("contents");
            for (ChatMessage message : call.messages()) {
                json.writeStartObject();
                json.writeStringField("role", message.role() == Role.USER ? "user" : "model");
                json.writeArrayFieldStart("parts");
                json.writeStartObject();
                json.writeStringField("text", message.content());
                json.writeEndObject();
                json.writeEndArray();
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeObjectFieldStart("generationConfig");
            json.writeNumberField("maxOutputTokens", call.maxOutputTokens());
            if (call.temperature() != null) {
                json.writeNumberField("temperature", call.temperature());
            }
            json.writeEndObject();
            json.writeEndObject();
        });
    }
}
