package dev.tutorgate.provider.openai;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tutorgate.provider.ErrorKind;
import dev.tutorgate.provider.ErrorResponse;
import dev.tutorgate.provider.ProviderException;
import java.util.Locale;

/**
 * Classifies OpenAI (and OpenAI-compatible) error responses. The body is
 * {@code {"error":{"message","type","param","code"}}}; some self-hosted servers (older vLLM) put
 * those fields at the top level instead.
 *
 * <ul>
 *   <li>429 {@code insufficient_quota} / "exceeded your current quota": out of credits or over the
 *       monthly cap — {@code QUOTA_EXHAUSTED}; any other 429 is {@code RATE_LIMITED}.
 *   <li>4xx {@code context_length_exceeded}, "maximum context length" (vLLM), llama.cpp's
 *       {@code exceed_context_size_error}: {@code CONTEXT_TOO_LONG}.
 *   <li>Everything else by status ({@link ErrorResponse#kindOfStatus}).
 * </ul>
 */
final class OpenAiErrorMapper {
    private OpenAiErrorMapper() {
    }

    static ProviderException map(ErrorResponse response) {
        JsonNode json = response.json();
        JsonNode error = json != null && json.path("error").isObject() ? json.get("error") : json;
        String message = ErrorResponse.field(error, "message");
        String type = ErrorResponse.field(error, "type");
        String code = ErrorResponse.field(error, "code");
        int status = response.status();
        ErrorKind kind = ErrorResponse.kindOfStatus(status);
        if (status == 429 && isQuota(code, type, message)) {
            kind = ErrorKind.QUOTA_EXHAUSTED;
        } else if (kind == ErrorKind.BAD_REQUEST && isContextTooLong(code, type, message)) {
            kind = ErrorKind.CONTEXT_TOO_LONG;
        }
        String label = !code.isEmpty() ? code : !type.isEmpty() ? type : "error";
        return response.exception(kind, label + ": " + ErrorResponse.excerpt(message.isEmpty() ? response.body() : message));
    }

    private static boolean isQuota(String code, String type, String message) {
        return code.equals("insufficient_quota") || type.equals("insufficient_quota")
                || code.equals("billing_hard_limit_reached")
                || message.toLowerCase(Locale.ROOT).contains("exceeded your current quota");
    }

    private static boolean isContextTooLong(String code, String type, String message) {
        String lower = message.toLowerCase(Locale.ROOT);
        return code.equals("context_length_exceeded") || type.equals("exceed_context_size_error")
                || lower.contains("maximum context length") || lower.contains("context length exceeded");
    }
}
