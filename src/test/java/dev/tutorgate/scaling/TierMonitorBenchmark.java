package dev.tutorgate.scaling;

import dev.tutorgate.config.ConfigLoader;
import dev.tutorgate.config.TutorgateConfig;
import dev.tutorgate.limits.QueueingProviderThrottle;
import dev.tutorgate.limits.TierCatalog;
import dev.tutorgate.provider.RateLimitSnapshot;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * What the tier monitor adds to every provider reply: {@code observe} for a key of its own without
 * headers (Gemini), with headers (OpenAI), and for one of two keys sharing an account (Anthropic);
 * and {@code status()}, which the dashboard calls. Run with {@code bench/scaling-jmh.sh}; results in
 * bench/results/scaling.md. Limits are high, so no warning fires: this is the common path.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class TierMonitorBenchmark {
    private ThrottleTierMonitor monitor;
    private RateLimitSnapshot headers;

    @Setup
    public void setUp() throws Exception {
        TutorgateConfig config = ConfigLoader.fromYaml("""
                providers:
                  - { name: gemini-main, type: gemini, apiKeys: ["g1", "g2", "g3"], tier: tier3 }
                  - { name: openai-main, type: openai, apiKeys: ["o1"], tier: tier1, limits: { rpm: 1000000 } }
                  - { name: anthropic-main, type: anthropic, apiKeys: ["a1", "a2"], tier: tier4, keysShareLimits: true }
                """, "bench", Map.of()).config();
        QueueingProviderThrottle throttle = QueueingProviderThrottle.fromConfig(config, TierCatalog.bundled());
        for (String alias : new String[] {"gemini-main#1", "openai-main#1", "anthropic-main#1"}) {
            for (int i = 0; i < 50; i++) {
                throttle.acquire(alias, 2_000, 500).complete(1_800, 400);
            }
        }
        monitor = ThrottleTierMonitor.fromConfig(config, TierCatalog.bundled(), throttle, alert -> { },
                Clock.systemUTC());
        headers = new RateLimitSnapshot(1_000_000L, 999_000L, Instant.now().plusSeconds(3600), 200_000L, 150_000L,
                Instant.now().plusSeconds(3600));
    }

    @Benchmark
    public void observeOwnKeyNoHeaders() {
        monitor.observe("gemini-main#1", RateLimitSnapshot.NONE, Instant.now());
    }

    @Benchmark
    public void observeWithHeaders() {
        monitor.observe("openai-main#1", headers, Instant.now());
    }

    @Benchmark
    public void observeSharedAccountKey() {
        monitor.observe("anthropic-main#2", RateLimitSnapshot.NONE, Instant.now());
    }

    @Benchmark
    public TierStatus status() {
        return monitor.status();
    }
}
