package dev.tutorgate.resilience;

import dev.tutorgate.provider.ApiKey;
import dev.tutorgate.provider.ErrorKind;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What one provider key is going through: out of rotation (refused by the provider), out of quota
 * until a reset, cooling down after a 429 until the provider's hint, and its last error and
 * success. Shared by every model of the provider. Lock-free: each change swaps an immutable
 * snapshot.
 */
public final class KeyState {

    /**
     * @param lastError    the key's own last trouble: rate limited, out of quota or refused
     * @param invalidSince when the provider refused the key (it stays out until re-enabled); null if never
     * @param quotaUntil   the key's quota is used up until then; null if not
     * @param coolingUntil the key was rate limited until then; null if not
     */
    record Snapshot(Instant invalidSince, Instant quotaUntil, Instant coolingUntil, ErrorKind lastError,
                    Instant lastErrorAt, Instant lastSuccessAt) {
        static final Snapshot FRESH = new Snapshot(null, null, null, null, null, null);

        KeyAvailability availability(Instant now) {
            if (invalidSince != null) {
                return KeyAvailability.INVALID;
            }
            if (quotaUntil != null && quotaUntil.isAfter(now)) {
                return KeyAvailability.OUT_OF_QUOTA;
            }
            if (coolingUntil != null && coolingUntil.isAfter(now)) {
                return KeyAvailability.COOLING;
            }
            return KeyAvailability.READY;
        }

    }

    private final String provider;
    private final ApiKey key;
    private final AtomicReference<Snapshot> state = new AtomicReference<>(Snapshot.FRESH);

    KeyState(String provider, ApiKey key) {
        this.provider = provider;
        this.key = key;
    }

    public String provider() {
        return provider;
    }

    public String alias() {
        return key.alias();
    }

    ApiKey key() {
        return key;
    }

    Snapshot snapshot() {
        return state.get();
    }

    void succeeded(Instant at) {
        state.updateAndGet(s -> new Snapshot(s.invalidSince(), s.quotaUntil(), s.coolingUntil(), s.lastError(),
                s.lastErrorAt(), at));
    }

    void coolUntil(Instant until, Instant at) {
        state.updateAndGet(s -> new Snapshot(s.invalidSince(), s.quotaUntil(), later(s.coolingUntil(), until),
                ErrorKind.RATE_LIMITED, at, s.lastSuccessAt()));
    }

    void outOfQuotaUntil(Instant until, Instant at) {
        state.updateAndGet(s -> new Snapshot(s.invalidSince(), later(s.quotaUntil(), until), s.coolingUntil(),
                ErrorKind.QUOTA_EXHAUSTED, at, s.lastSuccessAt()));
    }

    /** Takes the key out of rotation; true for the call that did it (the alert goes out once). */
    boolean invalidate(Instant at) {
        Snapshot before = state.getAndUpdate(s -> new Snapshot(s.invalidSince() != null ? s.invalidSince() : at,
                s.quotaUntil(), s.coolingUntil(), ErrorKind.INVALID_KEY, at, s.lastSuccessAt()));
        return before.invalidSince() == null;
    }

    /** Back in rotation (an admin fixed the key or topped up the account): forgets outs and cool-downs. */
    void enable() {
        state.updateAndGet(s -> new Snapshot(null, null, null, s.lastError(), s.lastErrorAt(), s.lastSuccessAt()));
    }

    private static Instant later(Instant a, Instant b) {
        return a == null || b.isAfter(a) ? b : a;
    }
}
