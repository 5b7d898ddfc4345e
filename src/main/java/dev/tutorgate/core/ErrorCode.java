package dev.tutorgate.core;

import java.util.Locale;

/**
 * Every way a student's request can fail, with its HTTP status. The web layer turns a code into
 * the contract's JSON error with a friendly message in the student's language; nothing else
 * chooses statuses.
 */
public enum ErrorCode {
    INVALID_JSON(400),
    INVALID_REQUEST(400),
    MESSAGE_EMPTY(400),
    MESSAGE_TOO_LONG(400),
    UNAUTHORIZED(401),
    FORBIDDEN(403),
    NOT_FOUND(404),
    /** The HTTP method is not served at this path (e.g. GET /api/chat). */
    METHOD_NOT_ALLOWED(405),
    /** A requestId (feedback) that is not one of this student's answers. */
    REQUEST_NOT_FOUND(404),
    /** The OpenAI-compatible API was asked for a model that is not configured. */
    MODEL_NOT_FOUND(404),
    CONVERSATION_NOT_FOUND(404),
    CONVERSATION_FORBIDDEN(403),
    BODY_TOO_LARGE(413),
    RATE_LIMITED(429),
    /** The student's own daily or monthly spending cap. */
    STUDENT_BUDGET_EXCEEDED(429),
    BUDGET_EXCEEDED(503),
    /** No model (not even the offline answerer) could answer. */
    PROVIDER_UNAVAILABLE(503),
    /** The answer had started streaming when the provider failed; nothing can be spliced on. */
    ANSWER_INTERRUPTED(502),
    INTERNAL(500);

    private final int httpStatus;

    ErrorCode(int httpStatus) {
        this.httpStatus = httpStatus;
    }

    public int httpStatus() {
        return httpStatus;
    }

    /** The snake_case code in the JSON error, e.g. "budget_exceeded". */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }
}
