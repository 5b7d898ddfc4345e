package dev.tutorgate.gateway;

import dev.tutorgate.config.ProviderType;
import dev.tutorgate.config.TutorgateConfig;
import dev.tutorgate.limits.QueueingProviderThrottle;
import dev.tutorgate.provider.ApiKey;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Each provider's API keys, handed out round-robin so their rate limits add up. Aliases are
 * "provider#1", "provider#2"… in configuration order; the secrets never leave {@link ApiKey}.
 * Thread-safe without locks.
 */
public final class ProviderKeys {
    private record Ring(List<ApiKey> keys, AtomicInteger next) {
    }

    private final Map<String, Ring> rings;

    private ProviderKeys(Map<String, Ring> rings) {
        this.rings = Map.copyOf(rings);
    }

    public static ProviderKeys fromConfig(TutorgateConfig config) {
        Map<String, Ring> rings = new HashMap<>();
        for (TutorgateConfig.Provider provider : config.providers()) {
            List<ApiKey> keys = new ArrayList<>();
            List<String> secrets = provider.apiKeys() == null ? List.of() : provider.apiKeys();
            for (String secret : secrets) {
                if (secret != null && !secret.isBlank()) {
                    keys.add(new ApiKey(QueueingProviderThrottle.keyAlias(provider.name(), keys.size() + 1), secret));
                }
            }
            if (keys.isEmpty() && provider.type() == ProviderType.OPENAI_COMPATIBLE) {
                // Self-hosted servers often need no key; the alias matches the provider throttle's.
                keys.add(new ApiKey(QueueingProviderThrottle.keyAlias(provider.name(), 1), ""));
            }
            rings.put(provider.name(), new Ring(List.copyOf(keys), new AtomicInteger()));
        }
        return new ProviderKeys(rings);
    }

    /** Whether calls to {@code provider} can be made at all. */
    public boolean hasKeys(String provider) {
        Ring ring = rings.get(provider);
        return ring != null && !ring.keys().isEmpty();
    }

    public List<ApiKey> keys(String provider) {
        Ring ring = rings.get(provider);
        return ring == null ? List.of() : ring.keys();
    }

    /** The next key of {@code provider}, round-robin. */
    public ApiKey next(String provider) {
        Ring ring = rings.get(provider);
        if (ring == null || ring.keys().isEmpty()) {
            throw new IllegalStateException("provider " + provider + " has no API key");
        }
        return ring.keys().get(Math.floorMod(ring.next().getAndIncrement(), ring.keys().size()));
    }
}
