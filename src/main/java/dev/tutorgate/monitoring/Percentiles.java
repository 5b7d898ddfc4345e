package dev.tutorgate.monitoring;

/**
 * Nearest-rank percentiles: the p-th percentile of N values is the value of rank ⌈p × N / 100⌉ in
 * ascending order (1-based). It is always one of the values, never an interpolation; p50 of
 * {100, 200, 300, 400} is 200, p95 of 20 values is the 19th.
 */
final class Percentiles {
    private Percentiles() {
    }

    /** The 1-based rank of percentile {@code p} (1–100) among {@code n ≥ 1} values. */
    static long rank(int p, long n) {
        if (p < 1 || p > 100) {
            throw new IllegalArgumentException("percentile must be 1..100: " + p);
        }
        if (n < 1) {
            throw new IllegalArgumentException("no values");
        }
        return Math.max(1, Math.ceilDiv(p * n, 100L));
    }
}
