package dev.tutorgate.resilience;

import dev.tutorgate.gateway.Candidate;
import dev.tutorgate.provider.ErrorKind;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One model on one key: its circuit breaker and its last outcomes. A model that is down trips its
 * own circuits, not the other models' on the same key; what belongs to the key (refused, out of
 * quota, rate limited) is in the shared {@link KeyState}.
 */
public final class Deployment {
    record Outcomes(ErrorKind lastError, Instant lastErrorAt, Instant lastSuccessAt) {
        static final Outcomes NONE = new Outcomes(null, null, null);
    }

    private final Candidate model;
    private final KeyState key;
    private final CircuitBreaker circuit;
    private final AtomicReference<Outcomes> outcomes = new AtomicReference<>(Outcomes.NONE);

    Deployment(Candidate model, KeyState key, CircuitBreaker circuit) {
        this.model = model;
        this.key = key;
        this.circuit = circuit;
    }

    public Candidate model() {
        return model;
    }

    public KeyState key() {
        return key;
    }

    CircuitBreaker circuit() {
        return circuit;
    }

    Outcomes outcomes() {
        return outcomes.get();
    }

    void succeeded(Instant at) {
        outcomes.updateAndGet(o -> new Outcomes(o.lastError(), o.lastErrorAt(), at));
    }

    void failed(ErrorKind kind, Instant at) {
        outcomes.updateAndGet(o -> new Outcomes(kind, at, o.lastSuccessAt()));
    }
}
