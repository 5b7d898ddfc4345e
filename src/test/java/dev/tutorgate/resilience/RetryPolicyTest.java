package dev.tutorgate.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tutorgate.config.ConfigLoader;
import dev.tutorgate.config.TutorgateConfig;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {
    private static final List<Duration> BRIEF = List.of(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4));

    private static RetryPolicy policy(double jitter, RandomGenerator random) {
        return new BackoffRetryPolicy(RetryConfig.custom().backoff(BRIEF).jitter(jitter).build(), random);
    }

    /** A generator whose nextDouble() is always {@code value} (0 ≤ value < 1). */
    private static RandomGenerator fixed(double value) {
        long bits = (long) (value * (1L << 53)) << 11;
        return () -> bits;
    }

    @Test
    void withoutJitterTheWaitsAreTheBriefsAndTheLastRepeats() {
        RetryPolicy p = policy(0, fixed(0.5));
        assertThat(List.of(p.backoff(1), p.backoff(2), p.backoff(3), p.backoff(4), p.backoff(10)))
                .containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4),
                        Duration.ofSeconds(4), Duration.ofSeconds(4));
    }

    @Test
    void jitterMovesAWaitByUpToItsShareEitherWay() {
        assertThat(policy(0.2, fixed(0)).backoff(2)).isEqualTo(Duration.ofMillis(1600));
        assertThat(policy(0.2, fixed(0.5)).backoff(2)).isEqualTo(Duration.ofSeconds(2));
        assertThat(policy(0.2, fixed(0.999999)).backoff(2)).isBetween(Duration.ofMillis(2399), Duration.ofMillis(2400));
    }

    @Test
    void theRealPolicyJittersDifferentlyFromCallToCall() {
        RetryPolicy p = RetryPolicy.of(RetryConfig.custom().backoff(BRIEF).jitter(0.2).build());
        long distinct = java.util.stream.IntStream.range(0, 50).mapToObj(i -> p.backoff(1)).distinct().count();
        assertThat(distinct).isGreaterThan(1);
    }

    @Property
    void everyJitteredWaitStaysWithinItsBounds(@ForAll @IntRange(min = 1, max = 20) int retry,
                                                @ForAll @DoubleRange(min = 0, max = 0.99) double jitter,
                                                @ForAll @LongRange(min = 0, max = Long.MAX_VALUE) long seedBits) {
        Duration wait = policy(jitter, () -> seedBits).backoff(retry);
        long base = BRIEF.get(Math.min(retry, 3) - 1).toNanos();
        assertThat(wait.toNanos()).isBetween((long) Math.floor(base * (1 - jitter)) - 1,
                (long) Math.ceil(base * (1 + jitter)) + 1);
    }

    @Test
    void aLongerHintWinsAndIsNeverShortenedByJitter() {
        RetryPolicy p = policy(0.2, fixed(0));
        assertThat(p.waitBefore(1, Duration.ofSeconds(3))).isEqualTo(Duration.ofSeconds(3));
        assertThat(p.waitBefore(3, Duration.ofMillis(500))).isEqualTo(Duration.ofMillis(3200)); // 4 s − 20%
        assertThat(p.waitBefore(1, null)).isEqualTo(Duration.ofMillis(800));
    }

    @Test
    void retriesAreNumberedFromOne() {
        assertThatThrownBy(() -> policy(0, fixed(0)).backoff(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theBuilderRefusesNonsense() {
        assertThatThrownBy(() -> RetryConfig.custom().maxAttempts(0).build()).hasMessageContaining("maxAttempts");
        assertThatThrownBy(() -> RetryConfig.custom().backoff(List.of()).build()).hasMessageContaining("backoff");
        assertThatThrownBy(() -> RetryConfig.custom().backoff(List.of(Duration.ofSeconds(-1))).build())
                .hasMessageContaining("backoff");
        assertThatThrownBy(() -> RetryConfig.custom().jitter(1.0).build()).hasMessageContaining("jitter");
        assertThatThrownBy(() -> RetryConfig.custom().requestTimeout(Duration.ZERO).build())
                .hasMessageContaining("requestTimeout");
        assertThatThrownBy(() -> BreakerConfig.custom().failureRateThreshold(0).build())
                .hasMessageContaining("failureRateThreshold");
        assertThatThrownBy(() -> BreakerConfig.custom().minimumCalls(10).windowSize(5).build())
                .hasMessageContaining("minimumCalls");
    }

    @Test
    void theConfigurationGivesTheBriefsDefaultsAndItsOwnValues() {
        TutorgateConfig defaults = ConfigLoader.fromYaml("{}", "test", Map.of()).config();
        RetryConfig d = RetryConfig.from(defaults);
        assertThat(d.maxAttempts()).isEqualTo(3);
        assertThat(d.backoff()).isEqualTo(BRIEF);
        assertThat(d.jitter()).isEqualTo(0.2);
        assertThat(d.requestTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(d.quotaCooldown()).isEqualTo(Duration.ofMinutes(60));

        TutorgateConfig own = ConfigLoader.fromYaml("""
                retry: { maxAttempts: 5, backoffSeconds: [0.5, 1.5], jitter: 0, quotaCooldownMinutes: 10,
                         circuitBreaker: { failureRateThreshold: 40, minimumCalls: 3, windowSize: 6, openSeconds: 12 } }
                timeouts: { requestMs: 9000 }
                """, "test", Map.of()).config();
        RetryConfig r = RetryConfig.from(own);
        assertThat(r.maxAttempts()).isEqualTo(5);
        assertThat(r.backoff()).containsExactly(Duration.ofMillis(500), Duration.ofMillis(1500));
        assertThat(r.requestTimeout()).isEqualTo(Duration.ofSeconds(9));
        assertThat(r.quotaCooldown()).isEqualTo(Duration.ofMinutes(10));
        BreakerConfig b = BreakerConfig.from(own.retry().circuitBreaker());
        assertThat(List.of(b.failureRateThreshold(), b.minimumCalls(), b.windowSize(), b.halfOpenCalls()))
                .containsExactly(40, 3, 6, 1);
        assertThat(b.openDuration()).isEqualTo(Duration.ofSeconds(12));
    }
}
