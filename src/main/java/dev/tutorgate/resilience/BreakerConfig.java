package dev.tutorgate.resilience;

import dev.tutorgate.config.TutorgateConfig;
import java.time.Duration;
import java.util.Objects;

/**
 * The circuit breaker of each model on each key: over the last {@code windowSize} calls (once at
 * least {@code minimumCalls} were made), a failure rate at or above {@code failureRateThreshold}
 * percent opens it; it stays open for {@code openDuration}, then lets {@code halfOpenCalls} probe
 * calls through; their success closes it, a failure opens it again. Immutable; {@link #custom()}
 * validates in {@code build()}.
 */
public final class BreakerConfig {
    private final int failureRateThreshold;
    private final int minimumCalls;
    private final int windowSize;
    private final Duration openDuration;
    private final int halfOpenCalls;

    private BreakerConfig(Builder b) {
        this.failureRateThreshold = b.failureRateThreshold;
        this.minimumCalls = b.minimumCalls;
        this.windowSize = b.windowSize;
        this.openDuration = b.openDuration;
        this.halfOpenCalls = b.halfOpenCalls;
    }

    public static Builder custom() {
        return new Builder();
    }

    /** {@code retry.circuitBreaker.*}; one probe call when half open. */
    public static BreakerConfig from(TutorgateConfig.Breaker breaker) {
        return custom().failureRateThreshold(breaker.failureRateThreshold()).minimumCalls(breaker.minimumCalls())
                .windowSize(breaker.windowSize()).openDuration(Duration.ofSeconds(breaker.openSeconds())).build();
    }

    public int failureRateThreshold() {
        return failureRateThreshold;
    }

    public int minimumCalls() {
        return minimumCalls;
    }

    public int windowSize() {
        return windowSize;
    }

    public Duration openDuration() {
        return openDuration;
    }

    public int halfOpenCalls() {
        return halfOpenCalls;
    }

    public static final class Builder {
        private int failureRateThreshold = 50;
        private int minimumCalls = 5;
        private int windowSize = 20;
        private Duration openDuration = Duration.ofSeconds(30);
        private int halfOpenCalls = 1;

        private Builder() {
        }

        public Builder failureRateThreshold(int percent) {
            this.failureRateThreshold = percent;
            return this;
        }

        public Builder minimumCalls(int minimumCalls) {
            this.minimumCalls = minimumCalls;
            return this;
        }

        public Builder windowSize(int windowSize) {
            this.windowSize = windowSize;
            return this;
        }

        public Builder openDuration(Duration openDuration) {
            this.openDuration = Objects.requireNonNull(openDuration, "openDuration");
            return this;
        }

        public Builder halfOpenCalls(int halfOpenCalls) {
            this.halfOpenCalls = halfOpenCalls;
            return this;
        }

        public BreakerConfig build() {
            if (failureRateThreshold < 1 || failureRateThreshold > 100) {
                throw new IllegalArgumentException("failureRateThreshold must be a percentage from 1 to 100");
            }
            if (minimumCalls < 1 || windowSize < minimumCalls) {
                throw new IllegalArgumentException("need 1 ≤ minimumCalls ≤ windowSize");
            }
            if (!openDuration.isPositive() || halfOpenCalls < 1) {
                throw new IllegalArgumentException("openDuration must be positive and halfOpenCalls at least 1");
            }
            return new BreakerConfig(this);
        }
    }
}
