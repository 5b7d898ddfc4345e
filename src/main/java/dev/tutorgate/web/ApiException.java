package dev.tutorgate.web;

import dev.tutorgate.core.ErrorCode;

/**
 * A request that ends in the contract's JSON error. Thrown by routes; rendered by {@link ErrorRenderer}.
 * Carries no stack trace: it is an answer, not a bug.
 *
 * @param field for 400s about one field: names the friendly sentence {@code invalid.<field>}; else null
 */
public final class ApiException extends RuntimeException {
    private final ErrorCode code;
    private final Long retryAfterSeconds;
    private final String field;

    public ApiException(ErrorCode code, Long retryAfterSeconds, String field) {
        super(code.code(), null, false, false);
        this.code = code;
        this.retryAfterSeconds = retryAfterSeconds;
        this.field = field;
    }

    public ApiException(ErrorCode code) {
        this(code, null, null);
    }

    /** A 400 about one field of the request body. */
    public static ApiException invalid(String field) {
        return new ApiException(ErrorCode.INVALID_REQUEST, null, field);
    }

    public ErrorCode code() {
        return code;
    }

    public Long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    public String field() {
        return field;
    }
}
