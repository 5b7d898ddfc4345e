package dev.tutorgate.monitoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tutorgate.config.ConfigLoader;
import dev.tutorgate.config.TutorgateConfig;
import dev.tutorgate.limits.ManualTicker;
import dev.tutorgate.limits.QueueingProviderThrottle;
import dev.tutorgate.limits.ThrottlePermit;
import dev.tutorgate.limits.TierCatalog;
import dev.tutorgate.provider.ErrorKind;
import dev.tutorgate.provider.ProviderException;
import dev.tutorgate.provider.RateLimitSnapshot;
import dev.tutorgate.scaling.ThrottleTierMonitor;
import dev.tutorgate.testing.MutableClock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The real tier monitor's keys as provider status: use and limits, and "degraded" with the reason. */
@Timeout(60)
class TierStatusSourceTest {
    private final MutableClock clock = MutableClock.at("2026-03-02T10:00:00Z");
    private final ManualTicker ticker = new ManualTicker();
    private final TutorgateConfig config = ConfigLoader.fromYaml("""
            limits: { providerQueueMaxWaitMs: 600000 }
            providers:
              - { name: gemini-main, type: gemini, apiKeys: ["g1"], tier: tier1, limits: { rpm: 10 } }
              - { name: openai-main, type: openai, apiKeys: ["o1"], tier: tier1 }
            """, "test", Map.of()).config();
    private final QueueingProviderThrottle throttle = QueueingProviderThrottle.fromConfig(config, TierCatalog.bundled(), ticker);
    private final ThrottleTierMonitor monitor = ThrottleTierMonitor.fromConfig(config, TierCatalog.bundled(), throttle,
            alert -> { }, clock);
    private final TierStatusSource source = new TierStatusSource(monitor);

    private ProviderStatus key(String alias) {
        return source.providerStatus().stream().filter(s -> alias.equals(s.keyAlias())).findFirst().orElseThrow();
    }

    private void send(int n) throws Exception {
        for (int i = 0; i < n; i++) {
            throttle.acquire("gemini-main#1", 100, 0).complete(100, 0);
            monitor.observe("gemini-main#1", RateLimitSnapshot.NONE, clock.instant());
        }
    }

    @Test
    void keysShowTheirUseAndAreDegradedAtTheWarning() throws Exception {
        send(8);
        ProviderStatus gemini = key("gemini-main#1");
        assertThat(gemini.provider()).isEqualTo("gemini-main");
        assertThat(gemini.model()).isNull();
        assertThat(gemini.tier()).isEqualTo("tier1");
        assertThat(gemini.rpmUsed()).isEqualTo(8);
        assertThat(gemini.rpmLimit()).isEqualTo(10);
        assertThat(gemini.tpmUsed()).isEqualTo(800);
        assertThat(gemini.tpmLimit()).isEqualTo(1_000_000);
        assertThat(gemini.state()).isEqualTo("ok");
        assertThat(gemini.detail()).isNull();

        send(1);
        ProviderStatus busy = key("gemini-main#1");
        assertThat(busy.state()).isEqualTo("degraded");
        assertThat(busy.detail()).isEqualTo("uses 90.0% of its requests per minute (tutorgate's count)");
        assertThat(key("openai-main#1").state()).isEqualTo("ok");
    }

    @Test
    void theProvidersCountAndItsRefusalsShow() {
        monitor.observeError("openai-main#1", new ProviderException(ErrorKind.RATE_LIMITED, 429, null, "limited", null,
                null, new RateLimitSnapshot(500L, 10L, null, 200_000L, 150_000L, null), null), clock.instant());

        ProviderStatus openai = key("openai-main#1");
        assertThat(openai.rpmUsed()).isEqualTo(490);
        assertThat(openai.state()).isEqualTo("degraded");
        assertThat(openai.detail()).isEqualTo("uses 98.0% of its requests per minute (provider's count);"
                + " 429 from the provider 1 time in 24 h");
    }

    @Test
    void requestsWaitingForRoomShow() throws Exception {
        send(10);
        CompletableFuture<ThrottlePermit> waiting = CompletableFuture.supplyAsync(() -> {
            try {
                return throttle.acquire("gemini-main#1", 100, 0);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, r -> Thread.ofVirtual().start(r));

        await().atMost(Duration.ofSeconds(10)).until(() -> key("gemini-main#1").detail() != null
                && key("gemini-main#1").detail().contains("1 request waiting"));
        assertThat(key("gemini-main#1").detail()).isEqualTo("uses 100.0% of its requests per minute (tutorgate's count);"
                + " 1 request waiting");

        ticker.advance(Duration.ofSeconds(61));
        waiting.get(10, TimeUnit.SECONDS).complete(100, 0);
        assertThat(key("gemini-main#1").state()).isEqualTo("ok");
    }
}
