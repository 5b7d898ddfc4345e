package dev.tutorgate.provider;

import java.time.Instant;

/**
 * What a provider said about its own limits in response headers (OpenAI {@code x-ratelimit-*},
 * Anthropic {@code anthropic-ratelimit-*}). Fields are null when the header was absent; Gemini
 * sends none.
 */
public record RateLimitSnapshot(
        Long requestsLimit,
        Long requestsRemaining,
        Instant requestsReset,
        Long tokensLimit,
        Long tokensRemaining,
        Instant tokensReset) {

    public static final RateLimitSnapshot NONE = new RateLimitSnapshot(null, null, null, null, null, null);

    public boolean isEmpty() {
        return requestsLimit == null && requestsRemaining == null && tokensLimit == null && tokensRemaining == null;
    }
}
