package dev.tutorgate.limits;

import java.time.Duration;

/** The key has no room for this request within the allowed wait: fall back or answer 503. */
public class ThrottledException extends Exception {
    public enum Reason {
        /** Room would come later than the maximum wait (or did not come in time). */
        WAIT_TOO_LONG,
        /** Too many requests are already waiting for this key. */
        QUEUE_FULL,
        /** The request alone is over the key's per-minute token limit: it can never be sent with this key. */
        TOO_LARGE,
        /** The waiting thread was interrupted (the student went away); its interrupt flag is set again. */
        INTERRUPTED
    }

    private final Reason reason;
    private final String keyAlias;
    private final Duration retryAfter;

    public ThrottledException(Reason reason, String keyAlias, Duration retryAfter) {
        super("provider key " + keyAlias + ": " + describe(reason) + " (room in about " + retryAfter.toMillis() + " ms)",
                null, false, false);
        this.reason = reason;
        this.keyAlias = keyAlias;
        this.retryAfter = retryAfter;
    }

    private static String describe(Reason reason) {
        return switch (reason) {
            case WAIT_TOO_LONG -> "tier limit reached and no room within the maximum wait";
            case QUEUE_FULL -> "too many requests already waiting";
            case TOO_LARGE -> "request larger than the per-minute token limit";
            case INTERRUPTED -> "interrupted while waiting";
        };
    }

    public Reason reason() {
        return reason;
    }

    public String keyAlias() {
        return keyAlias;
    }

    /** When the key may have room again; a guess for QUEUE_FULL and INTERRUPTED. */
    public Duration retryAfter() {
        return retryAfter;
    }
}
