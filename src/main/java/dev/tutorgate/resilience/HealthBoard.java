package dev.tutorgate.resilience;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Builds the {@link ProviderHealth} snapshot from the key pool's states and what the dispatcher
 * reports about whole models (answered, left for a fallback).
 *
 * <ul>
 *   <li>A key is <b>down</b> for a model when it is refused, out of quota or its circuit is open;
 *       <b>degraded</b> when it is cooling down, its circuit is probing (half open), or its last call
 *       failed; <b>ok</b> otherwise.</li>
 *   <li>A model is <b>down</b> when all its keys are; <b>degraded</b> when any key is not ok or a
 *       request gave up on it since it last answered; <b>ok</b> otherwise.</li>
 * </ul>
 */
final class HealthBoard implements ProviderHealth {
    private record ModelEvents(String lastFallbackReason, Instant lastFallbackAt, Instant lastAnsweredAt) {
        static final ModelEvents NONE = new ModelEvents(null, null, null);
    }

    private record Watched(KeyPool pool, Clock clock) {
    }

    private final Map<String, ModelEvents> events = new ConcurrentHashMap<>();
    private volatile Watched watched;

    /** The pool is made with the pipeline; until then the board lists nothing. */
    void watch(KeyPool pool, Clock clock) {
        this.watched = new Watched(pool, clock);
    }

    void answered(String model, Instant at) {
        events.merge(model, new ModelEvents(null, null, at),
                (old, now) -> new ModelEvents(old.lastFallbackReason(), old.lastFallbackAt(), at));
    }

    void left(String model, String reason, Instant at) {
        events.merge(model, new ModelEvents(reason, at, null),
                (old, now) -> new ModelEvents(reason, at, old.lastAnsweredAt()));
    }

    @Override
    public List<ModelHealth> models() {
        Watched current = watched;
        if (current == null) {
            return List.of();
        }
        List<ModelHealth> out = new ArrayList<>();
        for (KeyPool.ModelKeys model : current.pool().snapshot(current.clock().instant())) {
            List<KeyHealth> keys = model.keys().stream().map(HealthBoard::health).toList();
            ModelEvents e = events.getOrDefault(model.model().model(), ModelEvents.NONE);
            out.add(new ModelHealth(model.model().model(), model.model().provider(), modelHealth(keys, e),
                    e.lastFallbackReason(), e.lastFallbackAt(), e.lastAnsweredAt(), keys));
        }
        return out;
    }

    private static Health modelHealth(List<KeyHealth> keys, ModelEvents e) {
        if (keys.stream().allMatch(k -> k.health() == Health.DOWN)) {
            return Health.DOWN;
        }
        boolean gaveUpSinceAnswer = e.lastFallbackAt() != null
                && (e.lastAnsweredAt() == null || e.lastFallbackAt().isAfter(e.lastAnsweredAt()));
        return gaveUpSinceAnswer || keys.stream().anyMatch(k -> k.health() != Health.OK) ? Health.DEGRADED : Health.OK;
    }

    private static KeyHealth health(KeyPool.KeyView key) {
        boolean circuitOpen = key.circuit().equals("open") || key.circuit().equals("forced_open");
        boolean failedLast = key.lastErrorAt() != null
                && (key.lastSuccessAt() == null || key.lastErrorAt().isAfter(key.lastSuccessAt()));
        Health health;
        if (key.availability() == KeyAvailability.INVALID || key.availability() == KeyAvailability.OUT_OF_QUOTA
                || circuitOpen) {
            health = Health.DOWN;
        } else if (key.availability() == KeyAvailability.COOLING || key.circuit().equals("half_open") || failedLast) {
            health = Health.DEGRADED;
        } else {
            health = Health.OK;
        }
        return new KeyHealth(key.alias(), health, key.availability() != KeyAvailability.INVALID,
                key.availability().label(), key.circuit(), key.coolingUntil(), key.quotaUntil(), key.invalidSince(),
                key.lastError() == null ? null : key.lastError().label(), key.lastErrorAt(), key.lastSuccessAt());
    }
}
