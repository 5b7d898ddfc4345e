package dev.tutorgate.budget;

import java.time.Instant;
import java.util.List;

/**
 * Where budget counters live: for each counter, money <em>spent</em> (settled) and money
 * <em>reserved</em> (held by calls in flight). Every method is atomic on its own, across all the
 * counters it names, so that several guards (threads, or later several instances sharing one
 * store) can never together hold more than a limit.
 *
 * <p>Kept small on purpose so that a Redis implementation can be one Lua script per method with
 * the same semantics: hold ids unique per store, holds and counters that expire on their own.
 * Every implementation must pass {@code BudgetGuardContract} in the tests.
 */
public interface CounterStore {

    /**
     * One counter a hold touches.
     *
     * @param key        the counter's name, e.g. {@code budget:app:daily:2026-11-28}
     * @param limitPicos what spent + reserved may reach (limits are not stored: a new limit applies at once)
     * @param keepUntil  after this the counter may be forgotten (its period is over)
     */
    record Counter(String key, long limitPicos, Instant keepUntil) {
    }

    /** A counter's figures. */
    record Value(long spentPicos, long reservedPicos) {
        public static final Value ZERO = new Value(0, 0);
    }

    /**
     * The answer to {@link #hold}: HELD with the hold's id, or the index (in the list given) of the
     * counter the amount did not fit, or of a counter that does not exist yet and must be seeded first.
     */
    record HoldResult(Status status, long holdId, int counterIndex) {
        public enum Status { HELD, DOES_NOT_FIT, UNKNOWN_COUNTER }

        public static HoldResult held(long holdId) {
            return new HoldResult(Status.HELD, holdId, -1);
        }

        public static HoldResult doesNotFit(int counterIndex) {
            return new HoldResult(Status.DOES_NOT_FIT, 0, counterIndex);
        }

        public static HoldResult unknownCounter(int counterIndex) {
            return new HoldResult(Status.UNKNOWN_COUNTER, 0, counterIndex);
        }
    }

    /**
     * Adds {@code amountPicos} to the reserved sum of every counter, but only if for each one
     * spent + reserved + amount ≤ its limit; otherwise changes nothing. All counters must exist
     * (see {@link #seedIfAbsent}). The hold lapses at {@code expiresAt} (see {@link #expireHolds}).
     */
    HoldResult hold(List<Counter> counters, long amountPicos, Instant expiresAt);

    /**
     * Ends a hold: its amount leaves every counter's reserved sum and {@code actualPicos} (which may
     * be more than was held) joins their spent sum. Returns the counters' values afterwards, in the
     * hold's order, or null — changing nothing — when the hold no longer exists (ended or expired).
     */
    Value[] settle(long holdId, long actualPicos);

    /** Counts money as spent without a hold (a call settled after its hold expired). Counters that no longer exist are skipped. */
    void addSpent(List<Counter> counters, long picos);

    /** Drops holds whose expiry is at or before {@code now}, freeing what they reserved; returns how many. */
    int expireHolds(Instant now);

    /** Creates the counter with this spent sum (rebuilt from the ledger) unless it exists already. */
    void seedIfAbsent(Counter counter, long spentPicos);

    /** The counter's figures; null when it does not exist. */
    Value read(String key);
}
