package dev.tutorgate.monitoring;

import java.util.List;

/**
 * Who knows how the providers are doing: the provider-tier throttle (usage and headroom per key),
 * resilience (circuit states per model and key). The dashboard, {@code /api/admin/summary} and the
 * metrics read every registered source when they are asked; a source must answer quickly from
 * memory and never call a provider.
 */
@FunctionalInterface
public interface ProviderStatusSource {
    List<ProviderStatus> providerStatus();

    /** A source that knows nothing yet (until resilience lands). */
    ProviderStatusSource NONE = List::of;
}
