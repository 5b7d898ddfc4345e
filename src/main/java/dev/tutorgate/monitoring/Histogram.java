package dev.tutorgate.monitoring;

import java.util.Map;
import java.util.TreeMap;

/** Counts of values per {@link LatencyBuckets} bucket. Mutable, for one reader thread. */
final class Histogram {
    private final TreeMap<Long, Long> counts = new TreeMap<>();
    private long total;

    void add(long bucket, long n) {
        counts.merge(bucket, n, Long::sum);
        total += n;
    }

    void addValue(long ms) {
        add(LatencyBuckets.bucketOf(ms), 1);
    }

    void addAll(Histogram other) {
        other.counts.forEach(this::add);
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
        for (Map.Entry<Long, Long> e : counts.entrySet()) {
            if (before + e.getValue() >= rank) {
                return new Position(e.getKey(), rank - before);
            }
            before += e.getValue();
        }
        throw new IllegalStateException("unreachable: counts add up to total");
    }

    /** @param rankInBucket 1-based */
    record Position(long bucket, long rankInBucket) {
        long width() {
            return LatencyBuckets.widthOf(bucket);
        }
    }
}
