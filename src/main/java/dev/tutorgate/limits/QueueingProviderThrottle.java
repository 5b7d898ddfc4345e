package dev.tutorgate.limits;

import dev.tutorgate.config.TutorgateConfig;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The provider throttle: one {@link KeyLane} per key alias, each with its tier's limits, sliding
 * windows and a bounded FIFO queue. Keys are independent; a key nobody registered is counted but
 * not limited.
 */
public final class QueueingProviderThrottle implements ProviderThrottle {
    private static final Logger log = LoggerFactory.getLogger(QueueingProviderThrottle.class);

    private final long maxWaitNanos;
    private final int maxQueueLength;
    private final Ticker ticker;
    private final Map<String, KeyLane> lanes = new ConcurrentHashMap<>();

    /**
     * @param maxWait        longest a request waits for room ({@code limits.providerQueueMaxWaitMs}); 0 = never wait
     * @param maxQueueLength most requests waiting per key ({@code limits.providerQueueMaxLength})
     */
    public QueueingProviderThrottle(Duration maxWait, int maxQueueLength, Ticker ticker) {
        if (maxWait.isNegative()) {
            throw new IllegalArgumentException("the maximum wait must not be negative");
        }
        if (maxQueueLength < 0) {
            throw new IllegalArgumentException("the maximum queue length must not be negative");
        }
        this.maxWaitNanos = maxWait.toNanos();
        this.maxQueueLength = maxQueueLength;
        this.ticker = Objects.requireNonNull(ticker, "ticker");
        ticker.onAdvance(() -> lanes.values().forEach(KeyLane::wakeAll));
    }

    /**
     * From the configuration: every provider's keys, named {@code <provider>#<n>} (1-based, the
     * {@link dev.tutorgate.provider.ApiKey} alias), under the limits the catalogue resolves for the
     * provider's tier. The catalogue's notes are logged as warnings.
     */
    public static QueueingProviderThrottle fromConfig(TutorgateConfig config, TierCatalog catalog) {
        QueueingProviderThrottle throttle = new QueueingProviderThrottle(
                Duration.ofMillis(config.limits().providerQueueMaxWaitMs()), config.limits().providerQueueMaxLength(),
                Ticker.SYSTEM);
        for (TutorgateConfig.Provider provider : config.providers()) {
            TierCatalog.Resolved resolved = catalog.resolve(provider);
            resolved.notes().forEach(log::warn);
            int keys = provider.apiKeys() == null ? 0 : provider.apiKeys().size();
            for (int i = 1; i <= Math.max(keys, 1); i++) {
                throttle.register(keyAlias(provider.name(), i), resolved.limits());
            }
            log.info("provider {}: rate limits per key from {}", provider.name(), resolved.basis());
        }
        return throttle;
    }

    /** The alias of a provider's n-th key (1-based), e.g. "gemini-main#2". */
    public static String keyAlias(String providerName, int oneBasedIndex) {
        return providerName + "#" + oneBasedIndex;
    }

    /** Sets (or replaces) a key's limits; waiting requests see the new limits at once. */
    public void register(String keyAlias, ProviderLimits limits) {
        Objects.requireNonNull(limits, "limits");
        KeyLane lane = lanes.computeIfAbsent(keyAlias, alias -> new KeyLane(alias, limits, ticker));
        lane.setLimits(limits);
    }

    @Override
    public ThrottlePermit acquire(String keyAlias, long inputTokens, long maxOutputTokens) throws ThrottledException {
        return lane(keyAlias).acquire(inputTokens, maxOutputTokens, maxWaitNanos, maxQueueLength);
    }

    @Override
    public KeyUsage usage(String keyAlias) {
        return lane(keyAlias).usage();
    }

    @Override
    public List<KeyUsage> usage() {
        return lanes.values().stream().map(KeyLane::usage).sorted(Comparator.comparing(KeyUsage::keyAlias)).toList();
    }

    private KeyLane lane(String keyAlias) {
        Objects.requireNonNull(keyAlias, "keyAlias");
        return lanes.computeIfAbsent(keyAlias, alias -> new KeyLane(alias, ProviderLimits.NONE, ticker));
    }
}
