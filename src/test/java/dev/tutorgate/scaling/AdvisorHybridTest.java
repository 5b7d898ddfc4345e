package dev.tutorgate.scaling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import dev.tutorgate.config.TutorgateConfig;
import dev.tutorgate.core.Usage;
import dev.tutorgate.limits.TierCatalog;
import dev.tutorgate.scaling.Advice.Level;
import dev.tutorgate.scaling.Advice.Topic;
import dev.tutorgate.scaling.ScalingFacts.ModelTraffic;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Hybrid routing advice, priced with the dated price table (USD per 1M tokens, input / output):
 * gemini-2.5-flash 0.30 / 2.50, gpt-4.1-mini 0.40 / 1.60, claude-sonnet-4-5 3.00 / 15.00.
 */
class AdvisorHybridTest {
    private final AdvisorFixture f = new AdvisorFixture("tier1", "tier1");

    /** 100 calls on Sonnet: 150,000 input and 15,000 output tokens in all (below the 200K long-context edge). */
    private static FactsBuilder allOnSonnet() {
        return new FactsBuilder().calls(100).projectedMonth("600")
                .traffic(new ModelTraffic("claude-sonnet-4-5", 100, Usage.of(150_000, 15_000)));
    }

    @Test
    void allTrafficOnThePremiumModelWithMostlySimpleQuestionsSuggestsHybridRouting() {
        Advice a = f.only(allOnSonnet(), Topic.HYBRID_ROUTING);

        // all on Sonnet: 150,000 × $3 + 15,000 × $15 per 1M = $0.45 + $0.225 = $0.675
        // routed: simple 60% on Flash  90,000 × 0.30 + 9,000 × 2.50 = $0.0495
        //         medium 30% on mini   45,000 × 0.40 + 4,500 × 1.60 = $0.0252
        //         complex 10% on Sonnet 15,000 × 3   + 1,500 × 15   = $0.0675   → $0.1422
        // saved (0.675 − 0.1422) ÷ 0.675 = 0.7893; a month: $600 × 0.7893 = $473.58; ÷ 40 students = $11.84
        assertThat(a.level()).isEqualTo(Level.INFO);
        assertThat(a.title()).isEqualTo("Route by complexity: about 78.9% cheaper");
        assertThat(a.because()).isEqualTo("100.0% of model calls go to claude-sonnet-4-5, the most expensive configured"
                + " model, while 60.0% of questions are simple.");
        assertThat(a.action()).startsWith("Set routing.simple: gemini-2.5-flash, routing.medium: gpt-4.1-mini,"
                + " routing.complex: claude-sonnet-4-5;");
        assertThat(a.numbers()).extracting(Fact::name, Fact::text).containsExactly(
                tuple("Calls on claude-sonnet-4-5", "100.0%"),
                tuple("Simple questions", "60.0%"),
                tuple("Medium questions", "30.0%"),
                tuple("Complex questions", "10.0%"),
                tuple("This traffic all on claude-sonnet-4-5", "$0.68"),
                tuple("The same routed by complexity", "$0.14"),
                tuple("Estimated saving", "78.9%"),
                tuple("Estimated saving a month", "$473.58"),
                tuple("Estimated saving per student a month", "$11.84"));
    }

    @Test
    void moreUrgentFromThreeHundredStudentsOrTenDollarsAStudent() {
        assertThat(f.only(allOnSonnet().students(299), Topic.HYBRID_ROUTING).level()).isEqualTo(Level.INFO);

        Advice big = f.only(allOnSonnet().students(300), Topic.HYBRID_ROUTING);
        assertThat(big.level()).isEqualTo(Level.WARNING);
        assertThat(big.because()).endsWith("are simple; the thresholds table asks for hybrid models from 300 students.");

        Advice dear = f.only(allOnSonnet().costPerStudent("10.01"), Topic.HYBRID_ROUTING);
        assertThat(dear.level()).isEqualTo(Level.WARNING);
        assertThat(dear.because()).endsWith("are simple; a student costs more than $10 a month.");
        assertThat(f.only(allOnSonnet().costPerStudent("10.00"), Topic.HYBRID_ROUTING).level()).isEqualTo(Level.INFO);
    }

    @Test
    void oneModelMustAnswerAtLeastNinetyPercentOfCalls() {
        FactsBuilder ninety = allOnSonnet().calls(1_000).traffic(
                new ModelTraffic("claude-sonnet-4-5", 900, Usage.of(135_000, 13_500)),
                new ModelTraffic("gemini-2.5-flash", 100, Usage.of(15_000, 1_500)));
        assertThat(f.only(ninety, Topic.HYBRID_ROUTING).number("Calls on claude-sonnet-4-5").orElseThrow().text())
                .isEqualTo("90.0%");

        FactsBuilder lessThanNinety = allOnSonnet().calls(10_000).traffic(
                new ModelTraffic("claude-sonnet-4-5", 8_999, Usage.of(135_000, 13_500)),
                new ModelTraffic("gemini-2.5-flash", 1_001, Usage.of(15_000, 1_500)));
        assertThat(f.has(lessThanNinety, Topic.HYBRID_ROUTING)).isFalse();
    }

    @Test
    void trafficAlreadyOnTheCheapModelNeedsNoHybridRouting() {
        FactsBuilder onFlash = allOnSonnet().traffic(new ModelTraffic("gemini-2.5-flash", 100, Usage.of(150_000, 15_000)));

        assertThat(f.has(onFlash, Topic.HYBRID_ROUTING)).isFalse();
    }

    @Test
    void withoutLabelledQuestionsOrEnoughCallsThereIsNoEstimate() {
        assertThat(f.has(allOnSonnet().mix(0, 0, 0), Topic.HYBRID_ROUTING)).isFalse();
        assertThat(f.has(allOnSonnet().calls(19), Topic.HYBRID_ROUTING)).isFalse();
    }

    @Test
    void theSavingMustReachTwentyPercent() {
        // a model list of two, priced per input token: all questions simple, so all go to the cheap model
        FactsBuilder simple = new FactsBuilder().calls(100).mix(100, 0, 0)
                .traffic(new ModelTraffic("premium", 100, Usage.of(1_000, 0)));

        assertThat(hybrid(80, simple)).singleElement().extracting(Advice::title)
                .isEqualTo("Route by complexity: about 20.0% cheaper");
        assertThat(hybrid(81, simple)).isEmpty(); // 19% saved
    }

    private static List<Advice> hybrid(long cheapPerToken, FactsBuilder facts) {
        Advisor advisor = new Advisor(List.of("cheap", "premium"),
                (model, usage) -> usage.inputTokens() * (model.equals("cheap") ? cheapPerToken : 100),
                TierCatalog.bundled(), TutorgateConfig.Scaling.DEFAULTS, AdvisorFixture.MIN_SAMPLE);
        return advisor.advise(facts.build(), TierStatus.EMPTY).stream()
                .filter(a -> a.topic() == Topic.HYBRID_ROUTING).toList();
    }

    @Test
    void aSingleConfiguredModelHasNothingToRouteTo() {
        Advisor advisor = new Advisor(List.of("claude-sonnet-4-5"), (model, usage) -> usage.inputTokens(),
                TierCatalog.bundled(), TutorgateConfig.Scaling.DEFAULTS, AdvisorFixture.MIN_SAMPLE);

        assertThat(advisor.advise(allOnSonnet().build(), TierStatus.EMPTY)).extracting(Advice::topic)
                .doesNotContain(Topic.HYBRID_ROUTING);
    }
}
