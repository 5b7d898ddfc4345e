package dev.tutorgate.provider;

import java.net.http.HttpHeaders;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * The retry hint carried by response headers, read the same way for every vendor:
 * {@code retry-after-ms} (milliseconds, preferred — OpenAI and Anthropic SDKs honour it) then
 * {@code Retry-After} (delta-seconds, possibly fractional, or an HTTP date).
 */
public final class RetryHints {
    /** Longer hints are nonsense (or hostile); ignoring them leaves the caller's own backoff. */
    private static final double MAX_SECONDS = 7 * 24 * 3600;

    private RetryHints() {
    }

    /** The hint, or null when the headers carry none (or only an unreadable one). */
    public static Duration fromHeaders(HttpHeaders headers, Instant now) {
        Optional<String> millis = headers.firstValue("retry-after-ms");
        if (millis.isPresent()) {
            Duration hint = milliseconds(millis.get());
            if (hint != null) {
                return hint;
            }
        }
        return headers.firstValue("retry-after").map(value -> retryAfter(value, now)).orElse(null);
    }

    /** A {@code Retry-After} value: seconds or an HTTP date (a date in the past means "now"). */
    public static Duration retryAfter(String value, Instant now) {
        String v = value.strip();
        if (v.isEmpty()) {
            return null;
        }
        if (Character.isDigit(v.charAt(0)) || v.charAt(0) == '.') {
            try {
                double seconds = Double.parseDouble(v);
                return seconds < 0 || seconds > MAX_SECONDS ? null : Duration.ofNanos(Math.round(seconds * 1e9));
            } catch (NumberFormatException e) {
                return null;
            }
        }
        try {
            Instant at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            return at.isAfter(now) ? Duration.between(now, at) : Duration.ZERO;
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static Duration milliseconds(String value) {
        try {
            double ms = Double.parseDouble(value.strip());
            return ms < 0 || ms > MAX_SECONDS * 1000 ? null : Duration.ofNanos(Math.round(ms * 1e6));
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
