package dev.tutorgate.resilience;

import dev.tutorgate.gateway.Candidate;
import dev.tutorgate.provider.ErrorKind;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * Every provider's keys and the state of each model on each key: which key a call uses (balanced,
 * skipping keys that are refused, out of quota, cooling down or whose circuit is open) and what each
 * call's outcome does to them. Thread-safe; nothing here blocks or holds a lock while a call runs.
 */
public interface KeyPool {

    /**
     * A key for the next call to {@code model}, taking the provider's keys in turn.
     *
     * @param skip aliases not to use for this call (e.g. the tier throttle had no room on them)
     */
    Selection select(Candidate model, Set<String> skip, Instant now);

    /**
     * Whether a call to {@code model} could get a key now or after a cool-down: some key is neither
     * refused nor out of quota, and its circuit is not open. Takes no turn and no permission (asked
     * before sleeping a backoff, so that a model whose last circuit just opened is left at once).
     */
    boolean hasUsableKey(Candidate model, Instant now);

    /** The call answered. */
    void succeeded(Selection.Lease lease, Duration took, Instant now);

    /**
     * The call failed with {@code kind}; {@code hint} is the provider's retry hint or null. A rate
     * limit cools the key down until the hint; a used-up quota takes it out until the quota resets;
     * a refused key takes it out of rotation; failures that say the upstream is unwell count
     * against the circuit of this model on this key.
     */
    void failed(Selection.Lease lease, ErrorKind kind, Duration hint, Duration took, Instant now);

    /** The call was not made after all (or the student went away): the circuit's permission goes back. */
    void release(Selection.Lease lease);

    /**
     * Puts a key back in rotation (after an admin fixed or topped it up): forgets that it was refused,
     * out of quota or cooling down, and closes its circuits. False when no key has that alias.
     */
    boolean enable(String keyAlias);

    /** Every model's keys as they are now, for the status page. */
    List<ModelKeys> snapshot(Instant now);

    /** One model's keys. */
    record ModelKeys(Candidate model, List<KeyView> keys) {
        public ModelKeys {
            keys = List.copyOf(keys);
        }
    }

    /**
     * One key as a model sees it.
     *
     * @param circuit     closed, open, half_open (Resilience4j's state, lower case) of this model on this key
     * @param lastError   the last failure of this model on this key (or of the key itself: refused, quota)
     */
    record KeyView(String alias, KeyAvailability availability, String circuit, Instant invalidSince,
                   Instant quotaUntil, Instant coolingUntil, ErrorKind lastError, Instant lastErrorAt,
                   Instant lastSuccessAt) {
    }
}
