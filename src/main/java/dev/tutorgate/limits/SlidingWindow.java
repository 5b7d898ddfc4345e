package dev.tutorgate.limits;

import java.time.Duration;

/**
 * A count over the last {@code window} (e.g. requests in the last minute), kept in {@code slots}
 * fixed slots so that memory and time per operation stay constant.
 *
 * <p>Conservative on purpose: a slot counts until all of it has left the window, so the count
 * covers up to one slot more than the window (61 s for a minute in 1-second slots). Whatever this
 * admits stays within the limit in <em>every</em> window of that length — hence also within a
 * provider's fixed window (Gemini's day from midnight Pacific) or its continuously refilled token
 * bucket (OpenAI, Anthropic), wherever their boundaries fall. Not thread-safe: the caller locks.
 */
final class SlidingWindow {
    private final long slotNanos;
    private final int slots;
    private final long[] counts;
    private final long[] slotOf;
    private long total;
    private long firstLive; // the oldest slot still inside the window
    private boolean started;

    SlidingWindow(Duration window, int slots) {
        this.slots = slots;
        this.slotNanos = window.toNanos() / slots;
        if (slotNanos * slots != window.toNanos()) {
            throw new IllegalArgumentException("the window must divide into whole slots");
        }
        // slots + 1 positions: the current slot and the `slots` before it
        this.counts = new long[slots + 1];
        this.slotOf = new long[slots + 1];
        java.util.Arrays.fill(slotOf, Long.MIN_VALUE);
    }

    long used(long now) {
        roll(now);
        return total;
    }

    void add(long now, long amount) {
        long slot = roll(now);
        int at = position(slot);
        if (slotOf[at] != slot) {
            slotOf[at] = slot;
            counts[at] = 0;
        }
        counts[at] += amount;
        total += amount;
    }

    /**
     * Corrects what was added at {@code addedAt} by {@code delta} (an estimate replaced by the
     * truth), if that slot is still inside the window; never below zero.
     */
    void adjust(long addedAt, long now, long delta) {
        roll(now);
        long slot = Math.floorDiv(addedAt, slotNanos);
        int at = position(slot);
        if (slot < firstLive || slotOf[at] != slot) {
            return; // already out of the window: it no longer counts either way
        }
        long applied = Math.max(delta, -counts[at]);
        counts[at] += applied;
        total += applied;
    }

    /**
     * How long until {@code amount} more fits under {@code limit}: 0 if it fits now,
     * {@link Long#MAX_VALUE} if it never can (more than the limit on its own).
     */
    long nanosUntilRoom(long now, long amount, long limit) {
        long current = roll(now);
        if (total + amount <= limit) {
            return 0;
        }
        if (amount > limit) {
            return Long.MAX_VALUE;
        }
        long needed = total + amount - limit;
        long freed = 0;
        for (long slot = firstLive; slot <= current; slot++) {
            int at = position(slot);
            if (slotOf[at] == slot) {
                freed += counts[at];
                if (freed >= needed) {
                    return (slot + slots + 1) * slotNanos - now; // when this slot has wholly left the window
                }
            }
        }
        throw new IllegalStateException("window total out of step with its slots");
    }

    /** Forgets slots that have left the window; returns the current slot. */
    private long roll(long now) {
        long current = Math.floorDiv(now, slotNanos);
        long first = current - slots;
        if (!started) {
            started = true;
            firstLive = first;
        }
        if (first <= firstLive) {
            return Math.max(current, firstLive + slots); // time never runs backwards for the window
        }
        if (first - firstLive > slots) {
            java.util.Arrays.fill(counts, 0);
            java.util.Arrays.fill(slotOf, Long.MIN_VALUE);
            total = 0;
        } else {
            for (long slot = firstLive; slot < first; slot++) {
                int at = position(slot);
                if (slotOf[at] == slot) {
                    total -= counts[at];
                    counts[at] = 0;
                    slotOf[at] = Long.MIN_VALUE;
                }
            }
        }
        firstLive = first;
        return current;
    }

    private int position(long slot) {
        return (int) Math.floorMod(slot, (long) counts.length);
    }
}
