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
     * From the configuration: every provider's keys, by {@link TutorgateConfig.Provider#keyAliases()}
     * (the aliases the dispatcher's keys carry), under the limits the catalogue resolves for the
     * provider's tier — each key its own, or all of them together when the provider says
     * {@code keysShareLimits: true} (see {@link #registerShared}). The catalogue's notes are logged as warnings.
     */
    public static QueueingProviderThrottle fromConfig(TutorgateConfig config, TierCatalog catalog) {
        return fromConfig(config, catalog, Ticker.SYSTEM);
    }

    /** As {@link #fromConfig(TutorgateConfig, TierCatalog)}, on {@code ticker}'s time (tests). */
    public static QueueingProviderThrottle fromConfig(TutorgateConfig config, TierCatalog catalog, Ticker ticker) {
        QueueingProviderThrottle throttle = new QueueingProviderThrottle(
                Duration.ofMillis(config.limits().providerQueueMaxWaitMs()), config.limits().providerQueueMaxLength(),
                ticker);
        for (TutorgateConfig.Provider provider : config.providers()) {
            TierCatalog.Resolved resolved = catalog.resolve(provider);
            resolved.notes().forEach(log::warn);
            List<String> aliases = provider.keyAliases();
            if (provider.sharesLimits() && aliases.size() > 1) {
                throttle.registerShared(sharedAlias(provider.name()), aliases, resolved.limits());
                log.info("provider {}: rate limits shared by its {} keys, from {}", provider.name(), aliases.size(),
                        resolved.basis());
            } else {
                aliases.forEach(alias -> throttle.register(alias, resolved.limits()));
                log.info("provider {}: rate limits per key from {}", provider.name(), resolved.basis());
            }
        }
        return throttle;
    }

    /** The name under which keys sharing one account's limits are counted, e.g. "gemini-main#*". */
    public static String sharedAlias(String providerName) {
        return providerName + "#*";
    }

    /**
     * Counts {@code keyAliases} together under one set of limits (keys of one Gemini project or one
     * OpenAI / Anthropic organisation share its limits): their requests fill the same windows and
     * wait in the same queue, and {@link #usage(String)} of any of them answers for all, as
     * {@code sharedAlias}. A key registered before is moved onto the shared count.
     */
    public void registerShared(String sharedAlias, List<String> keyAliases, ProviderLimits limits) {
        Objects.requireNonNull(limits, "limits");
        KeyLane lane = lanes.computeIfAbsent(sharedAlias, alias -> new KeyLane(alias, limits, ticker));
        lane.setLimits(limits);
        keyAliases.forEach(alias -> lanes.put(alias, lane));
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
        // A shared lane sits under every alias of its keys: count it once.
        return lanes.values().stream().distinct().map(KeyLane::usage)
                .sorted(Comparator.comparing(KeyUsage::keyAlias)).toList();
    }

    private KeyLane lane(String keyAlias) {
        Objects.requireNonNull(keyAlias, "keyAlias");
        return lanes.computeIfAbsent(keyAlias, alias -> new KeyLane(alias, ProviderLimits.NONE, ticker));
    }
}
