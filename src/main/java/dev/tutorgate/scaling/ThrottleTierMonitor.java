package dev.tutorgate.scaling;

import dev.tutorgate.alerts.Alert;
import dev.tutorgate.alerts.AlertSink;
import dev.tutorgate.config.ProviderType;
import dev.tutorgate.config.TutorgateConfig;
import dev.tutorgate.core.Fraction;
import dev.tutorgate.limits.ProviderLimits;
import dev.tutorgate.limits.ProviderThrottle;
import dev.tutorgate.limits.QueueingProviderThrottle;
import dev.tutorgate.limits.TierCatalog;
import dev.tutorgate.limits.Ticker;
import dev.tutorgate.provider.ErrorKind;
import dev.tutorgate.provider.ProviderException;
import dev.tutorgate.provider.RateLimitSnapshot;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The tier monitor over the provider throttle's own counts and the providers' rate-limit headers.
 * Built once from the configuration; the set of keys is fixed then. An observe call costs a map
 * lookup, one throttle read per key of the key's pool, a few volatile reads for the provider's
 * combined peak and, rarely, an alert.
 */
public final class ThrottleTierMonitor implements TierMonitor {
    private static final Logger log = LoggerFactory.getLogger(ThrottleTierMonitor.class);
    private static final List<String> PUBLISHED_TIERS = List.of("free", "tier1", "tier2", "tier3", "tier4", "tier5");

    private final ProviderThrottle throttle;
    private final AlertSink alerts;
    private final Clock clock;
    private final Fraction warnAt;
    private final Duration maxViewAge;
    private final TierCatalog catalog;
    private final List<ProviderState> providers;
    private final Map<String, ProviderState> providersByName;
    private final Map<String, LimitPool.Key> keys;

    /** A configured provider, its pools and its combined peaks. */
    private static final class ProviderState {
        final TutorgateConfig.Provider config;
        final TierCatalog.Resolved resolved;
        final List<String> models;
        final List<LimitPool> pools;
        final RecentPeaks peaks = new RecentPeaks();

        ProviderState(TutorgateConfig.Provider config, TierCatalog.Resolved resolved, List<String> models,
                      List<LimitPool> pools) {
            this.config = config;
            this.resolved = resolved;
            this.models = List.copyOf(models);
            this.pools = List.copyOf(pools);
        }
    }

    private ThrottleTierMonitor(List<ProviderState> providers, TierCatalog catalog, ProviderThrottle throttle,
                                AlertSink alerts, TutorgateConfig.Scaling settings, Clock clock) {
        this.providers = List.copyOf(providers);
        this.catalog = catalog;
        this.throttle = Objects.requireNonNull(throttle, "throttle");
        this.alerts = Objects.requireNonNull(alerts, "alerts");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.warnAt = new Fraction(settings.warnAtFraction());
        this.maxViewAge = Duration.ofSeconds(settings.providerViewMaxAgeSeconds());
        Map<String, LimitPool.Key> byAlias = new HashMap<>();
        Map<String, ProviderState> byName = new HashMap<>();
        for (ProviderState provider : providers) {
            byName.put(provider.config.name(), provider);
            for (LimitPool pool : provider.pools) {
                pool.keys.forEach(key -> byAlias.put(key.alias, key));
            }
        }
        this.keys = Map.copyOf(byAlias);
        this.providersByName = Map.copyOf(byName);
    }

    /**
     * Every configured provider's keys (by {@link TutorgateConfig.Provider#keyAliases()}, as the throttle
     * and the API keys name them) under the limits {@code catalog} resolves for its tier; keys of a provider with
     * {@code keysShareLimits: true} form one pool. Give it the throttle built from the same configuration.
     */
    public static ThrottleTierMonitor fromConfig(TutorgateConfig config, TierCatalog catalog, ProviderThrottle throttle,
                                                 AlertSink alerts, Clock clock) {
        List<ProviderState> states = new ArrayList<>();
        for (TutorgateConfig.Provider provider : config.providers()) {
            TierCatalog.Resolved resolved = catalog.resolve(provider);
            List<String> aliases = provider.keyAliases();
            List<LimitPool> pools = new ArrayList<>();
            if (provider.sharesLimits() && aliases.size() > 1) {
                pools.add(new LimitPool(QueueingProviderThrottle.sharedAlias(provider.name()), provider.name(), true,
                        resolved.limits(), aliases));
            } else {
                aliases.forEach(alias -> pools.add(new LimitPool(alias, provider.name(), false, resolved.limits(),
                        List.of(alias))));
            }
            List<String> models = config.models().stream().filter(m -> provider.name().equals(m.provider()))
                    .map(TutorgateConfig.Model::name).toList();
            states.add(new ProviderState(provider, resolved, models, pools));
        }
        return new ThrottleTierMonitor(states, catalog, throttle, alerts, config.scaling(), clock);
    }

    /**
     * From the configuration alone, with nothing observed: every key's tier, limits and the
     * providers' capacity, for a report made without a running server ({@code tutorgate report}).
     */
    public static ThrottleTierMonitor withoutTraffic(TutorgateConfig config, TierCatalog catalog, Clock clock) {
        return fromConfig(config, catalog, new QueueingProviderThrottle(Duration.ZERO, 0, Ticker.SYSTEM), alert -> { },
                clock);
    }

    @Override
    public void observe(String keyAlias, RateLimitSnapshot limits, Instant at) {
        LimitPool.Key key = keys.get(keyAlias);
        if (key == null || at == null) {
            return;
        }
        if (limits != null && !limits.isEmpty()) {
            key.view = ProviderView.of(limits, at);
        }
        evaluate(key.pool, at);
        recordCombined(key.pool.provider, at);
    }

    @Override
    public void observeError(String keyAlias, ProviderException error, Instant at) {
        LimitPool.Key key = keys.get(keyAlias);
        if (key != null && at != null
                && (error.kind() == ErrorKind.RATE_LIMITED || error.kind() == ErrorKind.QUOTA_EXHAUSTED)) {
            key.pool.peaks.rateLimited(at);
        }
        observe(keyAlias, error.rateLimits(), at);
    }

    @Override
    public TierStatus status() {
        Instant now = clock.instant();
        List<ProviderTier> providerTiers = new ArrayList<>();
        List<KeyTier> keyTiers = new ArrayList<>();
        for (ProviderState provider : providers) {
            Sum sum = new Sum();
            for (LimitPool pool : provider.pools) {
                LimitPool.Counts counts = evaluate(pool, now);
                RecentPeaks.Peaks peaks = pool.peaks.at(now);
                sum.add(counts, peaks, pool.warned());
                for (LimitPool.Key key : pool.keys) {
                    keyTiers.add(keyTier(provider, pool, key, counts, peaks, now));
                }
            }
            if (provider.pools.size() > 1) {
                provider.peaks.use(now, sum.requests, sum.tokens);
            }
            // one pool: its own peaks are the provider's; several: the combined peaks sampled on each observation
            RecentPeaks.Peaks combined = provider.pools.size() > 1 ? provider.peaks.at(now) : sum.lastPeaks;
            providerTiers.add(new ProviderTier(provider.config.name(), provider.config.type().id(), provider.config.tier(),
                    keyCount(provider), provider.config.sharesLimits(), provider.models,
                    LimitUse.of(sum.requests, sum.requestLimit, by(sum.requestsByProvider)),
                    LimitUse.of(sum.tokens, sum.tokenLimit, by(sum.tokensByProvider)),
                    LimitUse.of(sum.daily, sum.dailyLimit, LimitUse.CountedBy.TUTORGATE),
                    combined.requestsPerMinute(), combined.tokensPerMinute(), sum.rateLimited, sum.warnings));
        }
        return new TierStatus(now, warnAt.value(), providerTiers, keyTiers);
    }

    /** A provider's pools added up: limits add, and one unlimited pool makes the sum unlimited. */
    private static final class Sum {
        long requests;
        long tokens;
        long daily;
        Long requestLimit = 0L;
        Long tokenLimit = 0L;
        Long dailyLimit = 0L;
        boolean requestsByProvider;
        boolean tokensByProvider;
        int warnings;
        long rateLimited;
        RecentPeaks.Peaks lastPeaks = RecentPeaks.Peaks.NONE;

        void add(LimitPool.Counts c, RecentPeaks.Peaks poolPeaks, boolean warned) {
            requests = saturated(requests, c.requests());
            tokens = saturated(tokens, c.tokens());
            daily = saturated(daily, c.daily());
            requestLimit = plus(requestLimit, c.requestLimit());
            tokenLimit = plus(tokenLimit, c.tokenLimit());
            dailyLimit = plus(dailyLimit, c.dailyLimit());
            requestsByProvider |= c.requestsByProvider();
            tokensByProvider |= c.tokensByProvider();
            warnings += warned ? 1 : 0;
            rateLimited = saturated(rateLimited, poolPeaks.rateLimited());
            lastPeaks = poolPeaks;
        }

        private static Long plus(Long a, Long b) {
            return a == null || b == null ? null : saturated(a, b);
        }
    }

    /** a + b, or Long.MAX_VALUE past it: a provider may report absurd limits, and a sum must not wrap. */
    private static long saturated(long a, long b) {
        long sum = a + b;
        return ((a ^ sum) & (b ^ sum)) < 0 ? Long.MAX_VALUE : sum;
    }

    private LimitPool.Counts evaluate(LimitPool pool, Instant now) {
        LimitPool.Counts counts = pool.count(now, throttle, maxViewAge);
        pool.remember(counts);
        pool.peaks.use(now, counts.requests(), counts.tokens());
        boolean high = reached(counts.requests(), counts.requestLimit()) || reached(counts.tokens(), counts.tokenLimit());
        switch (pool.check(high, now)) {
            case RAISED -> alerts.send(warning(pool, counts, now));
            case CLEARED -> log.info("tier warning cleared: {} is below {}% of its limits per minute ({} requests, {} tokens)",
                    pool.id, warnAt.value().movePointRight(2).toPlainString(), counts.requests(), counts.tokens());
            case NONE -> { }
        }
        return counts;
    }

    private boolean reached(long used, Long limit) {
        return limit != null && warnAt.reachedBy(used, limit);
    }

    /**
     * Records a provider's combined use as a peak: the pool just evaluated plus the others' latest
     * counts (from their own last evaluation within the minute), so no other key is read again.
     */
    private void recordCombined(String providerName, Instant at) {
        ProviderState provider = providersByName.get(providerName);
        if (provider.pools.size() < 2) {
            return; // one pool: its own peaks are the provider's
        }
        long requests = 0;
        long tokens = 0;
        for (LimitPool pool : provider.pools) {
            LimitPool.Counts counts = pool.latest(at);
            if (counts != null) {
                requests = saturated(requests, counts.requests());
                tokens = saturated(tokens, counts.tokens());
            }
        }
        provider.peaks.use(at, requests, tokens);
    }

    private KeyTier keyTier(ProviderState provider, LimitPool pool, LimitPool.Key key, LimitPool.Counts counts,
                            RecentPeaks.Peaks peaks, Instant now) {
        ProviderView view = key.view;
        ProviderView fresh = view != null && view.freshAt(now, maxViewAge) ? view : null;
        String detected = fresh == null ? null : detectTier(provider.config.type(), fresh);
        List<String> notes = new ArrayList<>(provider.resolved.notes());
        if (fresh != null && fresh.requestsLimit() != null && pool.limits.rpm() != null
                && !fresh.requestsLimit().equals(pool.limits.rpm())) {
            notes.add("the provider reports " + count(fresh.requestsLimit()) + " requests per minute for " + key.alias
                    + " where " + provider.resolved.basis() + " gives " + count(pool.limits.rpm())
                    + (detected != null ? ": the account looks like " + detected + "; set providers[" + provider.config.name()
                    + "].tier: " + detected : ": set providers[" + provider.config.name() + "].limits.rpm"));
        }
        return new KeyTier(key.alias, provider.config.name(), provider.config.tier(), detected, provider.resolved.basis(),
                pool.shared ? pool.id : null,
                LimitUse.of(counts.requests(), counts.requestLimit(), by(counts.requestsByProvider())),
                LimitUse.of(counts.tokens(), counts.tokenLimit(), by(counts.tokensByProvider())),
                LimitUse.of(counts.daily(), counts.dailyLimit(), LimitUse.CountedBy.TUTORGATE),
                view, fresh != null, pool.warned(), pool.warnedAt(),
                peaks.requestsPerMinute(), peaks.tokensPerMinute(), peaks.rateLimited(), counts.queued(), notes);
    }

    /**
     * The published tier whose requests per minute (and tokens per minute, when both say) match the
     * provider's own figures: the brief's "get_current_tier", read from the key's replies.
     */
    private String detectTier(ProviderType type, ProviderView view) {
        if (view.requestsLimit() == null) {
            return null;
        }
        for (String tier : PUBLISHED_TIERS) {
            ProviderLimits published = catalog.published(type, tier);
            if (published != null && view.requestsLimit().equals(published.rpm())
                    && (view.tokensLimit() == null || published.tpm() == null || view.tokensLimit().equals(published.tpm()))) {
                return tier;
            }
        }
        return null;
    }

    private static int keyCount(ProviderState provider) {
        return provider.pools.stream().mapToInt(pool -> pool.keys.size()).sum();
    }

    private static LimitUse.CountedBy by(boolean provider) {
        return provider ? LimitUse.CountedBy.PROVIDER : LimitUse.CountedBy.TUTORGATE;
    }

    private Alert warning(LimitPool pool, LimitPool.Counts c, Instant now) {
        LimitUse requests = LimitUse.of(c.requests(), c.requestLimit(), by(c.requestsByProvider()));
        LimitUse tokens = LimitUse.of(c.tokens(), c.tokenLimit(), by(c.tokensByProvider()));
        boolean byTokens = requests.usedPercent() == null
                || tokens.usedPercent() != null && tokens.usedPercent().compareTo(requests.usedPercent()) > 0;
        LimitUse worst = byTokens ? tokens : requests;
        String what = byTokens ? "tokens per minute" : "requests per minute";
        String name = pool.shared ? pool.provider + "'s keys (one shared account)" : pool.id;
        String title = name + " at " + worst.usedPercent().stripTrailingZeros().toPlainString() + "% of its " + what;
        String text = name + " used " + count(worst.used()) + " of " + count(worst.limit()) + " " + what
                + (worst.countedBy() == LimitUse.CountedBy.PROVIDER ? " (as the provider counts, other applications on the account included)"
                : " (as tutorgate counts)")
                + ". At the limit the provider answers 429 and tutorgate makes requests wait or turns them away."
                + " Add API keys (their limits add up when they belong to different projects or organisations)"
                + " or upgrade the tier; the scaling advice on the dashboard shows by how much.";
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("Key", pool.shared ? String.join(", ", pool.keys.stream().map(k -> k.alias).toList()) : pool.id);
        facts.put("Provider", pool.provider);
        facts.put("Requests per minute", figure(requests));
        facts.put("Tokens per minute", figure(tokens));
        facts.put("Counted by", worst.countedBy().label());
        facts.put("Warning at", warnAt.value().movePointRight(2).stripTrailingZeros().toPlainString() + "%");
        return new Alert("tier:" + pool.id + ":" + now.getEpochSecond(), Alert.Severity.WARNING, title, text, facts, now);
    }

    private static String figure(LimitUse use) {
        return use.limit() == null ? count(use.used()) + " (no limit)"
                : count(use.used()) + " / " + count(use.limit()) + " (" + use.usedPercent().stripTrailingZeros().toPlainString() + "%)";
    }

    static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }
}
