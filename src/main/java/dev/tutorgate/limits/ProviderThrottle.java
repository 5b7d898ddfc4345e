package dev.tutorgate.limits;

import java.util.List;

/**
 * Keeps tutorgate's own traffic per provider key within the account's tier (requests per minute,
 * tokens per minute, requests per day), so the provider never sees a flood of requests it would
 * answer with 429. A call that does not fit now waits in a short, bounded, first-come-first-served
 * queue; one that cannot get through in time is refused at once with a reason, so the caller can
 * fall back to another key or model, or answer 503.
 */
public interface ProviderThrottle {
    /**
     * Waits (at most the configured maximum) until the key has room for one request of
     * {@code inputTokens} prompt tokens and up to {@code maxOutputTokens} output tokens. Holds no
     * lock once it returns: make the provider call, then {@link ThrottlePermit#complete} it.
     */
    ThrottlePermit acquire(String keyAlias, long inputTokens, long maxOutputTokens) throws ThrottledException;

    /** What the key has used and has left, for the tier monitor. */
    KeyUsage usage(String keyAlias);

    /** Every key seen so far. */
    List<KeyUsage> usage();
}
