package dev.tutorgate.provider;

import dev.tutorgate.core.Usage;

/**
 * A finished call.
 *
 * @param text         the whole answer (also when it was streamed)
 * @param usage        normalised usage (see {@link Usage}), or null when the provider reported none
 *                     (some OpenAI-compatible servers); the caller then estimates
 * @param finishReason the provider's own reason, e.g. "stop", "STOP", "end_turn", "length", "max_tokens"
 * @param rateLimits   the provider's rate-limit headers, or {@link RateLimitSnapshot#NONE}
 */
public record ProviderReply(String text, Usage usage, String finishReason, RateLimitSnapshot rateLimits) {
}
