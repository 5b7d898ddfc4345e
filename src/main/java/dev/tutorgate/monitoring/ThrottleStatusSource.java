package dev.tutorgate.monitoring;

import dev.tutorgate.config.TutorgateConfig;
import dev.tutorgate.limits.KeyUsage;
import dev.tutorgate.limits.ProviderThrottle;
import java.util.List;
import java.util.Locale;

/**
 * The provider-tier throttle's view of each key (requests and tokens in the last minute against the
 * tier's limits) as provider status for the dashboard and the headroom gauges. A key is
 * "degraded" when it uses 90% or more of a limit — the brief's tier-monitor warning — or has
 * requests waiting; otherwise "ok". Register it with {@link Monitoring#watchProviders}.
 */
public final class ThrottleStatusSource implements ProviderStatusSource {
    /** The brief: warn at 90% of RPM. */
    static final double WARN_AT_PERCENT = 90;

    private final ProviderThrottle throttle;
    private final TutorgateConfig config;

    public ThrottleStatusSource(ProviderThrottle throttle, TutorgateConfig config) {
        this.throttle = throttle;
        this.config = config;
    }

    @Override
    public List<ProviderStatus> providerStatus() {
        return throttle.usage().stream().map(this::status).toList();
    }

    private ProviderStatus status(KeyUsage usage) {
        String provider = providerOf(usage.keyAlias());
        String tier = config.provider(provider).map(p -> p.tier() == null ? null : p.tier().toLowerCase(Locale.ROOT))
                .orElse(null);
        ProviderStatus plain = new ProviderStatus(provider, null, usage.keyAlias(), tier, "ok", usage.requestsLastMinute(),
                usage.limits().rpm(), usage.tokensLastMinute(), usage.limits().tpm(), null);
        Double used = plain.usedPercent();
        boolean busy = used != null && used >= WARN_AT_PERCENT;
        if (!busy && usage.queued() == 0) {
            return plain;
        }
        String detail = (busy ? "uses " + used + "% of its tier's limit" : "") + (busy && usage.queued() > 0 ? "; " : "")
                + (usage.queued() > 0 ? usage.queued() + " request" + (usage.queued() == 1 ? "" : "s") + " waiting" : "");
        return new ProviderStatus(provider, null, usage.keyAlias(), tier, "degraded", plain.rpmUsed(), plain.rpmLimit(),
                plain.tpmUsed(), plain.tpmLimit(), detail);
    }

    /** Key aliases are "provider#n" (ApiKey): the provider's configured name before the '#'. */
    static String providerOf(String keyAlias) {
        int hash = keyAlias.lastIndexOf('#');
        return hash > 0 ? keyAlias.substring(0, hash) : keyAlias;
    }
}
