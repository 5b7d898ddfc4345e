package dev.tutorgate.limits;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.TimeMeter;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Forgetting idle students must be invisible: the same answers as buckets that are never dropped. */
class StudentRateLimiterEvictionPropertyTest {
    record Step(int student, long advanceMillis) {
    }

    @Provide
    Arbitrary<List<Step>> schedules() {
        Arbitrary<Step> step = Combinators.combine(
                Arbitraries.integers().between(0, 4),
                Arbitraries.frequencyOf(
                        net.jqwik.api.Tuple.of(6, Arbitraries.longs().between(0, 2_000)),
                        net.jqwik.api.Tuple.of(3, Arbitraries.longs().between(2_000, 30_000)),
                        net.jqwik.api.Tuple.of(1, Arbitraries.longs().between(55_000, 130_000))))
                .as(Step::new);
        return step.list().ofMinSize(1).ofMaxSize(300);
    }

    @Property(tries = 200)
    void droppingIdleBucketsChangesNoDecision(@ForAll("schedules") List<Step> schedule,
                                              @ForAll("perMinute") int perMinute) {
        ManualTicker ticker = new ManualTicker();
        BucketStudentRateLimiter limiter = new BucketStudentRateLimiter(perMinute, ticker);
        TimeMeter meter = new BucketStudentRateLimiter.TickerTimeMeter(ticker);
        Map<String, Bucket> neverDropped = new HashMap<>();
        for (Step step : schedule) {
            ticker.advance(Duration.ofMillis(step.advanceMillis()));
            String student = "student-" + step.student();
            Bucket reference = neverDropped.computeIfAbsent(student, s -> Bucket.builder()
                    .addLimit(l -> l.capacity(perMinute).refillGreedy(perMinute, Duration.ofMinutes(1)))
                    .withCustomTimePrecision(meter).build());
            boolean expected = reference.tryConsume(1);
            assertThat(limiter.tryAcquire(student).allowed()).isEqualTo(expected);
        }
        assertThat(limiter.trackedStudents()).isLessThanOrEqualTo(5);
    }

    @Provide
    Arbitrary<Integer> perMinute() {
        return Arbitraries.integers().between(1, 20);
    }
}
