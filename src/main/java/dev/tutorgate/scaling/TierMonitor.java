package dev.tutorgate.scaling;

import dev.tutorgate.provider.ProviderException;
import dev.tutorgate.provider.RateLimitSnapshot;
import java.time.Instant;

/**
 * Knows how close every provider key is to its tier's limits: tutorgate's own count (the provider
 * throttle) and the provider's rate-limit headers, a warning when a key nears its RPM or TPM, and
 * the capacity of a provider's keys together. The observe calls run after every provider reply,
 * so they are cheap and thread-safe; {@link #status()} is for the dashboard, reports and metrics.
 */
public interface TierMonitor {
    /**
     * After a provider call on key {@code keyAlias} ({@link dev.tutorgate.provider.ApiKey#alias()})
     * returned: its rate-limit headers ({@link dev.tutorgate.provider.ProviderReply#rateLimits()},
     * {@link RateLimitSnapshot#NONE} when there were none). Unknown keys are ignored.
     */
    void observe(String keyAlias, RateLimitSnapshot limits, Instant at);

    /**
     * After a provider call on {@code keyAlias} failed: records the error's headers, and counts a
     * 429 when the provider refused it for its limits ({@code RATE_LIMITED}, {@code QUOTA_EXHAUSTED}).
     */
    void observeError(String keyAlias, ProviderException error, Instant at);

    /** Every provider and key as of now. */
    TierStatus status();

    /** A monitor that knows nothing (no providers configured, or in tests of other parts). */
    TierMonitor NONE = new TierMonitor() {
        @Override
        public void observe(String keyAlias, RateLimitSnapshot limits, Instant at) {
        }

        @Override
        public void observeError(String keyAlias, ProviderException error, Instant at) {
        }

        @Override
        public TierStatus status() {
            return TierStatus.EMPTY;
        }
    };
}
