package dev.tutorgate.provider;

import java.net.http.HttpHeaders;
import java.time.Instant;

/** Builds the {@link ErrorResponse} a vendor mapper receives, as {@link HttpChatProvider} does. */
public final class ErrorResponses {
    public static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

    private ErrorResponses() {
    }

    /** @param headerNameValues header names and values, alternating */
    public static ErrorResponse of(int status, String body, String... headerNameValues) {
        HttpHeaders headers = RetryHintsTest.headers(headerNameValues);
        return new ErrorResponse(status, headers, body, RetryHints.fromHeaders(headers, NOW), RateLimitSnapshot.NONE);
    }

    public static HttpHeaders headers(String... nameValues) {
        return RetryHintsTest.headers(nameValues);
    }
}
