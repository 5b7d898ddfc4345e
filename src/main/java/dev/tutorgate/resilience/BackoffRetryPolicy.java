package dev.tutorgate.resilience;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * Exponential backoff from a list of waits (the brief: 1 s, 2 s, 4 s; the last repeats), each moved
 * at random by up to ± {@code jitter} of itself so that requests failing together do not retry
 * together.
 */
final class BackoffRetryPolicy implements RetryPolicy {
    private final int maxAttempts;
    private final List<Duration> waits;
    private final double jitter;
    private final RandomGenerator random;

    BackoffRetryPolicy(RetryConfig config, RandomGenerator random) {
        this.maxAttempts = config.maxAttempts();
        this.waits = config.backoff();
        this.jitter = config.jitter();
        this.random = Objects.requireNonNull(random, "random");
    }

    @Override
    public int maxAttempts() {
        return maxAttempts;
    }

    @Override
    public Duration backoff(int retry) {
        if (retry < 1) {
            throw new IllegalArgumentException("retries are numbered from 1");
        }
        Duration base = waits.get(Math.min(retry, waits.size()) - 1);
        if (jitter == 0 || base.isZero()) {
            return base;
        }
        double factor = 1 + jitter * (2 * random.nextDouble() - 1);
        return Duration.ofNanos(Math.round(base.toNanos() * factor));
    }
}
