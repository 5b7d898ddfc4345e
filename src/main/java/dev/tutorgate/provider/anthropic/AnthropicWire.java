package dev.tutorgate.provider.anthropic;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The parts of Anthropic's non-streamed Messages responses, usage and errors we read. Stream
 * events are pull-parsed by {@link AnthropicStreamDecoder}.
 */
final class AnthropicWire {
    private AnthropicWire() {
    }

    /** A non-streamed message. */
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

    record Error(String type, String message) {
    }
}
