package dev.tutorgate.stress;

import java.util.Arrays;

/**
 * p50, p95 and p99 by the nearest-rank method: the value at rank ⌈p/100 · n⌉ of the sorted sample,
 * always one that was measured (no interpolation). Empty when nothing was measured.
 */
public record Percentiles(int count, long p50, long p95, long p99, long max) {
    public static final Percentiles EMPTY = new Percentiles(0, 0, 0, 0, 0);

    public static Percentiles of(long[] values) {
        if (values.length == 0) {
            return EMPTY;
        }
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return new Percentiles(sorted.length, nearestRank(sorted, 50), nearestRank(sorted, 95),
                nearestRank(sorted, 99), sorted[sorted.length - 1]);
    }

    /** The value at rank ⌈p·n/100⌉ (1-based) of an ascending array. */
    static long nearestRank(long[] sorted, int percent) {
        if (percent <= 0 || percent > 100) {
            throw new IllegalArgumentException("percent must be 1..100, was " + percent);
        }
        long rank = ((long) percent * sorted.length + 99) / 100;
        return sorted[(int) Math.max(1, rank) - 1];
    }

    public boolean isEmpty() {
        return count == 0;
    }
}
