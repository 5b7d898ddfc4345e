package dev.tutorgate.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tutorgate.config.ConfigLoader;
import dev.tutorgate.config.TutorgateConfig;
import dev.tutorgate.core.Money;
import dev.tutorgate.core.Usage;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SavingsCalculatorTest {
    private static final List<String> MODELS = List.of("gemini-2.5-flash", "gpt-4.1-mini", "claude-sonnet-4-5");

    /**
     * The brief (lesson 9.7, part 5): "60% простых ($2.90) + 30% средних ($3.50) + 10% сложных ($7.30)
     * = $3.65/студент вместо $7.30". Its inputs are what one student's month costs when all of it goes
     * to one model. Model that as a million tokens a month at each model's per-student price, send
     * 60/30/10 of them to the three models, and the calculator does the brief's arithmetic:
     * 0.6 × 2.90 + 0.3 × 3.50 + 0.1 × 7.30 = 3.52 — not the brief's 3.65, which is exactly half of
     * 7.30 and does not follow from its own inputs (with GPT-4.1 mini at the brief's other figure,
     * $5.40, it would be 4.09).
     */
    @Test
    void theBriefsExampleFromItsOwnInputs() {
        Map<String, Long> picosPerToken = Map.of(
                "gemini-2.5-flash", perToken("2.90"),
                "gpt-4.1-mini", perToken("3.50"),
                "claude-sonnet-4-5", perToken("7.30"));
        ModelCostFunction cost = (model, usage) -> Math.multiplyExact(usage.inputTokens(), picosPerToken.get(model));
        Map<String, Usage> oneStudentsMonth = Map.of(
                "gemini-2.5-flash", Usage.of(600_000, 0),
                "gpt-4.1-mini", Usage.of(300_000, 0),
                "claude-sonnet-4-5", Usage.of(100_000, 0));

        Savings savings = new SavingsCalculator(MODELS, cost).compute(oneStudentsMonth).orElseThrow();

        assertThat(savings.premiumModel()).isEqualTo("claude-sonnet-4-5");
        assertThat(savings.allPremiumPicos()).isEqualTo(Money.picosFromUsd("7.30"));
        assertThat(savings.actualPicos()).isEqualTo(Money.picosFromUsd("3.52"));
        assertThat(savings.savedPicos()).isEqualTo(Money.picosFromUsd("3.78"));
        assertThat(savings.savedShare()).isEqualByComparingTo("0.5178");
        assertThat(savings.describe()).isEqualTo("$3.52 instead of $7.30 on claude-sonnet-4-5 (saved $3.78, 51.8%)");

        Savings hundredStudents = new SavingsCalculator(MODELS, cost).compute(Map.of(
                "gemini-2.5-flash", Usage.of(60_000_000, 0),
                "gpt-4.1-mini", Usage.of(30_000_000, 0),
                "claude-sonnet-4-5", Usage.of(10_000_000, 0))).orElseThrow();
        assertThat(Money.format(hundredStudents.savedPicos())).isEqualTo("$378.00");
        assertThat(hundredStudents.perStudent(100)).isEqualTo(savings);
    }

    /** A million tokens cost the per-student figure: picos per token = USD × 10¹² / 10⁶. */
    private static long perToken(String usdPerStudent) {
        return Money.picosFromUsd(usdPerStudent) / 1_000_000;
    }

    /**
     * The same mix with the configured, dated prices (defaults.yaml) and a typical tutor call:
     * 3,000 input tokens (instructions, course excerpt, history, question) and 400 output tokens.
     */
    @Test
    void theMixAtTheConfiguredPrices() {
        TutorgateConfig config = ConfigLoader.fromYaml(null, "defaults", Map.of()).config();
        ModelCostFunction cost = (model, usage) -> plainCost(config, model, usage);
        Map<String, Usage> thousandQuestions = Map.of(
                "gemini-2.5-flash", Usage.of(600 * 3_000, 600 * 400),
                "gpt-4.1-mini", Usage.of(300 * 3_000, 300 * 400),
                "claude-sonnet-4-5", Usage.of(100 * 3_000, 100 * 400));

        Savings savings = new SavingsCalculator(MODELS, cost).compute(thousandQuestions).orElseThrow();

        // flash 600 × (3000 × 0.30 + 400 × 2.50) / 1M = $1.14; mini 300 × (3000 × 0.40 + 400 × 1.60) / 1M = $0.552;
        // sonnet 100 × (3000 × 3 + 400 × 15) / 1M = $1.50; all on sonnet 1000 × $0.015 = $15.00
        assertThat(savings.actualPicos()).isEqualTo(Money.picosFromUsd("3.192"));
        assertThat(savings.allPremiumPicos()).isEqualTo(Money.picosFromUsd("15.00"));
        assertThat(savings.premiumModel()).isEqualTo("claude-sonnet-4-5");
        assertThat(savings.describe()).isEqualTo("$3.19 instead of $15.00 on claude-sonnet-4-5 (saved $11.81, 78.7%)");
    }

    /** Input and output at the table's plain rates (enough for this test; pricing.CostCalculator does it all). */
    private static long plainCost(TutorgateConfig config, String model, Usage usage) {
        TutorgateConfig.PriceRates rates = config.prices().stream().filter(p -> p.model().equals(model))
                .reduce((a, b) -> b).orElseThrow().rates();
        long inputPerToken = Money.picosFromUsd(rates.input()) / 1_000_000;   // exact: rates have ≤ 6 decimals
        long outputPerToken = Money.picosFromUsd(rates.output()) / 1_000_000;
        return Math.addExact(Math.multiplyExact(usage.inputTokens(), inputPerToken),
                Math.multiplyExact(usage.outputTokens(), outputPerToken));
    }

    @Test
    void theMostExpensiveModelDependsOnTheTraffic() {
        // "input-heavy" charges for input, "output-heavy" for output
        ModelCostFunction cost = (model, usage) -> model.equals("input-heavy") ? usage.inputTokens() * 10 : usage.outputTokens() * 10;
        SavingsCalculator calculator = new SavingsCalculator(List.of("input-heavy", "output-heavy"), cost);
        assertThat(calculator.compute(Map.of("output-heavy", Usage.of(1_000, 10))).orElseThrow().premiumModel())
                .isEqualTo("input-heavy");
        assertThat(calculator.compute(Map.of("input-heavy", Usage.of(10, 1_000))).orElseThrow().premiumModel())
                .isEqualTo("output-heavy");
        // a tie keeps the first configured model
        assertThat(calculator.compute(Map.of("input-heavy", Usage.of(5, 5))).orElseThrow().premiumModel())
                .isEqualTo("input-heavy");
    }

    @Test
    void offlineAnswersAreNeverPricedAndEveryTokenKindIsCarriedOver() {
        Map<String, Usage> seen = new LinkedHashMap<>();
        ModelCostFunction cost = (model, usage) -> {
            if (model.equals(ModelRouter.OFFLINE)) {
                throw new AssertionError("offline must not be priced");
            }
            seen.put(model, usage);
            return usage.totalTokens();
        };
        Map<String, Usage> traffic = new LinkedHashMap<>();
        traffic.put("a", new Usage(100, 40, 10, 0, 50, 5, false));
        traffic.put("b", new Usage(200, 0, 0, 20, 30, 0, true));
        traffic.put(ModelRouter.OFFLINE, Usage.ZERO);

        Savings savings = new SavingsCalculator(List.of("a", "b"), cost).compute(traffic).orElseThrow();

        assertThat(savings.actualPicos()).isEqualTo(150 + 230);
        assertThat(seen.get("b")).isEqualTo(new Usage(300, 40, 10, 20, 80, 5, true));
        assertThat(savings.savedPicos()).isZero();
    }

    @Test
    void nothingToCompareWithoutConfiguredModelsAndNothingSavedWithoutTraffic() {
        assertThat(new SavingsCalculator(List.of(), (m, u) -> 1).compute(Map.of(ModelRouter.OFFLINE, Usage.ZERO))).isEmpty();
        Savings none = new SavingsCalculator(List.of("a"), (m, u) -> u.totalTokens()).compute(Map.of()).orElseThrow();
        assertThat(none.savedPicos()).isZero();
        assertThat(none.savedShare()).isEqualByComparingTo(BigDecimal.ZERO);
    }

    @Test
    void perStudentRoundsHalfUpAndNeedsAStudent() {
        Savings savings = new Savings(10, 25, "p");
        assertThat(savings.perStudent(4)).isEqualTo(new Savings(3, 6, "p"));
        assertThatThrownBy(() -> savings.perStudent(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Savings(-1, 0, "p")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theCalculatorReadsTheConfiguredModels() {
        TutorgateConfig config = ConfigLoader.fromYaml("""
                providers: [{ name: o, type: openai, apiKeys: [k] }]
                models: [{ name: gpt-4.1-mini, provider: o }, { name: gpt-4.1, provider: o }]
                """, "t", Map.of()).config();
        ModelCostFunction cost = (model, usage) -> plainCost(config, model, usage);
        Savings savings = SavingsCalculator.fromConfig(config, cost)
                .compute(Map.of("gpt-4.1-mini", Usage.of(1_000_000, 0))).orElseThrow();
        assertThat(savings.premiumModel()).isEqualTo("gpt-4.1");
        assertThat(savings.describe()).isEqualTo("$0.40 instead of $2.00 on gpt-4.1 (saved $1.60, 80.0%)");
    }
}
