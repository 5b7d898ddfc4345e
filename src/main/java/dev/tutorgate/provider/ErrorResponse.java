package dev.tutorgate.provider;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * A non-2xx answer, as the vendor error mappers see it: status, headers, the first
 * {@value #MAX_BODY_BYTES} bytes of the body, the header retry hint and the rate-limit headers.
 *
 * @param retryAfter the hint from {@code retry-after-ms} / {@code Retry-After}, or null
 */
public record ErrorResponse(int status, HttpHeaders headers, String body, Duration retryAfter,
                            RateLimitSnapshot rateLimits) {

    /** Error bodies are short; a longer one is cut (a hostile upstream cannot fill our memory). */
    public static final int MAX_BODY_BYTES = 64 * 1024;

    /** The body as JSON, or null when it is not JSON. */
    public JsonNode json() {
        return Json.treeOrNull(body);
    }

    /** An exception of {@code kind} carrying this response's status, hint and limits. */
    public ProviderException exception(ErrorKind kind, String detail) {
        return exception(kind, retryAfter, detail);
    }

    public ProviderException exception(ErrorKind kind, Duration hint, String detail) {
        return new ProviderException(kind, status, hint, "HTTP " + status + " " + detail,
                null, null, rateLimits, null);
    }

    /**
     * Reads at most {@link #MAX_BODY_BYTES} of an error body. A body that breaks off is used as far
     * as it came: the status alone still classifies the error.
     */
    public static String readBody(InputStream in) {
        byte[] buffer = new byte[MAX_BODY_BYTES];
        int length = 0;
        try {
            int n;
            while (length < buffer.length && (n = in.read(buffer, length, buffer.length - length)) > 0) {
                length += n;
            }
        } catch (IOException brokenOff) {
            // keep what arrived
        }
        return new String(buffer, 0, length, StandardCharsets.UTF_8);
    }

    /** A text field of an error JSON object; "" when the object or field is missing or null. */
    public static String field(JsonNode node, String name) {
        JsonNode value = node == null ? null : node.get(name);
        return value == null || value.isNull() ? "" : value.asText();
    }

    /** A short, single-line excerpt of a provider's message for our own exception text. */
    public static String excerpt(String message) {
        if (message == null) {
            return "";
        }
        String oneLine = message.replace('\n', ' ').replace('\r', ' ').strip();
        return oneLine.length() <= 300 ? oneLine : oneLine.substring(0, 300) + "…";
    }

    /**
     * The kind an HTTP status means when the body says nothing more specific (every vendor mapper
     * starts here): 401/403 invalid key, 402 billing, 408/5xx/529 unavailable, 429 rate limited,
     * other 4xx bad request. Anything else (1xx, 3xx) is a wrong base URL: a bad request.
     */
    public static ErrorKind kindOfStatus(int status) {
        return switch (status) {
            case 401, 403 -> ErrorKind.INVALID_KEY;
            case 402 -> ErrorKind.QUOTA_EXHAUSTED;
            case 408 -> ErrorKind.UNAVAILABLE;
            case 429 -> ErrorKind.RATE_LIMITED;
            default -> status >= 500 && status <= 599 ? ErrorKind.UNAVAILABLE : ErrorKind.BAD_REQUEST;
        };
    }
}
