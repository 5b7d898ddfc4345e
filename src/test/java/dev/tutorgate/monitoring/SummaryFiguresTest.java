package dev.tutorgate.monitoring;

import static dev.tutorgate.monitoring.MonitoringDb.row;
import static dev.tutorgate.monitoring.MonitoringDb.usd;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tutorgate.scaling.Advice;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A known day of ledger rows (Moscow, 2026-11-20) and every figure of its summary, computed by hand
 * in the comments. Each test runs the summary both ways: from the roll-ups and from the raw rows.
 */
class SummaryFiguresTest {
    private static final ZoneId MOSCOW = ZoneId.of("Europe/Moscow");
    /** The Moscow day 2026-11-20 is [2026-11-19T21:00Z, 2026-11-20T21:00Z). */
    private static final Range DAY = new Range(Instant.parse("2026-11-19T21:00:00Z"), Instant.parse("2026-11-20T21:00:00Z"),
            MOSCOW, "2026-11-20");
    /** A day after: the whole range has elapsed, 24 h, so a month is 30 of it. */
    private static final Instant NOW = Instant.parse("2026-11-21T12:00:00Z");

    @TempDir
    Path dir;
    private MonitoringDb m;

    @BeforeEach
    void fill() {
        m = new MonitoringDb(dir);
        m.student("s1", "Anna");
        m.student("s2", "Boris");
        m.student("s3", "Vera");
        Instant t = Instant.parse("2026-11-20T07:10:00Z");
        // r1, r2: simple questions answered by Gemini
        m.record(row("r1", t).student("s1").on("gemini-2.5-flash", "simple").tokens(10_000, 8_000, 500)
                .cost("0.010", "0.020").times(400L, 1_400L).retrieval(true).entry());
        m.record(row("r2", t.plusSeconds(60)).student("s1").on("gemini-2.5-flash", "simple").tokens(10_000, 9_000, 300)
                .cost("0.008", "0.018").times(600L, 1_600L).retrieval(true).entry());
        // r3: GPT fails once (503), the retry answers
        Instant t3 = Instant.parse("2026-11-20T09:30:00Z");
        m.record(row("r3", t3).attempt(1, false).student("s2").on("gpt-4.1-mini", "medium").failed("unavailable")
                .times(null, 2_000L).entry());
        m.record(row("r3", t3.plusSeconds(3)).attempt(2, true).student("s2").on("gpt-4.1-mini", "medium")
                .tokens(12_000, 6_000, 800).cost("0.030", "0.040").times(900L, 2_900L).retrieval(false).entry());
        // r4: a complex question on Claude, slow
        Instant t4 = Instant.parse("2026-11-20T12:00:00Z");
        m.record(row("r4", t4).student("s3").on("claude-sonnet-4-5", "complex").tokens(20_000, 10_000, 1_000)
                .cost("0.060", "0.090").times(1_800L, 5_200L).retrieval(true).entry());
        // r5: Claude rate-limited, GPT answers as the fallback
        m.record(row("r5", t4.plusSeconds(120)).attempt(1, false).student("s3").on("claude-sonnet-4-5", "complex")
                .failed("rate_limited").times(null, 300L).entry());
        m.record(row("r5", t4.plusSeconds(121)).attempt(2, true).student("s3").on("gpt-4.1-mini", "complex")
                .fallback("rate_limited").tokens(12_000, 0, 400).cost("0.012", "0.012").times(700L, 2_100L)
                .retrieval(true).entry());
        // r6: the per-student rate limit (before classification); r7: over budget
        m.record(row("r6", t4.plusSeconds(200)).student("s1").refused("rate_limited", null).entry());
        m.record(row("r7", t4.plusSeconds(201)).student("s2").refused("budget_exceeded", "medium").entry());
        // r8: degraded to the offline answer by the budget
        m.record(row("r8", t4.plusSeconds(300)).student("s2").on("offline", "simple").fallback("budget")
                .times(5L, 20L).retrieval(true).entry());
        // r9: Gemini fails and nothing else is tried; r10: the student leaves mid-answer
        Instant t9 = Instant.parse("2026-11-20T18:59:59Z");
        m.record(row("r9", t9).student("s3").on("gemini-2.5-flash", "simple").failed("unavailable").times(null, 100L).entry());
        m.record(row("r10", t9.plusSeconds(1)).student("s1").on("gemini-2.5-flash", "simple").cancelled()
                .tokens(10_000, 8_000, 100).cost("0.005", "0.010").times(500L, 800L).entry());
        // outside the day, on both sides: must not count
        m.record(row("before", Instant.parse("2026-11-19T20:59:59.999Z")).student("s9").on("gemini-2.5-flash", "simple")
                .tokens(1, 0, 1).cost("5", "5").times(100L, 200L).entry());
        m.record(row("after", Instant.parse("2026-11-20T21:00:00Z")).student("s9").on("gemini-2.5-flash", "simple")
                .tokens(1, 0, 1).cost("7", "7").times(100L, 200L).entry());

        m.feedback("r1", "s1", 5, t.plusSeconds(10));
        m.feedback("r2", "s1", 4, t.plusSeconds(70));
        m.feedback("r3", "s2", 2, t3.plusSeconds(10));
        m.feedback("r4", "s3", 5, t4.plusSeconds(10));
        m.feedback("after", "s9", 1, Instant.parse("2026-11-20T21:00:01Z"));
        m.review("r1", "correct", NOW);
        m.review("r3", "incorrect", NOW);
        m.review("r4", "correct", NOW);
        m.review("after", "incorrect", NOW);
    }

    @AfterEach
    void close() {
        m.close();
    }

    private Summary summary(LedgerAggregates.Mode mode) {
        return m.service(MonitoringDb.config(""), NOW).summary(DAY, mode);
    }

    @ParameterizedTest
    @EnumSource(LedgerAggregates.Mode.class)
    void requestsAndCalls(LedgerAggregates.Mode mode) {
        Summary s = summary(mode);
        // final rows r1..r10; answered r1 r2 r3 r4 r5 r8 (r8 offline); failed r9; cancelled r10; refused r6 r7
        assertThat(s.requests()).isEqualTo(new Summary.Requests(10, 6, 5, 1, 1, 1, 2,
                Map.of("budget_exceeded", 1L, "rate_limited", 1L), 2, 2, 1, 1, 1));
        // calls: 10 rows with attempt ≥ 1, 9 to models; errors r3#1 r5#1 r9; retries r3#2 r5#2; fallbacks r5#2 r8
        assertThat(s.calls()).isEqualTo(new Summary.Calls(10, 9, 3, Map.of("rate_limited", 1L, "unavailable", 2L), 2, 2, 1,
                new BigDecimal("33.33"), new BigDecimal("11.11")));
    }

    @ParameterizedTest
    @EnumSource(LedgerAggregates.Mode.class)
    void moneyFigures(LedgerAggregates.Mode mode) {
        Summary s = summary(mode);
        // 0.010 + 0.008 + 0.030 + 0.060 + 0.012 + 0.005 = 0.125; without cache 0.190; saved 0.065
        assertThat(s.spend().total().picos()).isEqualTo(usd("0.125"));
        assertThat(s.spend().withoutCache().picos()).isEqualTo(usd("0.190"));
        assertThat(s.spend().savedByCache().picos()).isEqualTo(usd("0.065"));
        // CPQ: 0.125 / 6 answered = 0.0208333… → 20,833,333,333 picos (half-up)
        assertThat(s.spend().perQuery().picos()).isEqualTo(20_833_333_333L);
        assertThat(s.figure("cpq").text()).isEqualTo("$0.021");
        assertThat(s.figure("cpq").status()).isEqualTo(Status.GREEN);
        // CPSM: 0.125 / 3 active students × (30 days / 24 h elapsed) = 1.25
        assertThat(s.spend().monthFactor()).isEqualByComparingTo("30");
        assertThat(s.spend().perStudentMonth().picos()).isEqualTo(usd("1.25"));
        assertThat(s.spend().projectedMonth().picos()).isEqualTo(usd("3.75"));
        assertThat(s.figure("cpsm").status()).isEqualTo(Status.GREEN);
        assertThat(s.students()).isEqualTo(new Summary.Students(3, 3));
    }

    @ParameterizedTest
    @EnumSource(LedgerAggregates.Mode.class)
    void cacheFigures(LedgerAggregates.Mode mode) {
        Summary s = summary(mode);
        // input 10000+10000+12000+20000+12000+10000 = 74000; cached 8000+9000+6000+10000+0+8000 = 41000
        assertThat(s.tokens()).isEqualTo(new Summary.Tokens(74_000, 41_000, 0, 0, 3_100, 0,
                new BigDecimal("55.41"), "bad", 0));
        assertThat(s.figure("cacheHitRate").status()).isEqualTo(Status.RED);
        assertThat(s.figure("cacheHitRate").text()).isEqualTo("55.41%");
        assertThat(s.figure("cacheSaved").text()).isEqualTo("$0.065");
    }

    @ParameterizedTest
    @EnumSource(LedgerAggregates.Mode.class)
    void latencyPercentilesByNearestRank(LedgerAggregates.Mode mode) {
        Summary s = summary(mode);
        // answered model calls' TTFT sorted: 400 600 700 900 1800 → p50 = 3rd = 700, p95 = p99 = 5th = 1800
        assertThat(s.latency().ttft()).isEqualTo(new Summary.LatencyFigures(5, 700L, 1_800L, 1_800L, 880L));
        // latency: 1400 1600 2100 2900 5200 → p50 = 2100, p95 = p99 = 5200; mean 13200 / 5 = 2640
        assertThat(s.latency().total()).isEqualTo(new Summary.LatencyFigures(5, 2_100L, 5_200L, 5_200L, 2_640L));
        // output 500+300+800+1000+400 = 3000 tokens over (1000+1000+2000+3400+1400) = 8800 ms → 340.9 tok/s
        assertThat(s.latency().outputTokensPerSecond()).isEqualByComparingTo("340.9");
        assertThat(s.figure("ttftP50").status()).isEqualTo(Status.GREEN);
        assertThat(s.figure("ttftP95").status()).isEqualTo(Status.AMBER);
        assertThat(s.figure("latencyP95").status()).isEqualTo(Status.RED);
        assertThat(s.figure("latencyP50").text()).isEqualTo("2100 ms");
    }

    @ParameterizedTest
    @EnumSource(LedgerAggregates.Mode.class)
    void qualityFigures(LedgerAggregates.Mode mode) {
        Summary s = summary(mode);
        // stars 5 4 2 5 → 16 / 4 = 4.00, not above 4.0: amber
        assertThat(s.quality().stars()).isEqualTo(new Summary.Stars(4, new BigDecimal("4.00"),
                Map.of(1, 0L, 2, 1L, 3, 0L, 4, 1L, 5, 2L)));
        assertThat(s.figure("satisfaction").status()).isEqualTo(Status.AMBER);
        // reviews of the day's answers: r1 correct, r3 incorrect, r4 correct → 66.67%
        assertThat(s.quality().accuracy()).isEqualTo(new Summary.Accuracy(3, 2, 1, new BigDecimal("66.67")));
        assertThat(s.figure("accuracy").status()).isEqualTo(Status.AMBER);
        // retrieval known on r1 r2 r3 r4 r5 r8, hit on all but r3 → 5 / 6 = 83.33%, below 90%: red
        assertThat(s.quality().retrieval()).isEqualTo(new Summary.Retrieval(6, 5, new BigDecimal("83.33")));
        assertThat(s.figure("retrieval").status()).isEqualTo(Status.RED);
    }

    @ParameterizedTest
    @EnumSource(LedgerAggregates.Mode.class)
    void spendSplits(LedgerAggregates.Mode mode) {
        Summary s = summary(mode);
        assertThat(s.byModel()).extracting(Summary.ModelRow::model, r -> r.cost().picos(), Summary.ModelRow::requests,
                        Summary.ModelRow::answered, Summary.ModelRow::calls, Summary.ModelRow::errors, Summary.ModelRow::costPercent)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("claude-sonnet-4-5", usd("0.060"), 1L, 1L, 2L, 1L, new BigDecimal("48.00")),
                        org.assertj.core.groups.Tuple.tuple("gpt-4.1-mini", usd("0.042"), 2L, 2L, 3L, 1L, new BigDecimal("33.60")),
                        org.assertj.core.groups.Tuple.tuple("gemini-2.5-flash", usd("0.023"), 4L, 2L, 4L, 1L, new BigDecimal("18.40")),
                        org.assertj.core.groups.Tuple.tuple("offline", 0L, 1L, 1L, 1L, 0L, new BigDecimal("0.00")));
        assertThat(s.byModel().get(2).cpsmTarget()).isEqualTo("$2.90–3.50");
        assertThat(s.byComplexity()).extracting(Summary.ComplexityRow::complexity, Summary.ComplexityRow::requests,
                        Summary.ComplexityRow::answered, r -> r.cost().picos())
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("simple", 5L, 3L, usd("0.023")),
                        org.assertj.core.groups.Tuple.tuple("medium", 2L, 1L, usd("0.030")),
                        org.assertj.core.groups.Tuple.tuple("complex", 2L, 2L, usd("0.072")),
                        org.assertj.core.groups.Tuple.tuple("unknown", 1L, 0L, 0L));
        assertThat(s.topStudents()).containsExactly(
                new Summary.StudentRow("s3", "Vera", 3, 2, Usd.of(usd("0.072"))),
                new Summary.StudentRow("s2", "Boris", 3, 2, Usd.of(usd("0.030"))),
                new Summary.StudentRow("s1", "Anna", 4, 2, Usd.of(usd("0.023"))));
    }

    @ParameterizedTest
    @EnumSource(LedgerAggregates.Mode.class)
    void routingSavingsFromTheRealPrices(LedgerAggregates.Mode mode) {
        Summary s = summary(mode);
        // gemini 30000 in (25000 cached) 900 out: 5000×0.30 + 25000×0.03 + 900×2.50 per 1M = 0.0045
        // gpt 24000 in (6000 cached) 1200 out: 18000×0.40 + 6000×0.10 + 1200×1.60 = 0.00972
        // claude 20000 in (10000 cached) 1000 out: 10000×3 + 10000×0.30 + 1000×15 = 0.048 → routed 0.06222
        // all on claude: 33000×3 + 41000×0.30 + 3100×15 = 0.1578; saved 0.09558 = 60.57%
        assertThat(s.routingSavings().routed().picos()).isEqualTo(usd("0.06222"));
        assertThat(s.routingSavings().allPremium().picos()).isEqualTo(usd("0.1578"));
        assertThat(s.routingSavings().premiumModel()).isEqualTo("claude-sonnet-4-5");
        assertThat(s.routingSavings().saved().picos()).isEqualTo(usd("0.09558"));
        assertThat(s.routingSavings().savedPercent()).isEqualByComparingTo("60.57");
    }

    @Test
    void theSeriesHasAPointPerHourAndAddsUpToTheTotals() {
        Summary s = summary(LedgerAggregates.Mode.ROLLUPS);
        assertThat(s.series().hourly()).isTrue();
        assertThat(s.series().points()).hasSize(24);
        assertThat(s.series().points().getFirst().start()).isEqualTo(DAY.from());
        assertThat(s.series().points().stream().mapToLong(p -> p.cost().picos()).sum()).isEqualTo(usd("0.125"));
        assertThat(s.series().points().stream().mapToLong(Summary.Point::requests).sum()).isEqualTo(10);
        Summary.Point noon = s.series().points().stream()
                .filter(p -> p.start().equals(Instant.parse("2026-11-20T12:00:00Z"))).findFirst().orElseThrow();
        // r4 r5 r6 r7 r8 started in that hour; answered by claude, gpt, (refused ×2), offline
        assertThat(noon.requestsByModel()).isEqualTo(Map.of("claude-sonnet-4-5", 1L, "gpt-4.1-mini", 1L,
                "refused", 2L, "offline", 1L));
        assertThat(noon.ttftP50()).isEqualTo(700L);
        assertThat(s.series().models()).containsExactly("claude-sonnet-4-5", "gemini-2.5-flash", "gpt-4.1-mini",
                "offline", "refused");
    }

    @Test
    void noRateSpeaksBelowTheMinimumSample() {
        Summary s = summary(LedgerAggregates.Mode.ROLLUPS);
        assertThat(s.scaling().students()).isEqualTo(3);
        assertThat(s.scaling().row().students()).isEqualTo("< 50");
        assertThat(s.scaling().advice()).extracting(Advice::topic).containsExactly(Advice.Topic.TIER);
        assertThat(s.scaling().headline()).isEqualTo("3 students: Free tier + Gemini 2.5 Flash ($0–150 a month); nothing urgent.");
    }

    @Test
    void withASmallMinimumSampleTheRatesSpeakOnceEach() {
        Summary s = m.service(MonitoringDb.config("monitoring: { minSampleForSignals: 5 }"), NOW).summary(DAY);
        // 9 model calls: 3 failed (33.3%), 1 of them for the provider's rate limit (11.1%): both critical, each once
        assertThat(s.scaling().advice()).extracting(Advice::topic, Advice::level).containsExactly(
                org.assertj.core.groups.Tuple.tuple(Advice.Topic.RATE_LIMITS, Advice.Level.CRITICAL),
                org.assertj.core.groups.Tuple.tuple(Advice.Topic.ERRORS, Advice.Level.CRITICAL),
                org.assertj.core.groups.Tuple.tuple(Advice.Topic.CACHING, Advice.Level.WARNING),
                org.assertj.core.groups.Tuple.tuple(Advice.Topic.TIER, Advice.Level.OK));
        assertThat(s.scaling().advice().get(0).number("Calls refused by rate limits").orElseThrow().text()).isEqualTo("11.1%");
        assertThat(s.scaling().advice().get(1).number("Failed model calls").orElseThrow().text()).isEqualTo("33.3%");
        assertThat(s.scaling().headline()).endsWith("; 2 critical, 1 warning.");
    }

    @Test
    void bothPathsGiveTheSameSummary() {
        assertThat(summary(LedgerAggregates.Mode.ROLLUPS)).isEqualTo(summary(LedgerAggregates.Mode.RAW));
    }

    @Test
    void rangesThatCutHoursReadTheEdgesFromTheLedger() {
        // 07:10:30 cuts r1 (07:10:00) out and keeps r2 (07:11:00); 18:59:59.5 keeps r9, cuts r10 (19:00:00)
        Range cut = new Range(Instant.parse("2026-11-20T07:10:30Z"), Instant.parse("2026-11-20T18:59:59.500Z"), MOSCOW, null);
        Summary s = m.service(MonitoringDb.config(""), NOW).summary(cut);
        assertThat(s.requests().total()).isEqualTo(8); // r2 r3 r4 r5 r6 r7 r8 r9
        assertThat(s.spend().total().picos()).isEqualTo(usd("0.110")); // 0.008 + 0.030 + 0.060 + 0.012
        assertThat(s).isEqualTo(m.service(MonitoringDb.config(""), NOW).summary(cut, LedgerAggregates.Mode.RAW));
    }
}
