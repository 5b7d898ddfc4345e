package dev.tutorgate.provider.openai;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The parts of OpenAI's usage and errors we read, databound (unknown fields are skipped).
 * Completions and stream chunks are pull-parsed ({@link OpenAiResponseMapper},
 * {@link OpenAiStreamDecoder}).
 */
final class OpenAiWire {
    private OpenAiWire() {
    }

    record Usage(
            @JsonProperty("prompt_tokens") Long promptTokens,
            @JsonProperty("completion_tokens") Long completionTokens,
            @JsonProperty("prompt_tokens_details") PromptDetails promptDetails,
            @JsonProperty("completion_tokens_details") CompletionDetails completionDetails) {
    }

    record PromptDetails(@JsonProperty("cached_tokens") Long cachedTokens) {
    }

    record CompletionDetails(@JsonProperty("reasoning_tokens") Long reasoningTokens) {
    }

    record Error(String message, String type, String code) {
    }
}
