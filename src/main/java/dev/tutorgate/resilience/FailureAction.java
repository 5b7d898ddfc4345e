package dev.tutorgate.resilience;

import dev.tutorgate.provider.ErrorKind;

/**
 * What the dispatcher does after a failed call of each {@link ErrorKind}: the error-kind table of
 * the README, in one place.
 */
public enum FailureAction {
    /** The provider is overloaded, slow or its connection broke: retry with backoff (any key of the model). */
    RETRY_WITH_BACKOFF,
    /** This key hit a short rate limit: it cools down until the provider's hint; another key goes at once. */
    COOL_DOWN_KEY,
    /** This key's quota is used up: it is out until the quota resets; another key goes at once. */
    KEY_OUT_OF_QUOTA,
    /** This key is refused: it is out of rotation (and an alert goes out); another key goes at once. */
    KEY_INVALID,
    /** The prompt does not fit after all: drop more history (summarising it) once, then a larger window. */
    SHRINK_CONTEXT,
    /** Retrying the same request on this model cannot help: fall back to the next model. */
    NEXT_MODEL,
    /** The student went away: stop. */
    STOP;

    public static FailureAction of(ErrorKind kind) {
        return switch (kind) {
            case UNAVAILABLE, CONNECT_TIMEOUT, FIRST_TOKEN_TIMEOUT, IDLE_TIMEOUT, TOTAL_TIMEOUT, CONNECTION_FAILED,
                 STREAM_BROKEN -> RETRY_WITH_BACKOFF;
            case RATE_LIMITED -> COOL_DOWN_KEY;
            case QUOTA_EXHAUSTED -> KEY_OUT_OF_QUOTA;
            case INVALID_KEY -> KEY_INVALID;
            case CONTEXT_TOO_LONG -> SHRINK_CONTEXT;
            case BAD_REQUEST, CONTENT_BLOCKED -> NEXT_MODEL;
            case CANCELLED -> STOP;
        };
    }

    /**
     * Whether a failure of this kind counts against the circuit breaker of the model and key: only
     * failures that say the upstream is unhealthy. A rate limit, a quota or a refused key have their
     * own handling on the key; a bad request or a too-long prompt is our request's fault; a
     * cancelled call is the student's.
     */
    public static boolean countsAgainstCircuit(ErrorKind kind) {
        return of(kind) == RETRY_WITH_BACKOFF;
    }

    /** Whether a call failing this way may never have reached the provider (the tier throttle gets it back). */
    public static boolean neverReachedProvider(ErrorKind kind) {
        return kind == ErrorKind.CONNECT_TIMEOUT || kind == ErrorKind.CONNECTION_FAILED;
    }
}
