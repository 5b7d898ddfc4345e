package dev.tutorgate.resilience;

import dev.tutorgate.gateway.Candidate;
import dev.tutorgate.provider.ApiKey;
import java.time.Instant;

/** The outcome of asking a {@link KeyPool} for a key to call a model with. */
public sealed interface Selection {

    /**
     * A key to call {@code model} with now. Its circuit has let this call through (a half-open
     * circuit lets only its probe through): report the call's outcome, or give the lease back with
     * {@link KeyPool#release} if the call is not made.
     */
    record Lease(Candidate model, ApiKey key, Deployment deployment) implements Selection {
    }

    /** Every usable key is cooling down after a rate limit; the first is free again at {@code until}. */
    record WaitUntil(Instant until) implements Selection {
    }

    /**
     * No key can be used for this model: refused, out of quota, or its circuit open.
     *
     * @param reason the fallback reason: {@code circuit_open}, {@code quota_exhausted}, {@code invalid_key},
     *               {@code throttled} or {@code no_key}
     */
    record NoKey(String reason) implements Selection {
    }
}
