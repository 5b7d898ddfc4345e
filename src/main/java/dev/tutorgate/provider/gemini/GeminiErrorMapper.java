package dev.tutorgate.provider.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tutorgate.provider.DurationText;
import dev.tutorgate.provider.ErrorKind;
import dev.tutorgate.provider.ErrorResponse;
import dev.tutorgate.provider.ProviderException;
import java.time.Duration;
import java.util.Locale;

/**
 * Classifies Gemini errors: {@code {"error":{"code","message","status","details":[{"@type":…}]}}}.
 *
 * <ul>
 *   <li>400 with {@code google.rpc.ErrorInfo} reason {@code API_KEY_INVALID}: {@code INVALID_KEY}
 *       (Gemini says 400, not 401). 400 "The input token count (N) exceeds the maximum…":
 *       {@code CONTEXT_TOO_LONG}. Any other 400: {@code BAD_REQUEST}.
 *   <li>429 whose {@code google.rpc.QuotaFailure} names a quota with {@code PerDay} in its
 *       {@code quotaId}: {@code QUOTA_EXHAUSTED} (it clears at midnight Pacific); any other 429:
 *       {@code RATE_LIMITED}. The hint is {@code google.rpc.RetryInfo.retryDelay} ("37s"), else
 *       the headers'.
 *   <li>403 {@code PERMISSION_DENIED}: {@code INVALID_KEY}; 500/503/504: {@code UNAVAILABLE}.
 * </ul>
 */
final class GeminiErrorMapper {
    private GeminiErrorMapper() {
    }

    static ProviderException map(ErrorResponse response) {
        JsonNode error = response.json() == null ? null : response.json().get("error");
        JsonNode details = error == null ? null : error.get("details");
        String status = ErrorResponse.field(error, "status");
        String message = ErrorResponse.field(error, "message");
        int http = response.status();
        ErrorKind kind = ErrorResponse.kindOfStatus(http);
        if (http == 400 && hasErrorInfoReason(details, "API_KEY_INVALID")) {
            kind = ErrorKind.INVALID_KEY;
        } else if (http == 400 && isContextTooLong(message)) {
            kind = ErrorKind.CONTEXT_TOO_LONG;
        } else if (http == 429 && hasDailyQuota(details)) {
            kind = ErrorKind.QUOTA_EXHAUSTED;
        }
        Duration retryDelay = retryDelay(details);
        String label = status.isEmpty() ? "error" : status;
        return response.exception(kind, retryDelay != null ? retryDelay : response.retryAfter(),
                label + ": " + ErrorResponse.excerpt(message.isEmpty() ? response.body() : message));
    }

    private static boolean isContextTooLong(String message) {
        String lower = message.toLowerCase(Locale.ROOT);
        return lower.contains("input token count") && lower.contains("exceeds the maximum");
    }

    private static boolean hasErrorInfoReason(JsonNode details, String reason) {
        for (JsonNode detail : iterable(details)) {
            if (isType(detail, "google.rpc.ErrorInfo") && reason.equals(ErrorResponse.field(detail, "reason"))) {
                return true;
            }
        }
        return false;
    }

    private static boolean hasDailyQuota(JsonNode details) {
        for (JsonNode detail : iterable(details)) {
            if (isType(detail, "google.rpc.QuotaFailure")) {
                for (JsonNode violation : iterable(detail.get("violations"))) {
                    if (ErrorResponse.field(violation, "quotaId").contains("PerDay")) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /** {@code google.rpc.RetryInfo.retryDelay}, a protobuf Duration in JSON ("37s", "1.5s"). */
    static Duration retryDelay(JsonNode details) {
        for (JsonNode detail : iterable(details)) {
            if (isType(detail, "google.rpc.RetryInfo")) {
                return DurationText.parse(ErrorResponse.field(detail, "retryDelay"));
            }
        }
        return null;
    }

    private static boolean isType(JsonNode detail, String type) {
        return ErrorResponse.field(detail, "@type").endsWith("/" + type);
    }

    private static Iterable<JsonNode> iterable(JsonNode array) {
        return array != null && array.isArray() ? array : java.util.List.of();
    }
}
