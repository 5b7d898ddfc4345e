package dev.tutorgate.pricing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tutorgate.config.ConfigLoader;
import dev.tutorgate.config.TutorgateConfig;
import dev.tutorgate.config.TutorgateConfig.Model;
import dev.tutorgate.config.TutorgateConfig.PriceRates;
import dev.tutorgate.core.Money;
import dev.tutorgate.core.Usage;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PriceTableTest {
    /** A price change added in the user's file, as the README tells people to do it. */
    private static final String PRICE_CHANGE = """
            prices:
              - model: gemini-2.5-flash
                effectiveFrom: 2026-03-01
                rates: { input: 0.35, cachedInput: 0.035, output: 3.00 }
            """;

    @Test
    void aDatedRowTakesOverOnItsDayAndNotBefore() {
        TutorgateConfig config = ConfigLoader.fromYaml(PRICE_CHANGE, "test.yaml", Map.of()).config();
        CostCalculator calculator = new CostCalculator(PriceTable.from(config));
        Usage usage = Usage.of(1_000_000, 1_000_000);

        assertThat(calculator.cost("gemini-2.5-flash", usage, LocalDate.of(2026, 2, 28)).picos())
                .isEqualTo(Money.picosFromUsd("2.80"));
        assertThat(calculator.cost("gemini-2.5-flash", usage, LocalDate.of(2026, 3, 1)).picos())
                .isEqualTo(Money.picosFromUsd("3.35"));
        assertThat(calculator.cost("gemini-2.5-flash", usage, LocalDate.of(2027, 1, 1)).picos())
                .isEqualTo(Money.picosFromUsd("3.35"));
    }

    @Test
    void ofTwoRowsForTheSameDayTheLaterOneWins() {
        TutorgateConfig defaults = ConfigLoader.fromYaml(null, "defaults", Map.of()).config();
        TutorgateConfig.Price correction = new TutorgateConfig.Price("gpt-4.1-mini", LocalDate.of(2025, 4, 14),
                CostCalculatorTest.rates("0.41", "0.11", null, null, "1.61"));
        PriceTable table = new PriceTable(append(defaults.prices(), correction), List.of());

        assertThat(input(table, "gpt-4.1-mini", LocalDate.of(2026, 1, 1))).isEqualByComparingTo("0.41");
    }

    @Test
    void anInlinePriceOverridesTheTableOnEveryDay() {
        TutorgateConfig defaults = ConfigLoader.fromYaml(null, "defaults", Map.of()).config();
        PriceRates negotiated = CostCalculatorTest.rates("0.20", null, null, null, "1.00");
        PriceTable table = new PriceTable(defaults.prices(),
                List.of(new Model("gpt-4.1-mini", "openai-main", null, negotiated, null, null)));

        assertThat(table.ratesFor("gpt-4.1-mini", LocalDate.of(2026, 1, 1))).contains(negotiated);
        assertThat(table.ratesFor("gpt-4.1-mini", LocalDate.of(2020, 1, 1))).contains(negotiated);
    }

    @Test
    void aModelIsFoundByItsConfiguredOrItsUpstreamName() {
        TutorgateConfig defaults = ConfigLoader.fromYaml(null, "defaults", Map.of()).config();
        PriceRates local = CostCalculatorTest.rates("0", null, null, null, "0");
        PriceTable table = new PriceTable(defaults.prices(), List.of(
                new Model("tutor-fast", "gemini-main", "gemini-2.5-flash", null, null, null),
                new Model("llama", "local", "meta-llama/Llama-3.1-8B-Instruct", local, 131_072L, null)));
        LocalDate day = LocalDate.of(2026, 1, 1);

        PriceRates flash = table.ratesFor("gemini-2.5-flash", day).orElseThrow();
        assertThat(table.ratesFor("tutor-fast", day)).contains(flash);
        assertThat(table.ratesFor("llama", day)).contains(local);
        assertThat(table.ratesFor("meta-llama/Llama-3.1-8B-Instruct", day)).contains(local);
        assertThat(table.ratesFor("gemini-2.5-flash-lite", day)).isPresent(); // in the table, not configured
        assertThat(table.ratesFor("tutor-slow", day)).isEmpty();
    }

    @Test
    void anotherModelsInlinePriceDoesNotLeakToAModelNamedLikeItsUpstream() {
        TutorgateConfig defaults = ConfigLoader.fromYaml(null, "defaults", Map.of()).config();
        PriceRates discount = CostCalculatorTest.rates("0.01", null, null, null, "0.01");
        PriceTable table = new PriceTable(defaults.prices(), List.of(
                new Model("gpt-4.1-mini", "openai-main", null, null, null, null),
                new Model("cheap-mini", "azure", "gpt-4.1-mini", discount, null, null)));
        LocalDate day = LocalDate.of(2026, 1, 1);

        assertThat(input(table, "gpt-4.1-mini", day)).isEqualByComparingTo("0.40");
        assertThat(table.ratesFor("cheap-mini", day)).contains(discount);
    }

    @Test
    void rowsUnderTheConfiguredNameArePreferredToRowsUnderTheUpstreamName() {
        TutorgateConfig defaults = ConfigLoader.fromYaml(null, "defaults", Map.of()).config();
        TutorgateConfig.Price own = new TutorgateConfig.Price("tutor-fast", LocalDate.of(2025, 9, 1),
                CostCalculatorTest.rates("9", null, null, null, "9"));
        PriceTable table = new PriceTable(append(defaults.prices(), own),
                List.of(new Model("tutor-fast", "gemini-main", "gemini-2.5-flash", null, null, null)));

        assertThat(input(table, "tutor-fast", LocalDate.of(2026, 1, 1))).isEqualByComparingTo("9");
        // before its own first row, the upstream name's rows price it
        assertThat(input(table, "tutor-fast", LocalDate.of(2025, 7, 1))).isEqualByComparingTo("0.30");
        assertThat(table.ratesFor("tutor-fast", LocalDate.of(2025, 6, 16))).isEmpty();
    }

    private static BigDecimal input(PriceTable table, String model, LocalDate day) {
        return table.ratesFor(model, day).orElseThrow().input();
    }

    private static <T> List<T> append(List<T> list, T extra) {
        return java.util.stream.Stream.concat(list.stream(), java.util.stream.Stream.of(extra)).toList();
    }
}
