package dev.tutorgate.provider.openai;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** The parts of OpenAI's chat-completions responses we read (unknown fields are skipped). */
final class OpenAiWire {
    private OpenAiWire() {
    }

    /** A non-streamed response. */
    record ChatCompletion(List<Choice> choices, Usage usage) {
    }

    /** One {@code chat.completion.chunk}; a mid-stream failure arrives as a top-level {@code error}. */
    record Chunk(List<Choice> choices, Usage usage, Error error) {
    }

    record Choice(Message message, Message delta, @JsonProperty("finish_reason") String finishReason) {
    }

    /** A message (non-streamed) or a delta (streamed): both carry {@code content}. */
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
