package dev.tutorgate.monitoring;

import dev.tutorgate.config.TutorgateConfig;
import dev.tutorgate.resilience.KeyHealth;
import dev.tutorgate.resilience.ModelHealth;
import dev.tutorgate.resilience.ProviderHealth;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Resilience's view of each model on each key — OK, degraded, or open (circuit open, key refused or
 * out of quota), the last error — as provider status for the dashboard and the state gauges. A
 * model with no key yet is listed once, with its own health.
 */
public final class ResilienceStatusSource implements ProviderStatusSource {
    private final ProviderHealth health;
    private final TutorgateConfig config;

    public ResilienceStatusSource(ProviderHealth health, TutorgateConfig config) {
        this.health = health;
        this.config = config;
    }

    @Override
    public List<ProviderStatus> providerStatus() {
        List<ProviderStatus> out = new ArrayList<>();
        for (ModelHealth model : health.models()) {
            String tier = config.provider(model.provider()).map(p -> p.tier() == null ? null : p.tier().toLowerCase(Locale.ROOT))
                    .orElse(null);
            if (model.keys().isEmpty()) {
                out.add(new ProviderStatus(model.provider(), model.model(), null, tier, state(model), null, null, null, null,
                        model.lastFallbackReason() == null ? null : "last fallback: " + model.lastFallbackReason()));
                continue;
            }
            for (KeyHealth key : model.keys()) {
                out.add(new ProviderStatus(model.provider(), model.model(), key.keyAlias(), tier, key.state(), null, null,
                        null, null, detail(key)));
            }
        }
        return out;
    }

    private static String state(ModelHealth model) {
        return switch (model.health()) {
            case OK -> "ok";
            case DEGRADED -> "degraded";
            case DOWN -> "open";
        };
    }

    /** "circuit open; last error rate_limited" — what the admin reads next to the state. */
    private static String detail(KeyHealth key) {
        List<String> parts = new ArrayList<>();
        if (!"closed".equals(key.circuit())) {
            parts.add("circuit " + key.circuit().replace('_', '-'));
        }
        if (!"ready".equals(key.availability())) {
            parts.add(key.availability().replace('_', ' '));
        }
        if (!key.inRotation()) {
            parts.add("out of rotation");
        }
        if (key.lastError() != null) {
            parts.add("last error " + key.lastError());
        }
        return parts.isEmpty() ? null : String.join("; ", parts);
    }
}
