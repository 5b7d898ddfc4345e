package dev.tutorgate.resilience;

import dev.tutorgate.config.TutorgateConfig;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How the dispatcher retries: attempts per model, the backoff waits, their jitter, how long a
 * request may spend on retries and waits, and how long a key out of quota stays out when the
 * provider does not say. Immutable; built with {@link #custom()} (validated in {@code build()}) or
 * read from the configuration with {@link #from}.
 */
public final class RetryConfig {
    private final int maxAttempts;
    private final List<Duration> backoff;
    private final double jitter;
    private final Duration requestTimeout;
    private final Duration quotaCooldown;

    private RetryConfig(Builder b) {
        this.maxAttempts = b.maxAttempts;
        this.backoff = List.copyOf(b.backoff);
        this.jitter = b.jitter;
        this.requestTimeout = b.requestTimeout;
        this.quotaCooldown = b.quotaCooldown;
    }

    public static Builder custom() {
        return new Builder();
    }

    /** {@code retry.*} and {@code timeouts.requestMs}. */
    public static RetryConfig from(TutorgateConfig config) {
        TutorgateConfig.Retry retry = config.retry();
        return custom()
                .maxAttempts(retry.maxAttempts())
                .backoff(retry.backoffSeconds().stream().map(RetryConfig::seconds).toList())
                .jitter(retry.jitter())
                .requestTimeout(Duration.ofMillis(config.timeouts().requestMs()))
                .quotaCooldown(Duration.ofMinutes(retry.quotaCooldownMinutes()))
                .build();
    }

    private static Duration seconds(double seconds) {
        return Duration.ofNanos(Math.round(seconds * 1e9));
    }

    /** Attempts per model (the first call included) before falling back. */
    public int maxAttempts() {
        return maxAttempts;
    }

    /** The waits before the 1st, 2nd… retry; the last one repeats. */
    public List<Duration> backoff() {
        return backoff;
    }

    /** Each backoff wait is moved by up to ± this share of itself, at random. */
    public double jitter() {
        return jitter;
    }

    /** How long one request may take over its retries and waits (no wait may end later). */
    public Duration requestTimeout() {
        return requestTimeout;
    }

    /** How long a key out of quota stays out when the provider does not say when the quota resets. */
    public Duration quotaCooldown() {
        return quotaCooldown;
    }

    public Builder toBuilder() {
        return custom().maxAttempts(maxAttempts).backoff(backoff).jitter(jitter).requestTimeout(requestTimeout)
                .quotaCooldown(quotaCooldown);
    }

    public static final class Builder {
        private int maxAttempts = 3;
        private List<Duration> backoff = List.of(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4));
        private double jitter = 0.2;
        private Duration requestTimeout = Duration.ofSeconds(30);
        private Duration quotaCooldown = Duration.ofHours(1);

        private Builder() {
        }

        public Builder maxAttempts(int maxAttempts) {
            this.maxAttempts = maxAttempts;
            return this;
        }

        public Builder backoff(List<Duration> backoff) {
            this.backoff = List.copyOf(Objects.requireNonNull(backoff, "backoff"));
            return this;
        }

        public Builder jitter(double jitter) {
            this.jitter = jitter;
            return this;
        }

        public Builder requestTimeout(Duration requestTimeout) {
            this.requestTimeout = Objects.requireNonNull(requestTimeout, "requestTimeout");
            return this;
        }

        public Builder quotaCooldown(Duration quotaCooldown) {
            this.quotaCooldown = Objects.requireNonNull(quotaCooldown, "quotaCooldown");
            return this;
        }

        public RetryConfig build() {
            if (maxAttempts < 1) {
                throw new IllegalArgumentException("maxAttempts must be at least 1");
            }
            if (backoff.isEmpty() || backoff.stream().anyMatch(Duration::isNegative)) {
                throw new IllegalArgumentException("backoff needs at least one wait, none negative");
            }
            if (!(jitter >= 0 && jitter < 1)) {
                throw new IllegalArgumentException("jitter must be from 0 up to (not including) 1");
            }
            if (!requestTimeout.isPositive() || !quotaCooldown.isPositive()) {
                throw new IllegalArgumentException("requestTimeout and quotaCooldown must be positive");
            }
            return new RetryConfig(this);
        }
    }
}
