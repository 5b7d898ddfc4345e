package dev.tutorgate.monitoring;

import dev.tutorgate.ledger.LatencyBuckets;

/**
 * Counts of values per {@link LatencyBuckets} bucket, in a dense array (one slot per bucket up to
 * 27 hours): merging a roll-up row is an array increment, not a map lookup. Mutable, for one reader thread.
 */
final class Histogram {
    private final long[] counts = new long[LatencyBuckets.SLOTS];
    private long total;

    void add(long bucket, long n) {
        counts[LatencyBuckets.slotOf(bucket)] += n;
        total += n;
    }

    void addValue(long ms) {
        add(LatencyBuckets.bucketOf(ms), 1);
    }

    long total() {
        return total;
    }

    /**
     * Where the value of 1-based rank {@code rank} lies: its bucket and its rank among the values
     * of that bucket. Requires {@code 1 <= rank <= total()}.
     */
    Position locate(long rank) {
        if (rank < 1 || rank > total) {
            throw new IllegalArgumentException("rank " + rank + " outside 1.." + total);
        }
        long before = 0;
        for (int slot = 0; slot < counts.length; slot++) {
            if (before + counts[slot] >= rank) {
                return new Position(LatencyBuckets.bucketOfSlot(slot), rank - before);
            }
            before += counts[slot];
        }
        throw new IllegalStateException("unreachable: counts add up to total");
    }

    /** @param rankInBucket 1-based */
    record Position(long bucket, long rankInBucket) {
        /** How far the bucket reaches; the last slot holds everything from {@link LatencyBuckets#MAX} up. */
        long width() {
            return bucket >= LatencyBuckets.MAX ? Long.MAX_VALUE - bucket : LatencyBuckets.widthOf(bucket);
        }
    }
}
