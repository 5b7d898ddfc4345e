package dev.tutorgate.monitoring;

import dev.tutorgate.scaling.KeyTier;
import dev.tutorgate.scaling.LimitUse;
import dev.tutorgate.scaling.TierMonitor;
import java.util.ArrayList;
import java.util.List;

/**
 * The tier monitor's view of each key — requests and tokens in the last minute against the tier's
 * limits, by the provider's own headers while fresh, else by tutorgate's count — as provider status
 * for the dashboard and the headroom gauges. A key is "degraded" while the monitor's warning is up
 * (from {@code scaling.warnAtFraction}, 90%, of a limit), while requests wait for room, or after a
 * 429 from the provider in the last 24 hours; otherwise "ok". Register it with
 * {@link Monitoring#watchProviders}.
 */
public final class TierStatusSource implements ProviderStatusSource {
    private final TierMonitor tiers;

    public TierStatusSource(TierMonitor tiers) {
        this.tiers = tiers;
    }

    @Override
    public List<ProviderStatus> providerStatus() {
        return tiers.status().keys().stream().map(TierStatusSource::status).toList();
    }

    private static ProviderStatus status(KeyTier key) {
        List<String> detail = new ArrayList<>();
        if (key.warning()) {
            detail.add("uses " + worst(key).usedPercent().toPlainString() + "% of its " + (worst(key) == key.tokensPerMinute()
                    ? "tokens" : "requests") + " per minute (" + worst(key).countedBy().label() + "'s count)");
        }
        if (key.queued() > 0) {
            detail.add(key.queued() + " request" + (key.queued() == 1 ? "" : "s") + " waiting");
        }
        if (key.rateLimitedLastDay() > 0) {
            detail.add("429 from the provider " + key.rateLimitedLastDay() + " time" + (key.rateLimitedLastDay() == 1 ? "" : "s")
                    + " in 24 h");
        }
        return new ProviderStatus(key.provider(), null, key.keyAlias(), key.tier(), detail.isEmpty() ? "ok" : "degraded",
                key.requestsPerMinute().used(), key.requestsPerMinute().limit(), key.tokensPerMinute().used(),
                key.tokensPerMinute().limit(), detail.isEmpty() ? null : String.join("; ", detail));
    }

    /** The more used of the key's two per-minute limits. */
    private static LimitUse worst(KeyTier key) {
        LimitUse requests = key.requestsPerMinute();
        LimitUse tokens = key.tokensPerMinute();
        if (requests.usedPercent() == null) {
            return tokens;
        }
        return tokens.usedPercent() != null && tokens.usedPercent().compareTo(requests.usedPercent()) > 0 ? tokens : requests;
    }
}
