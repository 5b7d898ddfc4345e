package dev.tutorgate.provider.anthropic;

import dev.tutorgate.provider.RateLimitSnapshot;
import java.net.http.HttpHeaders;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * Anthropic's {@code anthropic-ratelimit-requests-*} and {@code anthropic-ratelimit-tokens-*}
 * headers ({@code -limit}, {@code -remaining}, {@code -reset} as RFC 3339). The {@code tokens-*}
 * set shows the most restrictive token limit in force; when absent, {@code input-tokens-*} is used.
 */
final class AnthropicRateLimits {
    private static final String PREFIX = "anthropic-ratelimit-";

    private AnthropicRateLimits() {
    }

    static RateLimitSnapshot parse(HttpHeaders headers) {
        String tokens = headers.firstValue(PREFIX + "tokens-limit").isPresent() ? "tokens" : "input-tokens";
        if (headers.firstValue(PREFIX + "requests-limit").isEmpty()
                && headers.firstValue(PREFIX + tokens + "-limit").isEmpty()) {
            return RateLimitSnapshot.NONE;
        }
        return new RateLimitSnapshot(
                number(headers, "requests-limit"),
                number(headers, "requests-remaining"),
                instant(headers, "requests-reset"),
                number(headers, tokens + "-limit"),
                number(headers, tokens + "-remaining"),
                instant(headers, tokens + "-reset"));
    }

    private static Long number(HttpHeaders headers, String name) {
        return headers.firstValue(PREFIX + name).map(value -> {
            try {
                return Long.parseLong(value.strip());
            } catch (NumberFormatException e) {
                return null;
            }
        }).orElse(null);
    }

    private static Instant instant(HttpHeaders headers, String name) {
        return headers.firstValue(PREFIX + name).map(value -> {
            try {
                return OffsetDateTime.parse(value.strip()).toInstant();
            } catch (DateTimeParseException e) {
                return null;
            }
        }).orElse(null);
    }
}
