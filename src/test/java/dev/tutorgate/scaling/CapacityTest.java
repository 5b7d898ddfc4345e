package dev.tutorgate.scaling;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tutorgate.provider.RateLimitSnapshot;
import dev.tutorgate.scaling.LimitUse.CountedBy;
import java.math.BigDecimal;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The effective capacity of a provider's keys together, with keys of their own and keys sharing an account. */
class CapacityTest {
    private final TierFixture f = new TierFixture();

    private static LimitUse use(long used, Long limit, Long headroom, String usedPercent, String headroomPercent,
                                CountedBy by) {
        return new LimitUse(used, limit, headroom, usedPercent == null ? null : new BigDecimal(usedPercent),
                headroomPercent == null ? null : new BigDecimal(headroomPercent), by);
    }

    @Test
    void keysOfDifferentProjectsAddTheirLimits() {
        f.sendAndObserve("gemini-main#1", 3, 1_000);
        f.sendAndObserve("gemini-main#2", 4, 1_000);

        ProviderTier gemini = f.provider("gemini-main");
        assertThat(gemini.keys()).isEqualTo(2);
        assertThat(gemini.keysShareLimits()).isFalse();
        assertThat(gemini.tier()).isEqualTo("tier1");
        assertThat(gemini.type()).isEqualTo("gemini");
        assertThat(gemini.models()).containsExactly("gemini-2.5-flash");
        // 2 × 10 RPM = 20; 7 used = 35.0%
        assertThat(gemini.requestsPerMinute()).isEqualTo(use(7, 20L, 13L, "35.0", "65.0", CountedBy.TUTORGATE));
        // 2 × 100,000 TPM = 200,000; 7,000 used = 3.5%
        assertThat(gemini.tokensPerMinute()).isEqualTo(use(7_000, 200_000L, 193_000L, "3.5", "96.5", CountedBy.TUTORGATE));
        // 2 × tier1's 10,000 RPD
        assertThat(gemini.requestsPerDay()).isEqualTo(use(7, 20_000L, 19_993L, "0.0", "100.0", CountedBy.TUTORGATE));
    }

    @Test
    void keysSharingOneAccountCountItsLimitsOnce() {
        f.send("anthropic-main#1", 3, 1_000);
        f.send("anthropic-main#2", 4, 2_000);

        ProviderTier anthropic = f.provider("anthropic-main");
        assertThat(anthropic.keys()).isEqualTo(2);
        assertThat(anthropic.keysShareLimits()).isTrue();
        // tier1: 50 RPM and 30,000 input TPM for the whole organisation, not 100 and 60,000
        assertThat(anthropic.requestsPerMinute()).isEqualTo(use(7, 50L, 43L, "14.0", "86.0", CountedBy.TUTORGATE));
        assertThat(anthropic.tokensPerMinute()).isEqualTo(use(11_000, 30_000L, 19_000L, "36.7", "63.3", CountedBy.TUTORGATE));
        // tier1 publishes no daily limit for Anthropic
        assertThat(anthropic.requestsPerDay()).isEqualTo(use(7, null, null, null, null, CountedBy.TUTORGATE));
        // each key shows the account's figures
        assertThat(f.key("anthropic-main#1").requestsPerMinute()).isEqualTo(anthropic.requestsPerMinute());
        assertThat(f.key("anthropic-main#2").requestsPerMinute()).isEqualTo(anthropic.requestsPerMinute());
    }

    @Test
    void theProvidersViewOfASharedAccountIsNotAddedUpPerKey() {
        RateLimitSnapshot account = new RateLimitSnapshot(50L, 30L, null, 30_000L, 25_000L, null);
        f.monitor.observe("anthropic-main#1", account, f.now());
        f.monitor.observe("anthropic-main#2", account, f.now());

        assertThat(f.provider("anthropic-main").requestsPerMinute())
                .isEqualTo(use(20, 50L, 30L, "40.0", "60.0", CountedBy.PROVIDER));
    }

    @Test
    void aSingleKeyIsItsOwnCapacity() {
        f.send("openai-main#1", 5, 1_000);

        assertThat(f.provider("openai-main").requestsPerMinute())
                .isEqualTo(use(5, 500L, 495L, "1.0", "99.0", CountedBy.TUTORGATE));
    }

    @Test
    void anUnlimitedKeyMakesTheCapacityUnlimited() {
        TierFixture local = new TierFixture("""
                limits: { providerQueueMaxWaitMs: 0 }
                providers:
                  - name: local
                    type: openai-compatible
                    baseUrl: http://127.0.0.1:8000/v1
                    apiKeys: ["one", "two"]
                    tier: custom
                    limits: { rpm: 60 }
                  - name: vllm
                    type: openai-compatible
                    baseUrl: http://127.0.0.1:8001/v1
                """);
        local.send("local#1", 2, 10);

        assertThat(local.provider("local").requestsPerMinute()).isEqualTo(use(2, 120L, 118L, "1.7", "98.3",
                CountedBy.TUTORGATE));
        assertThat(local.provider("local").tokensPerMinute()).isEqualTo(use(20, null, null, null, null,
                CountedBy.TUTORGATE));
        assertThat(local.provider("vllm").keys()).isEqualTo(1); // no key: one keyless slot, as the throttle counts it
        assertThat(local.provider("vllm").requestsPerMinute().limit()).isNull();
        assertThat(local.key("vllm#1").notes()).isEmpty();
        assertThat(local.key("vllm#1").tier()).isNull();
    }

    @Test
    void peaksAreTheHighestUseOfTheLastDay() {
        f.sendAndObserve("gemini-main#1", 3, 1_000);
        f.advance(Duration.ofSeconds(1));
        f.sendAndObserve("gemini-main#2", 4, 2_000); // the provider's combined use is sampled once a second
        f.advance(Duration.ofSeconds(62));
        f.sendAndObserve("gemini-main#1", 2, 500);

        ProviderTier gemini = f.provider("gemini-main");
        assertThat(gemini.requestsPerMinute().used()).isEqualTo(2);
        assertThat(gemini.peakRequestsPerMinute()).isEqualTo(7);
        assertThat(gemini.peakTokensPerMinute()).isEqualTo(11_000);
        assertThat(f.key("gemini-main#1").peakRequestsPerMinute()).isEqualTo(3);
        assertThat(f.key("gemini-main#2").peakTokensPerMinute()).isEqualTo(8_000);

        f.advance(Duration.ofHours(25)); // yesterday's peak has aged out
        f.sendAndObserve("gemini-main#1", 1, 100);

        assertThat(f.provider("gemini-main").peakRequestsPerMinute()).isEqualTo(1);
        assertThat(f.key("gemini-main#2").peakRequestsPerMinute()).isZero();
    }
}
