package dev.tutorgate.stress;

import java.util.concurrent.TimeUnit;

/** What "the per-student limit held" means, given the limit L per minute. */
public enum LimitRule {
    /**
     * tutorgate's limiter (a token bucket, capacity L, refilled at L per minute): L at once, then
     * one more every 60/L seconds, so any window of d seconds may hold at most L + ⌊L·d/60⌋ answers.
     */
    TOKEN_BUCKET("token-bucket"),
    /** A sliding-window limiter: at most L answers within any 60 seconds. */
    ROLLING_MINUTE("rolling-minute");

    private static final long MINUTE_NANOS = TimeUnit.MINUTES.toNanos(1);
    private static final long MINUTE_MICROS = TimeUnit.MINUTES.toMicros(1);

    private final String label;

    LimitRule(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** How many answers a window of {@code windowNanos} may hold; {@link Long#MAX_VALUE} when unlimited. */
    long allowed(int limitPerMinute, long windowNanos) {
        return switch (this) {
            // micros keep L·d inside a long for any run shorter than a few years
            case TOKEN_BUCKET -> limitPerMinute + limitPerMinute * (Math.max(0, windowNanos) / 1_000) / MINUTE_MICROS;
            case ROLLING_MINUTE -> windowNanos < MINUTE_NANOS ? limitPerMinute : Long.MAX_VALUE;
        };
    }

    public static LimitRule fromLabel(String label) {
        for (LimitRule rule : values()) {
            if (rule.label.equals(label)) {
                return rule;
            }
        }
        throw new IllegalArgumentException("--limit-rule must be token-bucket or rolling-minute, was " + label);
    }
}
