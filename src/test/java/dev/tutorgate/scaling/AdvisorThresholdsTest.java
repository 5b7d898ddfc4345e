package dev.tutorgate.scaling;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tutorgate.scaling.Advice.Level;
import dev.tutorgate.scaling.Advice.Topic;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Each threshold of the brief at and around its edge, and the advice it leads to. */
class AdvisorThresholdsTest {
    private final AdvisorFixture paid = new AdvisorFixture("tier1", "tier1");

    private static FactsBuilder facts() {
        return new FactsBuilder();
    }

    @Test
    void aHealthyCourseGetsOnlyTheTierVerdict() {
        List<Advice> advice = paid.advise(facts());

        assertThat(advice).singleElement().satisfies(a -> {
            assertThat(a.topic()).isEqualTo(Topic.TIER);
            assertThat(a.level()).isEqualTo(Level.OK);
            assertThat(a.title()).isEqualTo("The tiers fit 40 students");
        });
    }

    @ParameterizedTest(name = "{0} students: {1}")
    @CsvSource(delimiter = '|', textBlock = """
            49  | < 50 students: Free tier + Gemini 2.5 Flash ($0–150 a month)                 | OK
            50  | 50–100 students: Tier 1 + prompt caching ($150–350 a month)                  | OK
            99  | 50–100 students: Tier 1 + prompt caching ($150–350 a month)                  | OK
            100 | 100–300 students: Tier 1 + aggressive optimisation ($350–900 a month)        | OK
            299 | 100–300 students: Tier 1 + aggressive optimisation ($350–900 a month)        | OK
            300 | 300–500 students: Tier 2 + hybrid models ($900–2,000 a month)               | INFO
            500 | 300–500 students: Tier 2 + hybrid models ($900–2,000 a month)               | INFO
            501 | > 500 students: Negotiate with the provider or self-host ($2,000+ a month) | INFO
            """)
    void theThresholdsTableByStudentCount(long students, String row, Level level) {
        Advice tier = paid.only(facts().students(students), Topic.TIER);

        assertThat(tier.level()).isEqualTo(level);
        assertThat(tier.number("Students").orElseThrow().text()).isEqualTo(students + " students");
        assertThat(tier.number("Thresholds table").orElseThrow().text()).isEqualTo(row.strip());
        assertThat(tier.number("Tier of gemini-main").orElseThrow().text()).isEqualTo("tier1");
    }

    @Test
    void fromThreeHundredStudentsTier1AccountsAreAskedToMoveToTier2() {
        Advice tier = paid.only(facts().students(300), Topic.TIER);

        assertThat(tier.title()).isEqualTo("Move gemini-main (tier1), openai-main (tier1), anthropic-main (tier1) to tier2");
        assertThat(tier.because()).isEqualTo("The thresholds table puts 300 students at: Tier 2 + hybrid models"
                + " ($900–2,000 a month).");
    }

    @Test
    void selfHostingFromFiveHundredAndOneStudents() {
        assertThat(paid.has(facts().students(500), Topic.SELF_HOSTING)).isFalse();

        Advice self = paid.only(facts().students(501), Topic.SELF_HOSTING);
        assertThat(self.level()).isEqualTo(Level.WARNING);
        assertThat(self.title()).isEqualTo("Negotiate volume pricing or self-host");
        assertThat(self.because()).isEqualTo("501 students (above 500).");
        assertThat(paid.only(facts().students(501), Topic.TIER).title()).isEqualTo("Past the published tiers");
    }

    @Test
    void selfHostingWhenSpendingPassesTheConfiguredMonthlyAmount() {
        assertThat(paid.has(facts().projectedMonth("2000.00"), Topic.SELF_HOSTING)).isFalse();

        Advice self = paid.only(facts().projectedMonth("2000.01"), Topic.SELF_HOSTING);
        assertThat(self.because()).isEqualTo("Spending heads for $2,000.01 a month (above $2,000.00).");
        assertThat(self.number("Spending a month (projected)").orElseThrow().value()).isEqualByComparingTo("2000.01");

        AdvisorFixture lower = new AdvisorFixture(AdvisorFixture.yaml("tier1", "tier1")
                + "scaling: { selfHostMonthlyUsd: 1000 }\n");
        assertThat(lower.only(facts().projectedMonth("1000.01").students(600), Topic.SELF_HOSTING).because())
                .isEqualTo("600 students (above 500) and spending heads for $1,000.01 a month (above $1,000.00).");
    }

    @ParameterizedTest(name = "{0} students, all on the free tier: {1}")
    @CsvSource({
            "49, OK, The tiers fit 49 students",
            "50, INFO, 'Move gemini-main (free), openai-main (free) to tier1'",
            "51, WARNING, 'Plan Tier 1 for gemini-main, openai-main'",
            "100, WARNING, 'Plan Tier 1 for gemini-main, openai-main'",
            "101, WARNING, 'Plan Tier 1 for gemini-main, openai-main'"})
    void freeTierWithOneProviderStillPaid(long students, Level level, String title) {
        // anthropic-main stays on tier1, so "every provider on the free tier" never holds
        AdvisorFixture someFree = new AdvisorFixture("free", "free");

        Advice tier = someFree.only(facts().students(students), Topic.TIER);
        assertThat(tier.level()).isEqualTo(level);
        assertThat(tier.title()).isEqualTo(title);
    }

    @Test
    void moreThanAHundredStudentsWithEveryProviderFreeIsCritical() {
        AdvisorFixture allFree = new AdvisorFixture("""
                providers:
                  - { name: gemini-main, type: gemini, apiKeys: ["g1"], tier: free }
                  - { name: gemini-backup, type: gemini, apiKeys: ["g2"], tier: free }
                """);

        assertThat(allFree.only(facts().students(100), Topic.TIER).level()).isEqualTo(Level.WARNING);
        Advice tier = allFree.only(facts().students(101), Topic.TIER);
        assertThat(tier.level()).isEqualTo(Level.CRITICAL);
        assertThat(tier.title()).isEqualTo("Upgrade to Tier 1 now");
        assertThat(tier.because()).isEqualTo("101 students and every provider on the free tier (critical above 100):"
                + " its limits cannot carry them.");
        assertThat(tier.action()).startsWith("Move gemini-main, gemini-backup to Tier 1");
        assertThat(allFree.only(facts().students(51), Topic.TIER).because())
                .isEqualTo("51 students with gemini-main, gemini-backup on the free tier (a warning above 50).");
    }

    @ParameterizedTest(name = "{0}% of calls rate-limited: {1}")
    @CsvSource({"3.00, ", "3.01, WARNING", "10.00, WARNING", "10.01, CRITICAL"})
    void rateLimitErrorsWarnAbove3AndAreCriticalAbove10Percent(String percent, Level level) {
        FactsBuilder f = facts().errors("15", percent);
        List<Advice> rateLimits = paid.advise(f).stream().filter(a -> a.topic() == Topic.RATE_LIMITS).toList();

        if (level == null) {
            assertThat(rateLimits).isEmpty();
            return;
        }
        assertThat(rateLimits).singleElement().satisfies(a -> {
            assertThat(a.level()).isEqualTo(level);
            assertThat(a.title()).isEqualTo("Provider rate limits refuse " + new java.math.BigDecimal(percent)
                    .setScale(1, java.math.RoundingMode.HALF_UP) + "% of calls");
            assertThat(a.number("Calls refused by rate limits").orElseThrow().value())
                    .isEqualByComparingTo(new java.math.BigDecimal(percent).setScale(1, java.math.RoundingMode.HALF_UP));
            assertThat(a.number("Model calls").orElseThrow().text()).isEqualTo("1,000 calls");
        });
    }

    @ParameterizedTest(name = "{0}% of calls fail, {1}% from rate limits: errors advice {2}")
    @CsvSource({"10.00, 1, false", "10.01, 1, true", "10.01, 10, true", "12, 10.01, false", "20.01, 10.01, false",
            "20.02, 10.01, true"})
    void errorsAboveTenPercentAreCriticalUnlessRateLimitsExplainThem(String errors, String limited, boolean expected) {
        FactsBuilder f = facts().errors(errors, limited);

        assertThat(paid.has(f, Topic.ERRORS)).isEqualTo(expected);
        if (expected) {
            Advice a = paid.only(f, Topic.ERRORS);
            assertThat(a.level()).isEqualTo(Level.CRITICAL);
            assertThat(a.title()).isEqualTo(new java.math.BigDecimal(errors).setScale(1, java.math.RoundingMode.HALF_UP)
                    + "% of model calls fail");
        }
    }

    @ParameterizedTest(name = "TTFT p95 {0} ms: {1}")
    @CsvSource({"2000, ", "2001, WARNING", "5000, WARNING", "5001, CRITICAL"})
    void ttftP95WarnsAbove2AndIsCriticalAbove5Seconds(long p95, Level level) {
        List<Advice> latency = paid.advise(facts().ttftP95(p95)).stream().filter(a -> a.topic() == Topic.LATENCY).toList();

        if (level == null) {
            assertThat(latency).isEmpty();
            return;
        }
        assertThat(latency).singleElement().satisfies(a -> {
            assertThat(a.level()).isEqualTo(level);
            assertThat(a.number("TTFT p95").orElseThrow().text()).isEqualTo(String.format("%,d ms", p95));
            assertThat(a.because()).startsWith("TTFT p95 is " + String.format("%,d ms", p95) + " over 1,000 answers");
        });
    }

    @ParameterizedTest(name = "cache hit {0}%: {1}")
    @CsvSource({"70, ", "69.99, INFO", "60, INFO", "59.99, WARNING"})
    void cacheHitsBelow70AreFairAndBelow60Bad(String percent, Level level) {
        List<Advice> caching = paid.advise(facts().cacheHit(percent)).stream().filter(a -> a.topic() == Topic.CACHING).toList();

        if (level == null) {
            assertThat(caching).isEmpty();
            return;
        }
        assertThat(caching).singleElement().satisfies(a -> {
            assertThat(a.level()).isEqualTo(level);
            assertThat(a.because()).contains(level == Level.WARNING ? "bad (below 60%)" : "fair (60–70%)");
        });
    }

    @ParameterizedTest(name = "a student costs ${0} a month: {1}")
    @CsvSource({"10.00, ", "10.01, WARNING", "15.00, WARNING", "15.01, CRITICAL"})
    void costPerStudentWarnsAbove10AndIsCriticalAbove15Dollars(String usd, Level level) {
        List<Advice> cost = paid.advise(facts().costPerStudent(usd)).stream().filter(a -> a.topic() == Topic.COST).toList();

        if (level == null) {
            assertThat(cost).isEmpty();
            return;
        }
        assertThat(cost).singleElement().satisfies(a -> {
            assertThat(a.level()).isEqualTo(level);
            assertThat(a.title()).isEqualTo("A student costs $" + usd + " a month");
            assertThat(a.number("Cost per student a month").orElseThrow().value()).isEqualByComparingTo(usd);
        });
    }

    @ParameterizedTest(name = "{0} students heading for ${1} a month: worth a look {2}")
    @CsvSource({"40, 150.00, false", "40, 150.01, true", "120, 900.00, false", "120, 900.01, true",
            "400, 2000.00, false", "600, 1999.99, false"})
    void spendingAboveWhatTheTableExpectsForTheCourseSize(long students, String usd, boolean expected) {
        // $2,000.00 is the top of the 300–500 row, beyond it self-hosting speaks; past 500 the row has no top
        FactsBuilder f = facts().students(students).projectedMonth(usd);

        assertThat(paid.has(f, Topic.COST)).isEqualTo(expected);
        if (expected) {
            Advice a = paid.only(f, Topic.COST);
            assertThat(a.level()).isEqualTo(Level.INFO);
            assertThat(a.number("Spending a month (projected)").orElseThrow().value()).isEqualByComparingTo(usd);
            assertThat(a.number("Expected a month").orElseThrow().text())
                    .isEqualTo(ScalingThresholds.rowFor(students).monthlyCost());
        }
    }

    @Test
    void theReportReadsTheTableAndCountsWhatIsUrgent() {
        ScalingReport quiet = paid.report(facts());
        assertThat(quiet.row()).isEqualTo(ScalingThresholds.TABLE.getFirst());
        assertThat(quiet.table()).extracting(ScalingThresholds.Row::students)
                .containsExactly("< 50", "50–100", "100–300", "300–500", "> 500");
        assertThat(quiet.headline()).isEqualTo("40 students: Free tier + Gemini 2.5 Flash ($0–150 a month); nothing urgent.");

        ScalingReport bad = paid.report(facts().students(120).errors("12", "11").ttftP95(2_500).cacheHit("55")
                .costPerStudent("16"));
        assertThat(bad.headline()).isEqualTo(
                "120 students: Tier 1 + aggressive optimisation ($350–900 a month); 2 critical, 2 warnings.");
        assertThat(bad.advice()).isEqualTo(paid.advise(facts().students(120).errors("12", "11").ttftP95(2_500)
                .cacheHit("55").costPerStudent("16")));
    }

    @Test
    void ratesNeedEnoughCallsBeforeTheySpeak() {
        FactsBuilder fewCalls = facts().calls(19).errors("50", "50").ttftP95(9_000).cacheHit("10");

        assertThat(paid.advise(fewCalls)).extracting(Advice::topic).containsExactly(Topic.TIER);
        assertThat(paid.advise(fewCalls.calls(20))).extracting(Advice::topic)
                .contains(Topic.RATE_LIMITS, Topic.LATENCY, Topic.CACHING);
    }

    @Test
    void unknownFiguresKeepTheirRulesQuiet() {
        FactsBuilder unknown = facts();
        unknown.errorPercent = null;
        unknown.rateLimitErrorPercent = null;
        unknown.ttftP95Ms = null;
        unknown.cacheHitPercent = null;
        unknown.cpsmPicos = null;
        unknown.projectedMonthPicos = null;

        assertThat(paid.advise(unknown)).extracting(Advice::topic).containsExactly(Topic.TIER);
    }

    @Test
    void mostUrgentFirstThenByTopicAndTheSameEveryTime() {
        FactsBuilder bad = facts().students(120).errors("12", "11").ttftP95(2_500).cacheHit("55").costPerStudent("16");

        List<Advice> advice = paid.advise(bad);
        assertThat(advice).extracting(Advice::level, Advice::topic).containsExactly(
                org.assertj.core.groups.Tuple.tuple(Level.CRITICAL, Topic.RATE_LIMITS),
                org.assertj.core.groups.Tuple.tuple(Level.CRITICAL, Topic.COST),
                org.assertj.core.groups.Tuple.tuple(Level.WARNING, Topic.LATENCY),
                org.assertj.core.groups.Tuple.tuple(Level.WARNING, Topic.CACHING),
                org.assertj.core.groups.Tuple.tuple(Level.OK, Topic.TIER));
        assertThat(paid.advise(bad)).isEqualTo(advice);
    }
}
