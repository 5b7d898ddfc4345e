package dev.tutorgate.provider.anthropic;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** The parts of Anthropic's Messages responses and stream events we read. */
final class AnthropicWire {
    private AnthropicWire() {
    }

    /** A non-streamed message, also the {@code message} of a {@code message_start} event. */
    record Message(List<ContentBlock> content, @JsonProperty("stop_reason") String stopReason, Usage usage) {
    }

    record ContentBlock(String type, String text) {
    }

    /**
     * Usage as sent; every field may be absent ({@code message_delta} carries only what changed).
     * {@code input_tokens} counts only tokens after the last cache breakpoint.
     */
    record Usage(
            @JsonProperty("input_tokens") Long inputTokens,
            @JsonProperty("output_tokens") Long outputTokens,
            @JsonProperty("cache_creation_input_tokens") Long cacheCreationInputTokens,
            @JsonProperty("cache_read_input_tokens") Long cacheReadInputTokens,
            @JsonProperty("cache_creation") CacheCreation cacheCreation) {
    }

    record CacheCreation(
            @JsonProperty("ephemeral_5m_input_tokens") Long ephemeral5m,
            @JsonProperty("ephemeral_1h_input_tokens") Long ephemeral1h) {
    }

    /** Any stream event: its {@code type} says which of the other fields are set. */
    record Event(
            String type,
            Message message,
            @JsonProperty("content_block") ContentBlock contentBlock,
            Delta delta,
            Usage usage,
            Error error) {
    }

    /** {@code content_block_delta.delta} ({@code text_delta}…) or {@code message_delta.delta}. */
    record Delta(String type, String text, @JsonProperty("stop_reason") String stopReason) {
    }

    record Error(String type, String message) {
    }
}
