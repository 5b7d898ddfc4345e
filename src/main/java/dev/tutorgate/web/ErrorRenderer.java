package dev.tutorgate.web;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.tutorgate.core.ErrorCode;
import dev.tutorgate.web.i18n.Messages;
import io.javalin.http.Context;
import java.io.IOException;
import java.util.Locale;

/**
 * Turns an error code into what the client reads: the contract's
 * {@code {"error": {"code", "message", "retryAfterSeconds"?, "requestId"}}} with the code's HTTP status
 * and a {@code Retry-After} header — or, under {@code /v1/}, OpenAI's
 * {@code {"error": {"message", "type", "code"}}}. The message is the friendly sentence in the
 * student's language; nothing else (no exception text, no stack trace) ever reaches the client.
 */
public final class ErrorRenderer {
    private final int maxMessageChars;

    public ErrorRenderer(int maxMessageChars) {
        this.maxMessageChars = maxMessageChars;
    }

    public String message(ErrorCode code, Long retryAfterSeconds, String field, Locale language) {
        if (field != null) {
            return Messages.invalid(field, language);
        }
        return Messages.error(code, retryAfterSeconds, maxMessageChars, language);
    }

    /** Ends the exchange with the error (status, Retry-After, JSON body in the shape the path calls for). */
    public void render(Context ctx, ErrorCode code, Long retryAfterSeconds, String field) {
        Locale language = Requests.language(ctx);
        String requestId = Requests.requestId(ctx);
        ctx.status(code.httpStatus());
        if (retryAfterSeconds != null) {
            ctx.header("Retry-After", Long.toString(retryAfterSeconds));
        }
        String body = OpenAiShape.applies(ctx)
                ? openAiJson(code, retryAfterSeconds, field, language)
                : contractJson(code, retryAfterSeconds, field, language, requestId);
        ctx.contentType("application/json; charset=utf-8").result(body);
    }

    public void render(Context ctx, ApiException e) {
        render(ctx, e.code(), e.retryAfterSeconds(), e.field());
    }

    /** The contract's error object, also the data of an SSE {@code error} event. */
    public String contractJson(ErrorCode code, Long retryAfterSeconds, String field, Locale language, String requestId) {
        String message = message(code, retryAfterSeconds, field, language);
        return Json.write(g -> {
            g.writeStartObject();
            g.writeObjectFieldStart("error");
            g.writeStringField("code", code.code());
            g.writeStringField("message", message);
            if (retryAfterSeconds != null) {
                g.writeNumberField("retryAfterSeconds", retryAfterSeconds);
            }
            if (requestId != null) {
                g.writeStringField("requestId", requestId);
            }
            g.writeEndObject();
            g.writeEndObject();
        });
    }

    /** OpenAI's error object: {@code type} is its family of errors, {@code code} ours. */
    public String openAiJson(ErrorCode code, Long retryAfterSeconds, String field, Locale language) {
        String message = message(code, retryAfterSeconds, field, language);
        return Json.write(g -> {
            g.writeStartObject();
            g.writeObjectFieldStart("error");
            g.writeStringField("message", message);
            g.writeStringField("type", OpenAiShape.type(code));
            writeParam(g, field);
            g.writeStringField("code", code.code());
            g.writeEndObject();
            g.writeEndObject();
        });
    }

    private static void writeParam(JsonGenerator g, String field) throws IOException {
        if (field != null) {
            g.writeStringField("param", field);
        } else {
            g.writeNullField("param");
        }
    }

    /** Where errors take OpenAI's shape instead of the contract's. */
    static final class OpenAiShape {
        private OpenAiShape() {
        }

        static boolean applies(Context ctx) {
            return ctx.path().startsWith("/v1/");
        }

        static String type(ErrorCode code) {
            return switch (code.httpStatus()) {
                case 401 -> "authentication_error";
                case 403 -> "permission_error";
                case 429 -> code == ErrorCode.STUDENT_BUDGET_EXCEEDED ? "insufficient_quota" : "rate_limit_error";
                case 500, 502, 503 -> "server_error";
                default -> "invalid_request_error";
            };
        }
    }
}
