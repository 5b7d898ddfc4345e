package dev.tutorgate.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The wire protocol a provider account speaks. */
public enum ProviderType {
    GEMINI("gemini", "https://generativelanguage.googleapis.com"),
    OPENAI("openai", "https://api.openai.com"),
    ANTHROPIC("anthropic", "https://api.anthropic.com"),
    /** OpenAI's chat-completions protocol at any base URL: vLLM, Ollama, llama.cpp server… */
    OPENAI_COMPATIBLE("openai-compatible", null);

    private final String id;
    private final String defaultBaseUrl;

    ProviderType(String id, String defaultBaseUrl) {
        this.id = id;
        this.defaultBaseUrl = defaultBaseUrl;
    }

    @JsonValue
    public String id() {
        return id;
    }

    /** The vendor's public endpoint, or null when the user must give one. */
    public String defaultBaseUrl() {
        return defaultBaseUrl;
    }

    @JsonCreator
    public static ProviderType fromId(String id) {
        String wanted = id == null ? "" : id.trim().toLowerCase(Locale.ROOT);
        for (ProviderType type : values()) {
            if (type.id.equals(wanted)) {
                return type;
            }
        }
        throw new IllegalArgumentException("unknown provider type '" + id + "' (expected one of "
                + Arrays.stream(values()).map(ProviderType::id).collect(Collectors.joining(", ")) + ")");
    }
}
