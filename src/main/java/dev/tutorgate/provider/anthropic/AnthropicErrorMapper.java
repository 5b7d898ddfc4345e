package dev.tutorgate.provider.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tutorgate.provider.ErrorKind;
import dev.tutorgate.provider.ErrorResponse;
import dev.tutorgate.provider.ProviderException;
import java.util.Locale;

/**
 * Classifies Anthropic errors ({@code {"type":"error","error":{"type","message"},"request_id"}}).
 *
 * <ul>
 *   <li>429 with {@code retry-after} (or {@code retry-after-ms}): {@code RATE_LIMITED}. A 429
 *       <em>without</em> it is the tier's monthly spend cap: {@code QUOTA_EXHAUSTED}.
 *   <li>402 {@code billing_error}, and a 400 saying the "API usage limits" you set were reached:
 *       {@code QUOTA_EXHAUSTED}.
 *   <li>400 "prompt is too long": {@code CONTEXT_TOO_LONG}. (413 {@code request_too_large} is about
 *       bytes, a {@code BAD_REQUEST}.)
 *   <li>401 {@code authentication_error}, 403 {@code permission_error}: {@code INVALID_KEY};
 *       529 {@code overloaded_error}, 500, 504: {@code UNAVAILABLE}.
 * </ul>
 */
final class AnthropicErrorMapper {
    private AnthropicErrorMapper() {
    }

    static ProviderException map(ErrorResponse response) {
        JsonNode error = response.json() == null ? null : response.json().get("error");
        String type = ErrorResponse.field(error, "type");
        String message = ErrorResponse.field(error, "message");
        String lower = message.toLowerCase(Locale.ROOT);
        int status = response.status();
        ErrorKind kind = ErrorResponse.kindOfStatus(status);
        if (status == 429 && !hasRetryHeader(response)) {
            kind = ErrorKind.QUOTA_EXHAUSTED;
        } else if (status == 400 && lower.contains("prompt is too long")) {
            kind = ErrorKind.CONTEXT_TOO_LONG;
        } else if (status == 400 && lower.contains("usage limit")) {
            kind = ErrorKind.QUOTA_EXHAUSTED;
        }
        String label = type.isEmpty() ? "error" : type;
        return response.exception(kind, label + ": " + ErrorResponse.excerpt(message.isEmpty() ? response.body() : message));
    }

    private static boolean hasRetryHeader(ErrorResponse response) {
        return response.headers().firstValue("retry-after").isPresent()
                || response.headers().firstValue("retry-after-ms").isPresent();
    }
}
