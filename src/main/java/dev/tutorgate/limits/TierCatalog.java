package dev.tutorgate.limits;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.tutorgate.config.ProviderType;
import dev.tutorgate.config.TutorgateConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Default rate limits per provider type and tier (resource {@code dev/tutorgate/limits/tiers.yaml},
 * from provider-facts §7), and how a configured provider's effective limits are worked out.
 */
public final class TierCatalog {
    private static final String RESOURCE = "/dev/tutorgate/limits/tiers.yaml";
    /** Tiers from least to most allowed; "custom" is not among them. */
    private static final List<String> TIER_ORDER = List.of("free", "tier1", "tier2", "tier3", "tier4", "tier5");
    private static final String CUSTOM = "custom";

    private final Map<String, ProviderTiers> byProviderType;

    record Row(Long rpm, Long tpm, Long outputTpm, Long rpd) {
    }

    record ProviderTiers(String reference, String tpmCounts, Map<String, Row> tiers) {
    }

    /**
     * A provider's limits and how they were chosen.
     *
     * @param basis what they rest on, for people ("anthropic tier1 (Claude Sonnet 4.x …)")
     * @param notes things the operator should know, worth a warning at start-up
     */
    public record Resolved(ProviderLimits limits, String basis, List<String> notes) {
        public Resolved {
            notes = List.copyOf(notes);
        }
    }

    private TierCatalog(Map<String, ProviderTiers> byProviderType) {
        this.byProviderType = Map.copyOf(byProviderType);
    }

    /** The catalogue shipped with tutorgate. */
    public static TierCatalog bundled() {
        try (InputStream in = TierCatalog.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the build");
            }
            ObjectMapper yaml = new ObjectMapper(new YAMLFactory())
                    .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
            Map<String, ProviderTiers> read = yaml.readValue(in,
                    yaml.getTypeFactory().constructMapType(Map.class, String.class, ProviderTiers.class));
            return new TierCatalog(read);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    /** The published limits of a provider type's tier, if there is a row for exactly that tier. */
    public ProviderLimits published(ProviderType type, String tier) {
        ProviderTiers provider = byProviderType.get(type.id());
        Row row = provider == null ? null : provider.tiers().get(tier);
        return row == null ? null : toLimits(provider, row);
    }

    /**
     * The limits a configured provider runs under: its tier's row (or the highest published tier
     * below it), then {@code limits} overrides. "custom", no tier, or a provider type without tiers
     * mean only the overrides.
     */
    public Resolved resolve(TutorgateConfig.Provider provider) {
        return resolve(provider.name(), provider.type(), provider.tier(), provider.limits());
    }

    public Resolved resolve(String providerName, ProviderType type, String tier, TutorgateConfig.TierLimits overrides) {
        List<String> notes = new ArrayList<>();
        String wanted = tier == null ? null : tier.trim().toLowerCase(Locale.ROOT);
        ProviderTiers provider = byProviderType.get(type.id());
        ProviderLimits base = ProviderLimits.NONE;
        String basis;
        if (wanted == null || wanted.equals(CUSTOM) || provider == null) {
            basis = "configured limits only";
            if (wanted == null && provider != null) {
                notes.add("providers[" + providerName + "]: no tier set, so no " + type.id()
                        + " tier limits apply (set tier: free, tier1 … or limits: {rpm, tpm, rpd})");
            }
        } else {
            int rank = TIER_ORDER.indexOf(wanted);
            if (rank < 0) {
                throw new IllegalArgumentException("unknown tier '" + tier + "'");
            }
            String used = null;
            for (int r = rank; r >= 0 && used == null; r--) {
                if (provider.tiers().containsKey(TIER_ORDER.get(r))) {
                    used = TIER_ORDER.get(r);
                }
            }
            if (used == null) {
                basis = "configured limits only";
                notes.add("providers[" + providerName + "]: " + type.id() + " publishes no limits for " + wanted
                        + " or below; set limits: {rpm, tpm, rpd}");
            } else {
                base = toLimits(provider, provider.tiers().get(used));
                basis = type.id() + " " + used + " (" + provider.reference() + ")";
                if (!used.equals(wanted)) {
                    notes.add("providers[" + providerName + "]: " + type.id() + " publishes no limits for " + wanted
                            + "; using " + used + "'s, which your account exceeds (set limits: to use more)");
                }
            }
        }
        boolean overridden = overrides != null
                && (overrides.rpm() != null || overrides.tpm() != null || overrides.rpd() != null);
        if (base != ProviderLimits.NONE && overridden) {
            basis = basis + " with configured overrides";
        }
        return new Resolved(base.withOverrides(overrides), basis, notes);
    }

    private static ProviderLimits toLimits(ProviderTiers provider, Row row) {
        ProviderLimits.TokenCounting counting = "input".equals(provider.tpmCounts())
                ? ProviderLimits.TokenCounting.INPUT : ProviderLimits.TokenCounting.INPUT_AND_OUTPUT;
        return new ProviderLimits(row.rpm(), row.tpm(), row.outputTpm(), row.rpd(), counting);
    }
}
