package dev.tutorgate.resilience;

import java.time.Instant;
import java.util.List;

/**
 * One model and its keys, right now.
 *
 * @param lastFallbackReason why the last request that gave up on this model did (e.g. unavailable,
 *                           circuit_open, invalid_key), or null
 * @param lastFallbackAt     when; null if never
 * @param lastAnsweredAt     when it last answered; null if never (since start)
 */
public record ModelHealth(
        String model,
        String provider,
        Health health,
        String lastFallbackReason,
        Instant lastFallbackAt,
        Instant lastAnsweredAt,
        List<KeyHealth> keys) {

    public ModelHealth {
        keys = List.copyOf(keys);
    }
}
