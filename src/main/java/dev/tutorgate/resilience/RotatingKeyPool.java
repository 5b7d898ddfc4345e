package dev.tutorgate.resilience;

import dev.tutorgate.config.ProviderType;
import dev.tutorgate.config.TutorgateConfig;
import dev.tutorgate.gateway.Candidate;
import dev.tutorgate.gateway.ProviderKeys;
import dev.tutorgate.provider.ApiKey;
import dev.tutorgate.provider.ErrorKind;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link KeyPool}: per provider a {@link KeyRing} (round-robin, or weighted by
 * {@code providers[].keyWeights}) over shared {@link KeyState}s, and per model and key a
 * Resilience4j circuit breaker on the injected clock. Everything is built once at start-up; a
 * selection walks a handful of keys without locking.
 */
public final class RotatingKeyPool implements KeyPool {
    private static final Logger log = LoggerFactory.getLogger(RotatingKeyPool.class);

    /** What a counted failure is recorded as (Resilience4j takes a throwable; this one costs nothing). */
    private static final Exception UPSTREAM_FAILURE = new Exception("upstream failure", null, false, false) {
    };

    private final Map<String, KeyRing<ApiKey>> rings;
    private final Map<String, ProviderType> types;
    private final Map<String, List<KeyState>> keysByProvider;
    private final Map<String, Map<String, Deployment>> deployments;
    private final List<Candidate> models;
    private final Duration coolingWithoutHint;
    private final Duration quotaCooldown;
    private final KeyEvents events;

    private RotatingKeyPool(Map<String, KeyRing<ApiKey>> rings, Map<String, ProviderType> types,
                            Map<String, List<KeyState>> keysByProvider, Map<String, Map<String, Deployment>> deployments,
                            List<Candidate> models, RetryConfig retry, KeyEvents events) {
        this.rings = rings;
        this.types = types;
        this.keysByProvider = keysByProvider;
        this.deployments = deployments;
        this.models = models;
        this.coolingWithoutHint = retry.backoff().getFirst();
        this.quotaCooldown = retry.quotaCooldown();
        this.events = events;
    }

    /**
     * @param models the models that can answer (the offline answerer is ignored)
     */
    public static RotatingKeyPool create(TutorgateConfig config, ProviderKeys keys, Collection<Candidate> models,
                                         BreakerConfig breaker, RetryConfig retry, Clock clock, KeyEvents events) {
        CircuitBreakerConfig circuitConfig = circuitConfig(breaker, clock);
        Map<String, KeyRing<ApiKey>> rings = new HashMap<>();
        Map<String, ProviderType> types = new HashMap<>();
        Map<String, List<KeyState>> states = new HashMap<>();
        for (TutorgateConfig.Provider provider : config.providers()) {
            List<ApiKey> providerKeys = keys.keys(provider.name());
            rings.put(provider.name(), new KeyRing<>(providerKeys, weights(provider, providerKeys.size())));
            types.put(provider.name(), provider.type());
            states.put(provider.name(), providerKeys.stream().map(k -> new KeyState(provider.name(), k)).toList());
        }
        Map<String, Map<String, Deployment>> deployments = new HashMap<>();
        List<Candidate> modelList = new ArrayList<>();
        for (Candidate model : models) {
            if (model.offline() || !states.containsKey(model.provider())) {
                continue;
            }
            modelList.add(model);
            Map<String, Deployment> byAlias = new LinkedHashMap<>();
            for (KeyState key : states.get(model.provider())) {
                CircuitBreaker circuit = CircuitBreaker.of(model.model() + "@" + key.alias(), circuitConfig);
                byAlias.put(key.alias(), new Deployment(model, key, circuit));
            }
            deployments.put(model.model(), Map.copyOf(byAlias));
        }
        return new RotatingKeyPool(Map.copyOf(rings), Map.copyOf(types), Map.copyOf(states), Map.copyOf(deployments),
                List.copyOf(modelList), retry, Objects.requireNonNull(events, "events"));
    }

    static CircuitBreakerConfig circuitConfig(BreakerConfig breaker, Clock clock) {
        return CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(breaker.windowSize())
                .minimumNumberOfCalls(breaker.minimumCalls())
                .failureRateThreshold(breaker.failureRateThreshold())
                .waitDurationInOpenState(breaker.openDuration())
                .permittedNumberOfCallsInHalfOpenState(breaker.halfOpenCalls())
                // Half-open comes with the next call after the cool-down, on the injected clock.
                .automaticTransitionFromOpenToHalfOpenEnabled(false)
                .clock(clock)
                .build();
    }

    private static List<Integer> weights(TutorgateConfig.Provider provider, int keyCount) {
        List<Integer> weights = provider.keyWeights();
        if (weights == null || weights.isEmpty()) {
            return null;
        }
        if (weights.size() != keyCount) {
            log.warn("provider {}: {} key weights for {} usable keys; balancing them equally", provider.name(),
                    weights.size(), keyCount);
            return null;
        }
        return weights;
    }

    @Override
    public Selection select(Candidate model, Set<String> skip, Instant now) {
        Map<String, Deployment> byAlias = deployments.get(model.model());
        KeyRing<ApiKey> ring = rings.get(model.provider());
        if (byAlias == null || ring == null) {
            return new Selection.NoKey("no_key");
        }
        Instant firstFree = null;
        boolean circuitOpen = false;
        boolean skipped = false;
        boolean outOfQuota = false;
        boolean refused = false;
        for (ApiKey key : ring.nextTurn()) {
            if (skip.contains(key.alias())) {
                skipped = true;
                continue;
            }
            Deployment deployment = byAlias.get(key.alias());
            KeyState.Snapshot state = deployment.key().snapshot();
            switch (state.availability(now)) {
                case INVALID -> refused = true;
                case OUT_OF_QUOTA -> outOfQuota = true;
                case COOLING -> firstFree = firstFree == null || state.coolingUntil().isBefore(firstFree)
                        ? state.coolingUntil() : firstFree;
                case READY -> {
                    if (deployment.circuit().tryAcquirePermission()) {
                        return new Selection.Lease(model, key, deployment);
                    }
                    circuitOpen = true;
                }
            }
        }
        if (firstFree != null) {
            return new Selection.WaitUntil(firstFree);
        }
        return new Selection.NoKey(circuitOpen ? "circuit_open" : skipped ? "throttled"
                : outOfQuota ? "quota_exhausted" : refused ? "invalid_key" : "no_key");
    }

    @Override
    public boolean hasUsableKey(Candidate model, Instant now) {
        Map<String, Deployment> byAlias = deployments.get(model.model());
        if (byAlias == null) {
            return false;
        }
        for (Deployment deployment : byAlias.values()) {
            KeyAvailability availability = deployment.key().snapshot().availability(now);
            CircuitBreaker.State circuit = deployment.circuit().getState();
            if ((availability == KeyAvailability.READY || availability == KeyAvailability.COOLING)
                    && circuit != CircuitBreaker.State.OPEN && circuit != CircuitBreaker.State.FORCED_OPEN) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void succeeded(Selection.Lease lease, Duration took, Instant now) {
        Deployment deployment = lease.deployment();
        deployment.circuit().onSuccess(took.toNanos(), TimeUnit.NANOSECONDS);
        deployment.succeeded(now);
        deployment.key().succeeded(now);
    }

    @Override
    public void failed(Selection.Lease lease, ErrorKind kind, Duration hint, Duration took, Instant now) {
        Deployment deployment = lease.deployment();
        KeyState key = deployment.key();
        deployment.failed(kind, now);
        if (FailureAction.countsAgainstCircuit(kind)) {
            deployment.circuit().onError(took.toNanos(), TimeUnit.NANOSECONDS, UPSTREAM_FAILURE);
            return;
        }
        deployment.circuit().releasePermission();
        switch (FailureAction.of(kind)) {
            case COOL_DOWN_KEY -> key.coolUntil(now.plus(hint != null ? hint : coolingWithoutHint), now);
            case KEY_OUT_OF_QUOTA -> key.outOfQuotaUntil(
                    QuotaResets.resetAfter(types.get(key.provider()), now, hint, quotaCooldown), now);
            case KEY_INVALID -> {
                if (key.invalidate(now)) {
                    events.keyRefused(key, keysInRotation(key.provider()), now);
                }
            }
            default -> {
                // our request's fault (bad request, too long, blocked) or the student's: nothing about the key
            }
        }
    }

    private int keysInRotation(String provider) {
        return (int) keysByProvider.getOrDefault(provider, List.of()).stream()
                .filter(k -> k.snapshot().invalidSince() == null).count();
    }

    @Override
    public void release(Selection.Lease lease) {
        lease.deployment().circuit().releasePermission();
    }

    @Override
    public boolean enable(String keyAlias) {
        for (List<KeyState> keys : keysByProvider.values()) {
            for (KeyState key : keys) {
                if (key.alias().equals(keyAlias)) {
                    key.enable();
                    deployments.values().stream().map(byAlias -> byAlias.get(keyAlias)).filter(Objects::nonNull)
                            .forEach(d -> d.circuit().reset());
                    log.info("key {} of provider {} is back in rotation", keyAlias, key.provider());
                    return true;
                }
            }
        }
        return false;
    }

    @Override
    public List<ModelKeys> snapshot(Instant now) {
        List<ModelKeys> out = new ArrayList<>(models.size());
        for (Candidate model : models) {
            Map<String, Deployment> byAlias = deployments.get(model.model());
            List<KeyView> views = new ArrayList<>(byAlias.size());
            for (ApiKey key : rings.get(model.provider()).keys()) {
                views.add(view(byAlias.get(key.alias()), now));
            }
            out.add(new ModelKeys(model, views));
        }
        return out;
    }

    private static KeyView view(Deployment deployment, Instant now) {
        KeyState.Snapshot key = deployment.key().snapshot();
        Deployment.Outcomes own = deployment.outcomes();
        // The key's own troubles (refused, quota, rate limit) come from any model; show them when newer.
        boolean keyErrorNewer = key.lastErrorAt() != null
                && (own.lastErrorAt() == null || key.lastErrorAt().isAfter(own.lastErrorAt()));
        return new KeyView(deployment.key().alias(), key.availability(now),
                deployment.circuit().getState().name().toLowerCase(Locale.ROOT),
                key.invalidSince(), future(key.quotaUntil(), now), future(key.coolingUntil(), now),
                keyErrorNewer ? key.lastError() : own.lastError(), keyErrorNewer ? key.lastErrorAt() : own.lastErrorAt(),
                own.lastSuccessAt());
    }

    private static Instant future(Instant at, Instant now) {
        return at != null && at.isAfter(now) ? at : null;
    }
}
