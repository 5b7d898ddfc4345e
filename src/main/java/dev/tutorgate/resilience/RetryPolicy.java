package dev.tutorgate.resilience;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The waits between attempts on one model. Thread-safe.
 */
public interface RetryPolicy {
    /** Attempts per model, the first included. */
    int maxAttempts();

    /** The backoff before retry number {@code retry} (1 = the first retry), jitter applied. */
    Duration backoff(int retry);

    /**
     * The wait before retry number {@code retry} after a failure that carried {@code hint} (the
     * provider's Retry-After, retry-after-ms or RetryInfo; null when none): the backoff, or the hint
     * when it is longer — a hint means "not before", so it is never shortened by jitter.
     */
    default Duration waitBefore(int retry, Duration hint) {
        Duration backoff = backoff(retry);
        return hint != null && hint.compareTo(backoff) > 0 ? hint : backoff;
    }

    /** The policy for {@code config}, with jitter from each thread's own random generator. */
    static RetryPolicy of(RetryConfig config) {
        return new BackoffRetryPolicy(config, () -> ThreadLocalRandom.current().nextLong());
    }
}
