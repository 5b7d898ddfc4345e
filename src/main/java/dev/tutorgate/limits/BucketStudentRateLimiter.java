package dev.tutorgate.limits;

import dev.tutorgate.config.TutorgateConfig;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * One Bucket4j token bucket per student: capacity N, refilled greedily at N per minute (one token
 * every 60/N seconds), so a student may send N at once and then one per 60/N seconds.
 *
 * <p>Memory stays bounded however many students come and go: a bucket that has been idle for a
 * minute is full again, which is exactly what a new bucket is, so it is dropped without anyone
 * being able to tell. Dropping happens on the request path at most once a minute.
 */
public final class BucketStudentRateLimiter implements StudentRateLimiter {
    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    private static final long MINUTE_NANOS = Duration.ofMinutes(1).toNanos();
    private static final long RETIRED = Long.MIN_VALUE;

    private final int perMinute;
    private final Ticker ticker;
    private final TimeMeter timeMeter;
    private final Map<String, Entry> buckets = new ConcurrentHashMap<>();
    private final AtomicLong nextSweep;
    private final LongAdder rejections = new LongAdder();

    public BucketStudentRateLimiter(int requestsPerMinute, Ticker ticker) {
        if (requestsPerMinute < 1) {
            throw new IllegalArgumentException("requests per minute must be at least 1");
        }
        this.perMinute = requestsPerMinute;
        this.ticker = Objects.requireNonNull(ticker, "ticker");
        this.timeMeter = new TickerTimeMeter(ticker);
        this.nextSweep = new AtomicLong(ticker.nanoTime() + MINUTE_NANOS);
    }

    /** {@code limits.studentRequestsPerMinute}, on the system clock. */
    public static BucketStudentRateLimiter fromConfig(TutorgateConfig.Limits limits) {
        return new BucketStudentRateLimiter(limits.studentRequestsPerMinute(), Ticker.SYSTEM);
    }

    @Override
    public RateDecision tryAcquire(String studentId) {
        Objects.requireNonNull(studentId, "studentId");
        long now = ticker.nanoTime();
        sweepIfDue(now);
        while (true) {
            Entry entry = buckets.computeIfAbsent(studentId, id -> new Entry(newBucket(), now));
            if (entry.touch(now)) {
                ConsumptionProbe probe = entry.bucket.tryConsumeAndReturnRemaining(1);
                if (probe.isConsumed()) {
                    return RateDecision.ALLOWED;
                }
                rejections.increment();
                return new RateDecision(false, retryAfterSeconds(probe.getNanosToWaitForRefill()));
            }
            buckets.remove(studentId, entry); // dropped as idle a moment ago: make a fresh one
        }
    }

    /** Requests refused so far (for metrics). */
    public long rejectedCount() {
        return rejections.sum();
    }

    /** Students with a bucket in memory right now. */
    public int trackedStudents() {
        return buckets.size();
    }

    public int requestsPerMinute() {
        return perMinute;
    }

    private Bucket newBucket() {
        return Bucket.builder()
                .addLimit(limit -> limit.capacity(perMinute).refillGreedy(perMinute, Duration.ofMinutes(1)))
                .withCustomTimePrecision(timeMeter)
                .build();
    }

    /** Whole seconds, rounded up and at least 1: "try again in 0 seconds" would invite a retry that fails. */
    static long retryAfterSeconds(long nanos) {
        return Math.max(1, (nanos + NANOS_PER_SECOND - 1) / NANOS_PER_SECOND);
    }

    private void sweepIfDue(long now) {
        long due = nextSweep.get();
        if (now - due < 0 || !nextSweep.compareAndSet(due, now + MINUTE_NANOS)) {
            return;
        }
        buckets.forEach((studentId, entry) -> {
            if (entry.retireIfIdle(now, perMinute)) {
                buckets.remove(studentId, entry);
            }
        });
    }

    /** A bucket and when it was last used; {@link #RETIRED} once dropped, so late users start a new one. */
    private static final class Entry {
        final Bucket bucket;
        final AtomicLong lastUsed;

        Entry(Bucket bucket, long now) {
            this.bucket = bucket;
            this.lastUsed = new AtomicLong(now);
        }

        boolean touch(long now) {
            while (true) {
                long last = lastUsed.get();
                if (last == RETIRED) {
                    return false;
                }
                if (lastUsed.compareAndSet(last, Math.max(last, now))) {
                    return true;
                }
            }
        }

        boolean retireIfIdle(long now, long capacity) {
            long last = lastUsed.get();
            return last != RETIRED && now - last >= MINUTE_NANOS && bucket.getAvailableTokens() >= capacity
                    && lastUsed.compareAndSet(last, RETIRED);
        }
    }

    /** Bucket4j's time read from our {@link Ticker} (tests move it by hand). */
    record TickerTimeMeter(Ticker ticker) implements TimeMeter {
        @Override
        public long currentTimeNanos() {
            return ticker.nanoTime();
        }

        @Override
        public boolean isWallClockBased() {
            return false;
        }
    }
}
