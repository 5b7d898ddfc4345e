package dev.tutorgate.provider.openai;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The parts of OpenAI's non-streamed responses, usage and errors we read (unknown fields are
 * skipped). Stream chunks are pull-parsed by {@link OpenAiStreamDecoder}.
 */
final class OpenAiWire {
    private OpenAiWire() {
    }

    /** A non-streamed response. */
    record ChatCompletion(List<Choice> choices, Usage usage) {
    }

    record Choice(Message message, @JsonProperty("finish_reason") String finishReason) {
    }

    record Message(String content) {
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
