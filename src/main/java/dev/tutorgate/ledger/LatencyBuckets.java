package dev.tutorgate.ledger;

/**
 * The millisecond buckets of the {@code ledger_latency_hist} roll-up (V40): a value rounded down to
 * two significant digits — exact below 100 ms, 10 ms wide up to 1 s, 100 ms wide up to 10 s… The
 * migration's SQL computes the same function; a test keeps the two equal.
 *
 * <p>Why two digits: an hour then holds some 100 buckets per metric instead of one row per call,
 * and every threshold of the brief (800, 1500, 2000, 3000, 5000 ms) is a bucket boundary.
 */
public final class LatencyBuckets {
    public static final int TTFT = 1;
    public static final int LATENCY = 2;
    /** Dense slots up to 10⁸ ms (27 hours): 100 one-millisecond ones, then 90 per decade; larger values share the last. */
    public static final int SLOTS = 100 + 6 * 90 + 1;
    public static final long MAX = 100_000_000L;

    private LatencyBuckets() {
    }

    /** The bucket (its lowest value) that holds {@code ms}. */
    public static long bucketOf(long ms) {
        if (ms < 100) {
            return Math.max(ms, 0);
        }
        long width = widthOf(ms);
        return ms - ms % width;
    }

    /** The bucket's width: it holds [bucket, bucket + width). */
    public static long widthOf(long bucket) {
        if (bucket < 100) {
            return 1;
        }
        long width = 1;
        for (long limit = 1000; bucket >= limit && limit <= 10_000_000; limit *= 10) {
            width *= 10;
        }
        return Math.min(width * 10, 1_000_000);
    }

    /** The dense index of a bucket, 0 … SLOTS - 1 (for arrays of counts); every bucket from {@link #MAX} up shares the last. */
    public static int slotOf(long bucket) {
        if (bucket < 100) {
            return (int) Math.max(bucket, 0);
        }
        if (bucket >= MAX) {
            return SLOTS - 1;
        }
        int decade = 0;
        long width = 10;
        for (long limit = 1000; bucket >= limit; limit *= 10) {
            decade++;
            width *= 10;
        }
        return (int) (100 + decade * 90 + bucket / width - 10);
    }

    /** The bucket of a dense index: the inverse of {@link #slotOf}. */
    public static long bucketOfSlot(int slot) {
        if (slot < 100) {
            return slot;
        }
        if (slot >= SLOTS - 1) {
            return MAX;
        }
        int decade = (slot - 100) / 90;
        long width = 10;
        for (int i = 0; i < decade; i++) {
            width *= 10;
        }
        return ((slot - 100) % 90 + 10) * width;
    }
}
