package dev.tutorgate.monitoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.tutorgate.config.TutorgateConfig;
import dev.tutorgate.core.Money;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ScalingSignalsTest {
    private final ScalingSignals signals = new ScalingSignals(20);

    /** Quiet inputs: 100 calls, nothing wrong, 10 students on tier 1. */
    private static ScalingSignals.Inputs quiet() {
        return new ScalingSignals.Inputs(100, BigDecimal.ZERO, BigDecimal.ZERO, 100, 900L, new BigDecimal("85"),
                Money.picosFromUsd("3"), 10, List.of("tier1"));
    }

    private static ScalingSignals.Inputs with(String what, String value) {
        ScalingSignals.Inputs q = quiet();
        return switch (what) {
            case "errors" -> new ScalingSignals.Inputs(q.modelCalls(), new BigDecimal(value), q.rateLimitErrorPercent(),
                    q.ttftCount(), q.ttftP95(), q.cacheHitPercent(), q.cpsmPicos(), q.students(), q.providerTiers());
            case "ratelimit" -> new ScalingSignals.Inputs(q.modelCalls(), q.errorPercent(), new BigDecimal(value),
                    q.ttftCount(), q.ttftP95(), q.cacheHitPercent(), q.cpsmPicos(), q.students(), q.providerTiers());
            case "ttft" -> new ScalingSignals.Inputs(q.modelCalls(), q.errorPercent(), q.rateLimitErrorPercent(),
                    q.ttftCount(), Long.parseLong(value), q.cacheHitPercent(), q.cpsmPicos(), q.students(), q.providerTiers());
            case "cache" -> new ScalingSignals.Inputs(q.modelCalls(), q.errorPercent(), q.rateLimitErrorPercent(),
                    q.ttftCount(), q.ttftP95(), new BigDecimal(value), q.cpsmPicos(), q.students(), q.providerTiers());
            case "cpsm" -> new ScalingSignals.Inputs(q.modelCalls(), q.errorPercent(), q.rateLimitErrorPercent(),
                    q.ttftCount(), q.ttftP95(), q.cacheHitPercent(), Money.picosFromUsd(value), q.students(), q.providerTiers());
            default -> throw new IllegalArgumentException(what);
        };
    }

    @Test
    void quietDataRaisesNothing() {
        assertThat(signals.evaluate(quiet())).isEmpty();
    }

    @ParameterizedTest(name = "{0} = {1} → {2} {3}")
    @CsvSource({
            "errors, 10, , ", "errors, 10.0001, error_rate, CRITICAL",
            "ratelimit, 3, , ", "ratelimit, 3.01, rate_limit_errors, WARNING",
            "ttft, 2000, , ", "ttft, 2001, ttft_p95, WARNING", "ttft, 5000, ttft_p95, WARNING", "ttft, 5001, ttft_p95, CRITICAL",
            "cache, 60, , ", "cache, 59.99, cache_hit_rate, WARNING",
            "cpsm, 10, , ", "cpsm, 10.000000000001, cost_per_student, WARNING", "cpsm, 15, cost_per_student, WARNING",
            "cpsm, 15.01, cost_per_student, CRITICAL"})
    void eachSignalAtItsEdges(String what, String value, String key, Signal.Level level) {
        List<Signal> fired = signals.evaluate(with(what, value));
        if (key == null) {
            assertThat(fired).isEmpty();
        } else {
            assertThat(fired).extracting(Signal::key, Signal::level).containsExactly(tuple(key, level));
        }
    }

    @ParameterizedTest(name = "{0} students on {1} → {2}")
    @CsvSource({
            "50, free, ", "51, free, WARNING", "100, free, WARNING", "101, free, CRITICAL",
            "101, free tier1, WARNING", "500, tier1, ", "500, , "})
    void freeTier(long students, String tiers, Signal.Level level) {
        ScalingSignals.Inputs q = quiet();
        List<String> tierList = tiers == null ? List.of() : List.of(tiers.split(" "));
        List<Signal> fired = signals.evaluate(new ScalingSignals.Inputs(q.modelCalls(), q.errorPercent(),
                q.rateLimitErrorPercent(), q.ttftCount(), q.ttftP95(), q.cacheHitPercent(), q.cpsmPicos(), students, tierList));
        if (level == null) {
            assertThat(fired).isEmpty();
        } else {
            assertThat(fired).extracting(Signal::key, Signal::level).containsExactly(tuple("free_tier", level));
        }
    }

    @Test
    void ratesNeedTheMinimumSample() {
        ScalingSignals.Inputs bad = new ScalingSignals.Inputs(19, new BigDecimal("50"), new BigDecimal("50"), 19, 9_000L,
                new BigDecimal("10"), Money.picosFromUsd("3"), 10, List.of("tier1"));
        assertThat(signals.evaluate(bad)).isEmpty();
        ScalingSignals.Inputs enough = new ScalingSignals.Inputs(20, new BigDecimal("50"), new BigDecimal("50"), 20,
                9_000L, new BigDecimal("10"), Money.picosFromUsd("3"), 10, List.of("tier1"));
        assertThat(signals.evaluate(enough)).extracting(Signal::key)
                .containsExactly("error_rate", "rate_limit_errors", "ttft_p95", "cache_hit_rate");
    }

    @ParameterizedTest(name = "{0} students → {1}")
    @CsvSource({"0, < 50", "49, < 50", "50, 50–100", "99, 50–100", "100, 100–300", "299, 100–300", "300, 300–500",
            "500, 300–500", "501, > 500", "100000, > 500"})
    void theThresholdsTableRows(long students, String row) {
        assertThat(ScalingAdvisor.rowFor(students).students()).isEqualTo(row);
    }

    private static TutorgateConfig.Provider provider(String name, String tier) {
        return new TutorgateConfig.Provider(name, null, "http://x", List.of("k"), null, tier, null);
    }

    @Test
    void adviceUpgradesAProviderBelowTheRowsTier() {
        Summary.Advice advice = new ScalingAdvisor().advise(60, List.of(provider("gemini-main", "free"),
                provider("openai-main", "tier1")), Usd.of(Money.picosFromUsd("200")), List.of());
        assertThat(advice.row().recommendation()).isEqualTo("Tier 1 + prompt caching");
        assertThat(advice.providerTiers()).containsExactly("gemini-main: free", "openai-main: tier1");
        assertThat(advice.actions()).singleElement().asString().startsWith("Upgrade gemini-main from free to tier1");
        assertThat(advice.headline()).isEqualTo("60 students: Tier 1 + prompt caching ($150–350 a month); no scaling signal fired.");
    }

    @Test
    void adviceAboutSpendingAboveTheRowAndTheSignals() {
        Signal cache = new Signal("cache_hit_rate", Signal.Level.WARNING, "m", BigDecimal.ONE, "< 60%");
        Summary.Advice advice = new ScalingAdvisor().advise(350, List.of(provider("gemini-main", "tier1")),
                Usd.of(Money.picosFromUsd("2000.01")), List.of(cache));
        assertThat(advice.row().tier()).isEqualTo("tier2");
        assertThat(advice.actions()).hasSize(3);
        assertThat(advice.actions().get(0)).startsWith("Upgrade gemini-main from tier1 to tier2");
        assertThat(advice.actions().get(1)).startsWith("Spending is heading for $2000.01 a month, above the $900–2,000");
        assertThat(advice.actions().get(2)).isEqualTo(ScalingAdvisor.actionFor("cache_hit_rate"));
    }

    @Test
    void adviceWhenAllIsWell() {
        Summary.Advice fine = new ScalingAdvisor().advise(30, List.of(provider("gemini-main", "free")),
                Usd.of(Money.picosFromUsd("150")), List.of());
        assertThat(fine.actions()).containsExactly("No action needed: the setup fits the student count and every signal is quiet.");
        Summary.Advice big = new ScalingAdvisor().advise(800, List.of(provider("gemini-main", "custom")), null, List.of());
        assertThat(big.actions()).singleElement().asString().startsWith("Over 500 students: negotiate");
    }
}
