package dev.tutorgate.provider.openai;

import dev.tutorgate.provider.DurationText;
import dev.tutorgate.provider.RateLimitSnapshot;
import java.net.http.HttpHeaders;
import java.time.Duration;
import java.time.Instant;

/**
 * OpenAI's {@code x-ratelimit-{limit,remaining,reset}-{requests,tokens}} headers. Resets are
 * durations from now in Go's format ("12ms", "1s", "6m0s"), turned into instants.
 */
final class OpenAiRateLimits {
    private OpenAiRateLimits() {
    }

    static RateLimitSnapshot parse(HttpHeaders headers, Instant now) {
        if (headers.firstValue("x-ratelimit-limit-requests").isEmpty()
                && headers.firstValue("x-ratelimit-limit-tokens").isEmpty()) {
            return RateLimitSnapshot.NONE;
        }
        return new RateLimitSnapshot(
                number(headers, "x-ratelimit-limit-requests"),
                number(headers, "x-ratelimit-remaining-requests"),
                reset(headers, "x-ratelimit-reset-requests", now),
                number(headers, "x-ratelimit-limit-tokens"),
                number(headers, "x-ratelimit-remaining-tokens"),
                reset(headers, "x-ratelimit-reset-tokens", now));
    }

    private static Long number(HttpHeaders headers, String name) {
        return headers.firstValue(name).map(OpenAiRateLimits::parseLong).orElse(null);
    }

    private static Instant reset(HttpHeaders headers, String name, Instant now) {
        Duration in = headers.firstValue(name).map(DurationText::parse).orElse(null);
        return in == null ? null : now.plus(in);
    }

    static Long parseLong(String value) {
        try {
            return Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
