package dev.tutorgate.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tutorgate.limits.ProviderLimits;
import dev.tutorgate.limits.QueueingProviderThrottle;
import dev.tutorgate.limits.Ticker;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The real throttle's key usage as provider status: limits, use, and "degraded" from 90% of a limit. */
class ThrottleStatusSourceTest {
    @Test
    void keysBecomeProviderStatusAndWarnAtNinetyPercent() throws Exception {
        QueueingProviderThrottle throttle = new QueueingProviderThrottle(Duration.ZERO, 0, Ticker.SYSTEM);
        throttle.register("gemini-main#1", new ProviderLimits(10L, 100_000L, null, null, ProviderLimits.TokenCounting.INPUT_AND_OUTPUT));
        throttle.register("openai-main#2", new ProviderLimits(1_000L, null, null, null, ProviderLimits.TokenCounting.INPUT_AND_OUTPUT));
        ThrottleStatusSource source = new ThrottleStatusSource(throttle, MonitoringDb.config(""));
        for (int i = 0; i < 8; i++) {
            throttle.acquire("gemini-main#1", 100, 100);
        }
        ProviderStatus gemini = source.providerStatus().getFirst();
        assertThat(gemini.provider()).isEqualTo("gemini-main");
        assertThat(gemini.tier()).isEqualTo("tier1");
        assertThat(gemini.rpmUsed()).isEqualTo(8);
        assertThat(gemini.rpmLimit()).isEqualTo(10);
        assertThat(gemini.state()).isEqualTo("ok");
        assertThat(gemini.headroom()).isEqualTo(0.2);

        throttle.acquire("gemini-main#1", 100, 100); // 9 of 10: the brief's 90% warning
        ProviderStatus busy = source.providerStatus().getFirst();
        assertThat(busy.state()).isEqualTo("degraded");
        assertThat(busy.detail()).isEqualTo("uses 90.0% of its tier's limit");
        assertThat(source.providerStatus().get(1)).satisfies(openai -> {
            assertThat(openai.provider()).isEqualTo("openai-main");
            assertThat(openai.rpmUsed()).isZero();
            assertThat(openai.state()).isEqualTo("ok");
        });
        assertThat(ThrottleStatusSource.providerOf("plain")).isEqualTo("plain");
    }
}
