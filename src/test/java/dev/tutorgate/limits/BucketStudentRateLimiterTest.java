package dev.tutorgate.limits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tutorgate.config.ConfigLoader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class BucketStudentRateLimiterTest {
    private final ManualTicker ticker = new ManualTicker();
    private final BucketStudentRateLimiter limiter = new BucketStudentRateLimiter(10, ticker);

    private int allowedInARow(String student, int attempts) {
        int allowed = 0;
        for (int i = 0; i < attempts; i++) {
            if (limiter.tryAcquire(student).allowed()) {
                allowed++;
            }
        }
        return allowed;
    }

    @Test
    void theEleventhRequestInAMinuteIsRefusedWithRetryAfter() {
        for (int i = 1; i <= 10; i++) {
            assertThat(limiter.tryAcquire("ann").allowed()).as("request %d", i).isTrue();
        }
        RateDecision eleventh = limiter.tryAcquire("ann");

        assertThat(eleventh.allowed()).isFalse();
        assertThat(eleventh.retryAfterSeconds()).isEqualTo(6); // one token comes back every 60/10 s
        assertThat(limiter.rejectedCount()).isEqualTo(1);
    }

    @Test
    void afterTheRetryAfterHasPassedTheStudentMayAskAgain() {
        allowedInARow("ann", 10);
        long retryAfter = limiter.tryAcquire("ann").retryAfterSeconds();

        ticker.advance(Duration.ofSeconds(retryAfter).minusMillis(1));
        assertThat(limiter.tryAcquire("ann").allowed()).isFalse();
        ticker.advance(Duration.ofMillis(1));
        assertThat(limiter.tryAcquire("ann").allowed()).isTrue();
        assertThat(limiter.tryAcquire("ann").allowed()).isFalse();

        ticker.advance(Duration.ofMinutes(1)); // a full minute refills the whole bucket
        assertThat(allowedInARow("ann", 11)).isEqualTo(10);
    }

    @Test
    void retryAfterIsWholeSecondsRoundedUpAndNeverZero() {
        allowedInARow("ann", 10);
        ticker.advance(Duration.ofMillis(5_500));
        assertThat(limiter.tryAcquire("ann").retryAfterSeconds()).isEqualTo(1);

        BucketStudentRateLimiter seven = new BucketStudentRateLimiter(7, ticker);
        for (int i = 0; i < 7; i++) {
            seven.tryAcquire("bob");
        }
        assertThat(seven.tryAcquire("bob").retryAfterSeconds()).isEqualTo(9); // 60/7 = 8.57 s

        assertThat(BucketStudentRateLimiter.retryAfterSeconds(0)).isEqualTo(1);
        assertThat(BucketStudentRateLimiter.retryAfterSeconds(1)).isEqualTo(1);
        assertThat(BucketStudentRateLimiter.retryAfterSeconds(1_000_000_001)).isEqualTo(2);
    }

    @Test
    void oneStudentIsLimitedWhileAnotherIsNot() {
        allowedInARow("ann", 10);
        assertThat(limiter.tryAcquire("ann").allowed()).isFalse();

        assertThat(allowedInARow("bob", 10)).isEqualTo(10);
        assertThat(limiter.tryAcquire("ann").allowed()).isFalse();
    }

    @Test
    void concurrentRequestsOfOneStudentGetExactlyTheBucket() throws Exception {
        AtomicInteger allowed = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 16; t++) {
            threads.add(Thread.ofPlatform().start(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int i = 0; i < 5; i++) {
                    if (limiter.tryAcquire("ann").allowed()) {
                        allowed.incrementAndGet();
                    }
                }
            }));
        }
        start.countDown();
        for (Thread thread : threads) {
            thread.join();
        }
        assertThat(allowed.get()).isEqualTo(10);
        assertThat(limiter.rejectedCount()).isEqualTo(70);
    }

    @Test
    void idleStudentsAreForgottenSoMemoryStaysBounded() {
        for (int i = 0; i < 1_000; i++) {
            limiter.tryAcquire("student-" + i);
        }
        assertThat(limiter.trackedStudents()).isEqualTo(1_000);

        ticker.advance(Duration.ofSeconds(61));
        limiter.tryAcquire("ann");

        assertThat(limiter.trackedStudents()).isEqualTo(1);
    }

    @Test
    void aForgottenStudentStartsWithAFullBucketAsBefore() {
        allowedInARow("ann", 10);
        ticker.advance(Duration.ofSeconds(61));
        limiter.tryAcquire("bob"); // sweeps ann away

        assertThat(allowedInARow("ann", 11)).isEqualTo(10);
    }

    @Test
    void theLimitComesFromTheConfiguration() {
        var config = ConfigLoader.fromYaml("limits: { studentRequestsPerMinute: 3 }", "test.yaml", Map.of()).config();
        BucketStudentRateLimiter fromConfig = BucketStudentRateLimiter.fromConfig(config.limits());
        assertThat(fromConfig.requestsPerMinute()).isEqualTo(3);
        assertThat(fromConfig.tryAcquire("ann").allowed()).isTrue();
        assertThat(fromConfig.tryAcquire("ann").allowed()).isTrue();
        assertThat(fromConfig.tryAcquire("ann").allowed()).isTrue();
        assertThat(fromConfig.tryAcquire("ann").allowed()).isFalse();
    }

    @Test
    void nonsenseIsRejected() {
        assertThatThrownBy(() -> new BucketStudentRateLimiter(0, ticker)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> limiter.tryAcquire(null)).isInstanceOf(NullPointerException.class);
    }
}
