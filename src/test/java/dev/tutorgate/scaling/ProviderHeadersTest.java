package dev.tutorgate.scaling;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tutorgate.provider.ErrorResponses;
import dev.tutorgate.provider.RateLimitSnapshot;
import dev.tutorgate.provider.anthropic.AnthropicProtocol;
import dev.tutorgate.provider.gemini.GeminiProtocol;
import dev.tutorgate.provider.openai.OpenAiDialect;
import dev.tutorgate.provider.openai.OpenAiProtocol;
import dev.tutorgate.scaling.LimitUse.CountedBy;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * Rate-limit headers as the vendor protocols parse them, turned by the monitor into use and
 * headroom, against tutorgate's own count. Expected figures are worked out by hand in each test.
 */
class ProviderHeadersTest {
    private final TierFixture f = new TierFixture();

    private RateLimitSnapshot openAi(String... headers) {
        return new OpenAiProtocol("https://api.openai.com", OpenAiDialect.OPENAI)
                .rateLimits(ErrorResponses.headers(headers), f.now());
    }

    private RateLimitSnapshot anthropic(String... headers) {
        return new AnthropicProtocol("https://api.anthropic.com").rateLimits(ErrorResponses.headers(headers), f.now());
    }

    private static LimitUse use(long used, Long limit, Long headroom, String usedPercent, String headroomPercent,
                                CountedBy by) {
        return new LimitUse(used, limit, headroom, usedPercent == null ? null : new BigDecimal(usedPercent),
                headroomPercent == null ? null : new BigDecimal(headroomPercent), by);
    }

    @Test
    void openAiHeadersGiveTheAccountsUseAndHeadroom() {
        f.send("openai-main#1", 3, 1_000);
        f.monitor.observe("openai-main#1", openAi(
                "x-ratelimit-limit-requests", "500", "x-ratelimit-remaining-requests", "380",
                "x-ratelimit-reset-requests", "14.4s",
                "x-ratelimit-limit-tokens", "200000", "x-ratelimit-remaining-tokens", "150000",
                "x-ratelimit-reset-tokens", "6m0s"), f.now());

        KeyTier key = f.key("openai-main#1");
        // 500 − 380 = 120 used (the organisation's, above our 3); 380 left = 76.0%
        assertThat(key.requestsPerMinute()).isEqualTo(use(120, 500L, 380L, "24.0", "76.0", CountedBy.PROVIDER));
        // 200,000 − 150,000 = 50,000 used: 25.0%
        assertThat(key.tokensPerMinute()).isEqualTo(use(50_000, 200_000L, 150_000L, "25.0", "75.0", CountedBy.PROVIDER));
        // no daily figure in the headers: our 3 of tier1's 10,000; 0.03% rounds to 0.0
        assertThat(key.requestsPerDay()).isEqualTo(use(3, 10_000L, 9_997L, "0.0", "100.0", CountedBy.TUTORGATE));
        assertThat(key.providerViewFresh()).isTrue();
        assertThat(key.providerView().requestsReset()).isEqualTo(f.now().plusMillis(14_400));
        assertThat(key.providerView().tokensReset()).isEqualTo(f.now().plus(Duration.ofMinutes(6)));
        assertThat(key.detectedTier()).isEqualTo("tier1"); // 500 RPM and 200,000 TPM are tier1's published row
        assertThat(key.notes()).isEmpty();
    }

    @Test
    void afterTheResetTimeTheProvidersCountNoLongerHoldsAndOursDoes() {
        f.send("openai-main#1", 3, 1_000);
        f.monitor.observe("openai-main#1", openAi(
                "x-ratelimit-limit-requests", "500", "x-ratelimit-remaining-requests", "100",
                "x-ratelimit-reset-requests", "1s", "x-ratelimit-limit-tokens", "200000",
                "x-ratelimit-remaining-tokens", "199000", "x-ratelimit-reset-tokens", "12ms"), f.now());
        assertThat(f.key("openai-main#1").requestsPerMinute().used()).isEqualTo(400);

        f.advance(Duration.ofSeconds(2)); // both resets have passed: the provider's window refilled

        KeyTier key = f.key("openai-main#1");
        assertThat(key.requestsPerMinute()).isEqualTo(use(3, 500L, 497L, "0.6", "99.4", CountedBy.TUTORGATE));
        assertThat(key.tokensPerMinute()).isEqualTo(use(3_000, 200_000L, 197_000L, "1.5", "98.5", CountedBy.TUTORGATE));
        assertThat(key.providerViewFresh()).isTrue();
    }

    @Test
    void ourCountIsTheFloorWhenTheProvidersIsLower() {
        f.send("openai-main#1", 7, 2_000);
        f.monitor.observe("openai-main#1", openAi(
                "x-ratelimit-limit-requests", "500", "x-ratelimit-remaining-requests", "499",
                "x-ratelimit-limit-tokens", "200000", "x-ratelimit-remaining-tokens", "199000"), f.now());

        KeyTier key = f.key("openai-main#1");
        // the provider saw 1 request (its answer left before our later ones); we sent 7
        assertThat(key.requestsPerMinute()).isEqualTo(use(7, 500L, 493L, "1.4", "98.6", CountedBy.TUTORGATE));
        assertThat(key.tokensPerMinute()).isEqualTo(use(14_000, 200_000L, 186_000L, "7.0", "93.0", CountedBy.TUTORGATE));
    }

    @Test
    void aStaleViewGivesWayToOurCountAndTheConfiguredLimits() {
        f.monitor.observe("openai-main#1", openAi(
                "x-ratelimit-limit-requests", "5000", "x-ratelimit-remaining-requests", "4000",
                "x-ratelimit-limit-tokens", "4000000", "x-ratelimit-remaining-tokens", "3000000"), f.now());
        assertThat(f.key("openai-main#1").requestsPerMinute().limit()).isEqualTo(5000);

        f.advance(Duration.ofSeconds(61)); // scaling.providerViewMaxAgeSeconds is 60
        f.send("openai-main#1", 2, 500);

        KeyTier key = f.key("openai-main#1");
        assertThat(key.providerViewFresh()).isFalse();
        assertThat(key.providerView().requestsLimit()).isEqualTo(5000); // still shown, no longer counted
        assertThat(key.requestsPerMinute()).isEqualTo(use(2, 500L, 498L, "0.4", "99.6", CountedBy.TUTORGATE));
        assertThat(key.tokensPerMinute()).isEqualTo(use(1_000, 200_000L, 199_000L, "0.5", "99.5", CountedBy.TUTORGATE));
        assertThat(key.detectedTier()).isNull();
        assertThat(key.notes()).isEmpty();
    }

    @Test
    void aProviderLimitAboveTheConfiguredTierIsPointedOut() {
        f.monitor.observe("openai-main#1", openAi(
                "x-ratelimit-limit-requests", "5000", "x-ratelimit-remaining-requests", "4990"), f.now());

        KeyTier key = f.key("openai-main#1");
        assertThat(key.requestsPerMinute()).isEqualTo(use(10, 5000L, 4990L, "0.2", "99.8", CountedBy.PROVIDER));
        // no token headers: our count (0) against the configured tier1 TPM
        assertThat(key.tokensPerMinute()).isEqualTo(use(0, 200_000L, 200_000L, "0.0", "100.0", CountedBy.TUTORGATE));
        assertThat(key.detectedTier()).isNull(); // the bundled table publishes only tier1 for OpenAI
        assertThat(key.notes()).singleElement().asString()
                .contains("the provider reports 5,000 requests per minute for openai-main#1")
                .contains("gives 500")
                .contains("providers[openai-main].limits.rpm");
    }

    @Test
    void missingAndUnreadableHeadersFallBackFieldByField() {
        f.send("openai-main#1", 4, 100);
        // a limit without its remaining count, and a remaining count that is not a number
        f.monitor.observe("openai-main#1", openAi(
                "x-ratelimit-limit-requests", "600", "x-ratelimit-limit-tokens", "200000",
                "x-ratelimit-remaining-tokens", "lots"), f.now());

        KeyTier key = f.key("openai-main#1");
        assertThat(key.requestsPerMinute()).isEqualTo(use(4, 600L, 596L, "0.7", "99.3", CountedBy.TUTORGATE));
        assertThat(key.tokensPerMinute()).isEqualTo(use(400, 200_000L, 199_600L, "0.2", "99.8", CountedBy.TUTORGATE));
        assertThat(key.providerView().requestsRemaining()).isNull();
        assertThat(key.providerView().tokensRemaining()).isNull();
    }

    @Test
    void anthropicHeadersOnEitherKeyAreTheSharedAccountsUse() {
        Instant reset = f.now().plusSeconds(30);
        f.monitor.observe("anthropic-main#2", anthropic(
                "anthropic-ratelimit-requests-limit", "50", "anthropic-ratelimit-requests-remaining", "20",
                "anthropic-ratelimit-requests-reset", reset.toString(),
                "anthropic-ratelimit-tokens-limit", "30000", "anthropic-ratelimit-tokens-remaining", "12000",
                "anthropic-ratelimit-tokens-reset", "2026-03-02T10:00:30+00:00"), f.now());

        for (String alias : new String[] {"anthropic-main#1", "anthropic-main#2"}) {
            KeyTier key = f.key(alias);
            assertThat(key.sharedAs()).isEqualTo("anthropic-main#*");
            // 50 − 20 = 30 requests (60.0%); 30,000 − 12,000 = 18,000 tokens (60.0%)
            assertThat(key.requestsPerMinute()).isEqualTo(use(30, 50L, 20L, "60.0", "40.0", CountedBy.PROVIDER));
            assertThat(key.tokensPerMinute()).isEqualTo(use(18_000, 30_000L, 12_000L, "60.0", "40.0", CountedBy.PROVIDER));
        }
        assertThat(f.key("anthropic-main#2").providerView().tokensReset()).isEqualTo(reset);
        assertThat(f.key("anthropic-main#1").providerView()).isNull(); // the headers came on #2
        assertThat(f.key("anthropic-main#2").detectedTier()).isEqualTo("tier1");

        f.advance(Duration.ofSeconds(30)); // the RFC 3339 reset time has come
        assertThat(f.key("anthropic-main#1").requestsPerMinute()).isEqualTo(use(0, 50L, 50L, "0.0", "100.0",
                CountedBy.PROVIDER));
    }

    @Test
    void anthropicInputTokenHeadersStandInWhenTheCombinedOnesAreMissing() {
        f.monitor.observe("anthropic-main#1", anthropic(
                "anthropic-ratelimit-requests-limit", "1000", "anthropic-ratelimit-requests-remaining", "900",
                "anthropic-ratelimit-input-tokens-limit", "450000", "anthropic-ratelimit-input-tokens-remaining", "405000",
                "anthropic-ratelimit-input-tokens-reset", "not a time"), f.now());

        KeyTier key = f.key("anthropic-main#1");
        assertThat(key.tokensPerMinute()).isEqualTo(use(45_000, 450_000L, 405_000L, "10.0", "90.0", CountedBy.PROVIDER));
        assertThat(key.providerView().tokensReset()).isNull();
        // 1,000 RPM and 450,000 input TPM are Anthropic's tier2: the configured tier1 is out of date
        assertThat(key.detectedTier()).isEqualTo("tier2");
        assertThat(key.notes()).singleElement().asString()
                .contains("reports 1,000 requests per minute").contains("set providers[anthropic-main].tier: tier2");
    }

    @Test
    void geminiSendsNoHeadersSoOurCountIsTheOnlyOne() {
        RateLimitSnapshot none = new GeminiProtocol("https://generativelanguage.googleapis.com")
                .rateLimits(ErrorResponses.headers("x-ratelimit-limit-requests", "999"), f.now());
        f.send("gemini-main#1", 4, 1_000);
        f.monitor.observe("gemini-main#1", none, f.now());

        KeyTier key = f.key("gemini-main#1");
        assertThat(none).isEqualTo(RateLimitSnapshot.NONE);
        assertThat(key.providerView()).isNull();
        assertThat(key.requestsPerMinute()).isEqualTo(use(4, 10L, 6L, "40.0", "60.0", CountedBy.TUTORGATE));
        assertThat(key.tokensPerMinute()).isEqualTo(use(4_000, 100_000L, 96_000L, "4.0", "96.0", CountedBy.TUTORGATE));
        assertThat(key.requestsPerDay()).isEqualTo(use(4, 10_000L, 9_996L, "0.0", "100.0", CountedBy.TUTORGATE));
        assertThat(key.limitsBasis()).startsWith("gemini tier1").endsWith("with configured overrides");
        assertThat(f.key("gemini-main#2").requestsPerMinute().used()).isZero();
    }

    @Test
    void unknownKeysAndMissingTimesAreIgnored() {
        f.monitor.observe("nobody#1", RateLimitSnapshot.NONE, f.now());
        f.monitor.observe("openai-main#1", openAi("x-ratelimit-limit-requests", "7"), null);

        assertThat(f.status().key("nobody#1")).isEmpty();
        assertThat(f.key("openai-main#1").providerView()).isNull();
        assertThat(f.status().keys()).extracting(KeyTier::keyAlias).containsExactly(
                "gemini-main#1", "gemini-main#2", "openai-main#1", "anthropic-main#1", "anthropic-main#2");
    }

    @Test
    void remainingAboveTheLimitOrBelowZeroIsClamped() {
        f.monitor.observe("openai-main#1", new RateLimitSnapshot(500L, 900L, null, 200_000L, -5L, null), f.now());

        KeyTier key = f.key("openai-main#1");
        assertThat(key.requestsPerMinute()).isEqualTo(use(0, 500L, 500L, "0.0", "100.0", CountedBy.PROVIDER));
        assertThat(key.tokensPerMinute()).isEqualTo(use(200_000, 200_000L, 0L, "100.0", "0.0", CountedBy.PROVIDER));
    }

    @Test
    void absurdLimitsOnSeveralKeysDoNotWrapAround() {
        RateLimitSnapshot huge = new RateLimitSnapshot(Long.MAX_VALUE, 0L, null, Long.MAX_VALUE, 0L, null);
        f.monitor.observe("gemini-main#1", huge, f.now());
        f.monitor.observe("gemini-main#2", huge, f.now());

        ProviderTier gemini = f.provider("gemini-main");
        assertThat(gemini.requestsPerMinute().limit()).isEqualTo(Long.MAX_VALUE);
        assertThat(gemini.requestsPerMinute().used()).isEqualTo(Long.MAX_VALUE);
        assertThat(gemini.peakRequestsPerMinute()).isEqualTo(Long.MAX_VALUE);
        assertThat(gemini.warnings()).isEqualTo(2);
    }
}
