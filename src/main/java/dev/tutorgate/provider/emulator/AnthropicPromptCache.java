package dev.tutorgate.provider.emulator;

import java.util.concurrent.ConcurrentHashMap;

/**
 * Which Anthropic cache prefixes exist and until when, so that the first call with a prefix
 * reports a cache write and later calls within the TTL report a read (which refreshes the TTL,
 * provider-facts §5). Shared by all keys, like an organisation's cache.
 */
final class AnthropicPromptCache {
    private static final int PRUNE_ABOVE = 10_000;
    private final ConcurrentHashMap<String, Long> expiresAtMs = new ConcurrentHashMap<>();

    /** True when {@code prefix} of {@code model} is cached at {@code nowMs}; either way it is cached afterwards. */
    boolean readOrWrite(String model, EmulatedRequest.CachePrefix prefix, long nowMs) {
        if (expiresAtMs.size() > PRUNE_ABOVE) {
            expiresAtMs.values().removeIf(expiry -> expiry <= nowMs);
        }
        long ttlMs = prefix.oneHour() ? 3_600_000L : 300_000L;
        boolean[] hit = new boolean[1];
        expiresAtMs.compute(model + '#' + prefix.hash(), (k, expiry) -> {
            hit[0] = expiry != null && nowMs < expiry;
            return nowMs + ttlMs;
        });
        return hit[0];
    }

    void clear() {
        expiresAtMs.clear();
    }
}
