package dev.tutorgate.resilience;

import java.util.List;

/**
 * The providers' status as resilience sees it: per model and key, OK / degraded / down, the circuit
 * state, the last error, keys out of rotation and cool-downs. Read by {@code GET /api/admin/providers},
 * the dashboard and the metrics (circuit state gauges). Answers from memory, never calls a provider.
 */
@FunctionalInterface
public interface ProviderHealth {
    /** Every configured model that can answer, in configuration order (the offline answerer is not listed). */
    List<ModelHealth> models();

    ProviderHealth NONE = List::of;
}
