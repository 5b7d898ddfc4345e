package dev.tutorgate.scaling;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The tier monitor's snapshot: every provider's capacity and every key's use, for the dashboard,
 * {@code GET /api/admin/tiers}, {@code tutorgate report}, the metrics and the advisor.
 *
 * @param warnAt the share of RPM or TPM that raises a warning ({@code scaling.warnAtFraction})
 */
public record TierStatus(Instant at, BigDecimal warnAt, List<ProviderTier> providers, List<KeyTier> keys) {
    public static final TierStatus EMPTY = new TierStatus(Instant.EPOCH, BigDecimal.ONE, List.of(), List.of());

    public TierStatus {
        providers = List.copyOf(providers);
        keys = List.copyOf(keys);
    }

    public Optional<ProviderTier> provider(String name) {
        return providers.stream().filter(p -> p.provider().equals(name)).findFirst();
    }

    public Optional<KeyTier> key(String alias) {
        return keys.stream().filter(k -> k.keyAlias().equals(alias)).findFirst();
    }
}
