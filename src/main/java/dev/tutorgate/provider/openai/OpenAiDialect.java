package dev.tutorgate.provider.openai;

/**
 * OpenAI itself, or a server that speaks its chat-completions protocol (vLLM, Ollama, llama.cpp
 * server). The differences are in what the request may contain.
 */
public enum OpenAiDialect {
    /** api.openai.com: {@code max_completion_tokens} ({@code max_tokens} is deprecated), prompt_cache_key. */
    OPENAI("max_completion_tokens", true),
    /**
     * Self-hosted servers: {@code max_tokens}, the one field all of them know; no
     * {@code prompt_cache_key} (strict servers reject unknown fields; vLLM and llama.cpp reuse a
     * common prefix on their own).
     */
    COMPATIBLE("max_tokens", false);

    private final String maxTokensField;
    private final boolean sendsCacheKey;

    OpenAiDialect(String maxTokensField, boolean sendsCacheKey) {
        this.maxTokensField = maxTokensField;
        this.sendsCacheKey = sendsCacheKey;
    }

    String maxTokensField() {
        return maxTokensField;
    }

    boolean sendsCacheKey() {
        return sendsCacheKey;
    }
}
