package dev.tutorgate.gateway;

import dev.tutorgate.config.TutorgateConfig;
import dev.tutorgate.provider.ApiKey;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Each provider's API keys, handed out round-robin so their rate limits add up. Aliases come from
 * {@link TutorgateConfig.Provider#keyAliases()}, as everywhere else; the secrets never leave {@link ApiKey}.
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
            List<String> secrets = provider.usableKeys();
            List<String> aliases = provider.keyAliases();
            List<ApiKey> keys = new ArrayList<>(aliases.size());
            for (int i = 0; i < aliases.size(); i++) {
                // a keyless openai-compatible server has an alias and no secret
                keys.add(new ApiKey(aliases.get(i), i < secrets.size() ? secrets.get(i) : ""));
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
