package dev.tutorgate.scaling;

import java.time.Instant;
import java.util.Arrays;

/**
 * The highest requests and tokens per minute seen, and the provider's 429s counted, over the last
 * 24 hours — kept in 24 hourly slots, so memory stays constant and an old peak ages out. The
 * advisor compares these peaks with capacity. Synchronised: updates are a few array writes.
 */
final class RecentPeaks {
    static final int HOURS = 24;
    private static final long HOUR_SECONDS = 3600;

    private final long[] hourOf = new long[HOURS];
    private final long[] requests = new long[HOURS];
    private final long[] tokens = new long[HOURS];
    private final long[] rateLimited = new long[HOURS];

    /** The peaks and 429s over the last 24 hours. */
    record Peaks(long requestsPerMinute, long tokensPerMinute, long rateLimited) {
        static final Peaks NONE = new Peaks(0, 0, 0);
    }

    RecentPeaks() {
        Arrays.fill(hourOf, Long.MIN_VALUE);
    }

    synchronized void use(Instant at, long requestsPerMinute, long tokensPerMinute) {
        int slot = slot(at);
        if (slot < 0) {
            return;
        }
        requests[slot] = Math.max(requests[slot], requestsPerMinute);
        tokens[slot] = Math.max(tokens[slot], tokensPerMinute);
    }

    synchronized void rateLimited(Instant at) {
        int slot = slot(at);
        if (slot >= 0) {
            rateLimited[slot]++;
        }
    }

    synchronized Peaks at(Instant now) {
        long hour = hour(now);
        long maxRequests = 0;
        long maxTokens = 0;
        long limited = 0;
        for (int i = 0; i < HOURS; i++) {
            if (hourOf[i] > hour - HOURS && hourOf[i] <= hour) {
                maxRequests = Math.max(maxRequests, requests[i]);
                maxTokens = Math.max(maxTokens, tokens[i]);
                limited += rateLimited[i];
            }
        }
        return new Peaks(maxRequests, maxTokens, limited);
    }

    /**
     * The slot of {@code at}'s hour, emptied first if it last held an older hour; -1 for a time
     * more than a day older than the slot's hour (a late report about a window already gone).
     */
    private int slot(Instant at) {
        long hour = hour(at);
        int slot = (int) Math.floorMod(hour, (long) HOURS);
        if (hourOf[slot] > hour) {
            return -1;
        }
        if (hourOf[slot] < hour) {
            hourOf[slot] = hour;
            requests[slot] = 0;
            tokens[slot] = 0;
            rateLimited[slot] = 0;
        }
        return slot;
    }

    private static long hour(Instant at) {
        return Math.floorDiv(at.getEpochSecond(), HOUR_SECONDS);
    }
}
