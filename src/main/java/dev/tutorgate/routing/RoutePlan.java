package dev.tutorgate.routing;

import dev.tutorgate.core.Complexity;
import java.util.List;
import java.util.Objects;

/**
 * Where one question goes: its complexity, why, and the models to try in order. The first candidate
 * is the routed model; the rest are fallbacks, ending with {@value ModelRouter#OFFLINE}. Which one
 * actually answers is decided by the resilience and budget layers.
 */
public record RoutePlan(Complexity complexity, List<String> reasons, List<String> candidates) {
    public RoutePlan {
        Objects.requireNonNull(complexity, "complexity");
        reasons = List.copyOf(reasons);
        candidates = List.copyOf(candidates);
        if (candidates.isEmpty()) {
            throw new IllegalArgumentException("a route needs at least one candidate");
        }
    }

    /** The model chosen for the question's complexity. */
    public String model() {
        return candidates.getFirst();
    }

    /** The candidates after the routed model, in order. */
    public List<String> fallbacks() {
        return candidates.subList(1, candidates.size());
    }
}
