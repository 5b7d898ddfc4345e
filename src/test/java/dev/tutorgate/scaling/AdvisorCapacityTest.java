package dev.tutorgate.scaling;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tutorgate.provider.ErrorKind;
import dev.tutorgate.provider.ProviderException;
import dev.tutorgate.provider.RateLimitSnapshot;
import dev.tutorgate.scaling.Advice.Level;
import dev.tutorgate.scaling.Advice.Topic;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Whether the limits cover the observed peak, from the real tier monitor: gemini-main has two keys
 * of different projects at 10 RPM / 100,000 TPM each, anthropic-main two keys sharing tier1
 * (50 RPM / 30,000 TPM), openai-main one tier1 key (500 RPM / 200,000 TPM). Headroom wanted: 20%.
 */
class AdvisorCapacityTest {
    private final AdvisorFixture f = new AdvisorFixture(TierFixture.YAML);
    private final TierFixture tiers = f.tiers;

    private List<Advice> capacity() {
        return f.advise(new FactsBuilder()).stream().filter(a -> a.topic() == Topic.CAPACITY).toList();
    }

    private Advice capacity(String provider) {
        return capacity().stream().filter(a -> provider.equals(a.provider())).findFirst().orElseThrow();
    }

    private static String text(Advice a, String fact) {
        return a.number(fact).orElseThrow().text();
    }

    @Test
    void nothingObservedNothingSaid() {
        assertThat(capacity()).isEmpty();
    }

    @Test
    void aPeakAboveEightyPercentOfSeparateKeysAsksForMoreKeys() {
        tiers.sendAndObserve("gemini-main#1", 9, 100);
        tiers.sendAndObserve("gemini-main#2", 8, 100);

        Advice a = capacity("gemini-main");
        assertThat(a.level()).isEqualTo(Level.WARNING);
        assertThat(a.title()).isEqualTo("Add 1 API key to gemini-main");
        // 17 of 2 × 10 RPM = 85.0% > 80%; keys needed: ⌈17 ÷ (10 × 0.8)⌉ = ⌈2.125⌉ = 3
        assertThat(a.because()).isEqualTo("The peak of 17 RPM is 85.0% of the 20 RPM the keys allow together"
                + " — less than the 20% headroom wanted.");
        assertThat(a.action()).isEqualTo("Add keys from other projects (round-robin adds their limits: 3 keys give"
                + " 30 RPM and 300,000 TPM), or upgrade to tier2 (2,000 RPM, 3,000,000 TPM per key).");
        assertThat(a.numbers()).extracting(Fact::name, Fact::text).containsExactly(
                org.assertj.core.groups.Tuple.tuple("Keys", "2 keys"),
                org.assertj.core.groups.Tuple.tuple("Keys share one account's limits", "no"),
                org.assertj.core.groups.Tuple.tuple("Capacity RPM", "20 RPM"),
                org.assertj.core.groups.Tuple.tuple("Peak RPM (24 h)", "17 RPM"),
                org.assertj.core.groups.Tuple.tuple("Peak share of RPM", "85.0%"),
                org.assertj.core.groups.Tuple.tuple("Capacity TPM", "200,000 TPM"),
                org.assertj.core.groups.Tuple.tuple("Peak TPM (24 h)", "1,700 TPM"),
                org.assertj.core.groups.Tuple.tuple("Peak share of TPM", "0.9%"),
                org.assertj.core.groups.Tuple.tuple("429s from the provider (24 h)", "0 calls"),
                org.assertj.core.groups.Tuple.tuple("Headroom wanted", "20.0%"),
                org.assertj.core.groups.Tuple.tuple("Keys needed for the peak", "3 keys"));
    }

    @Test
    void exactlyEightyPercentStillLeavesTheHeadroom() {
        tiers.sendAndObserve("gemini-main#1", 8, 100);
        tiers.sendAndObserve("gemini-main#2", 8, 100);

        Advice a = capacity("gemini-main");
        assertThat(a.level()).isEqualTo(Level.OK);
        assertThat(a.title()).isEqualTo("gemini-main's limits cover the peak");
        assertThat(a.because()).isEqualTo("The peak of the last 24 hours leaves at least 20% of 20 RPM and 200,000 TPM free.");
        assertThat(text(a, "Peak share of RPM")).isEqualTo("80.0%");
    }

    @Test
    void tokensPerMinuteCanBeTheTightLimit() {
        tiers.sendAndObserve("gemini-main#1", 1, 85_000);
        tiers.sendAndObserve("gemini-main#2", 1, 85_000);

        Advice a = capacity("gemini-main");
        // 170,000 of 200,000 TPM = 85.0%; ⌈170,000 ÷ (100,000 × 0.8)⌉ = 3 keys
        assertThat(a.because()).isEqualTo("The peak of 170,000 TPM is 85.0% of the 200,000 TPM the keys allow together"
                + " — less than the 20% headroom wanted.");
        assertThat(a.title()).isEqualTo("Add 1 API key to gemini-main");
        assertThat(text(a, "Keys needed for the peak")).isEqualTo("3 keys");
    }

    @Test
    void keysSharingAnAccountAreToldToUpgradeNotToAddKeys() {
        tiers.monitor.observe("anthropic-main#1", new RateLimitSnapshot(50L, 9L, null, null, null, null), tiers.now());

        Advice a = capacity("anthropic-main");
        assertThat(a.title()).isEqualTo("Upgrade anthropic-main to tier2");
        assertThat(a.because()).isEqualTo("The peak of 41 RPM is 82.0% of the 50 RPM the keys allow together"
                + " — less than the 20% headroom wanted.");
        assertThat(a.action()).isEqualTo("Its 2 keys share one account's limits, so another key of the same account"
                + " adds nothing: upgrade to tier2 (1,000 RPM, 450,000 TPM per account), or add a key of another"
                + " organisation as its own provider entry (round-robin then adds its limits).");
        assertThat(text(a, "Keys share one account's limits")).isEqualTo("yes");
        assertThat(a.number("Keys needed for the peak")).isEmpty();
    }

    @Test
    void withoutAPublishedHigherTierTheProviderIsAskedForMore() {
        tiers.monitor.observe("openai-main#1", new RateLimitSnapshot(500L, 50L, null, null, null, null), tiers.now());

        Advice a = capacity("openai-main");
        // 450 of 500 = 90.0%: ⌈450 ÷ 400⌉ = 2 keys
        assertThat(a.title()).isEqualTo("Add 1 API key to openai-main");
        assertThat(a.action()).isEqualTo("Add keys from other organisations (round-robin adds their limits: 2 keys give"
                + " 1,000 RPM and 400,000 TPM), or ask the provider for higher limits.");
    }

    @Test
    void refusalsDespiteALowPeakPointAtTheRealLimits() {
        tiers.monitor.observeError("openai-main#1", new ProviderException(ErrorKind.RATE_LIMITED, 429, null,
                "rate limited", null, null, new RateLimitSnapshot(500L, 490L, null, null, null, null), null), tiers.now());

        Advice a = capacity("openai-main");
        assertThat(a.level()).isEqualTo(Level.WARNING);
        assertThat(a.title()).isEqualTo("Check openai-main's real limits: the provider refused calls");
        assertThat(a.because()).isEqualTo("The provider answered 429 to 1 call in the last 24 hours although the peak"
                + " left at least 20% of 500 RPM and 200,000 TPM free: another application may share the account,"
                + " or its limits are lower than configured.");
        assertThat(text(a, "429s from the provider (24 h)")).isEqualTo("1 call");
    }

    @Test
    void providerRefusalsAreNamedInTheRateLimitAdvice() {
        tiers.monitor.observeError("openai-main#1", new ProviderException(ErrorKind.RATE_LIMITED, 429, null, "limited"),
                tiers.now());

        Advice a = f.only(new FactsBuilder().errors("4", "4"), Topic.RATE_LIMITS);
        assertThat(text(a, "429s on openai-main (24 h)")).isEqualTo("1 call");
    }
}
