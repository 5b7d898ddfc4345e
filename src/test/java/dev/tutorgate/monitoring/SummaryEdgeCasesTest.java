package dev.tutorgate.monitoring;

import static dev.tutorgate.monitoring.MonitoringDb.row;
import static dev.tutorgate.monitoring.MonitoringDb.usd;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tutorgate.budget.BudgetPeriod;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SummaryEdgeCasesTest {
    private static final ZoneId MOSCOW = ZoneId.of("Europe/Moscow");
    private static final Instant NOW = Instant.parse("2026-11-20T18:00:00Z"); // 21:00 in Moscow

    @TempDir
    Path dir;
    private MonitoringDb m;

    @BeforeEach
    void open() {
        m = new MonitoringDb(dir);
    }

    @AfterEach
    void close() {
        m.close();
    }

    private SummaryService service() {
        return m.service(MonitoringDb.config(""), NOW);
    }

    @Test
    void anEmptyLedgerSaysNoDataAndDividesByNothing() throws Exception {
        Summary s = service().summary(Range.current(BudgetPeriod.MONTH, NOW, MOSCOW));
        for (String key : new String[] {"cpq", "cpsm", "cacheHitRate", "cacheSaved", "ttftP50", "ttftP95", "ttftP99",
                "latencyP50", "latencyP95", "tokensPerSecond", "errorRate", "rateLimitErrorRate", "satisfaction",
                "accuracy", "retrieval", "routingSavings"}) {
            Figure f = s.figure(key);
            assertThat(f.value()).as(key).isNull();
            assertThat(f.text()).as(key).isEqualTo("no data");
            assertThat(f.status()).as(key).isEqualTo(Status.NONE);
        }
        assertThat(s.figure("cost").text()).isEqualTo("$0.00");
        assertThat(s.figure("requests").value()).isEqualByComparingTo("0");
        assertThat(s.spend().perQuery()).isNull();
        assertThat(s.latency().ttft()).isEqualTo(new Summary.LatencyFigures(0, null, null, null, null));
        assertThat(s.byModel()).isEmpty();
        assertThat(s.topStudents()).isEmpty();
        assertThat(s.scaling().advice()).extracting(a -> a.topic().label()).containsExactly("tier");
        assertThat(s.routingSavings()).isNull();
        assertThat(s.series().hourly()).isFalse();
        assertThat(s.series().points()).hasSize(30); // every day of November in Moscow
        assertThat(s.budget()).extracting(Summary.BudgetUse::text)
                .containsExactly("$0.00 / $20.00 — 0%", "$0.00 / $100.00 — 0%", "$0.00 (no budget)");
        JsonNode json = SummaryJson.MAPPER.readTree(SummaryJson.write(s));
        assertThat(json.at("/spend/perQuery").isNull()).isTrue();
        assertThat(json.at("/range/timeZone").asText()).isEqualTo("Europe/Moscow");
    }

    @Test
    void theGlanceCountsLocalDaysWeeksAndMonths() {
        // Sunday 2026-11-15 23:59:59 in Moscow: last week; Monday 00:00: this week; today 21:00: today
        m.record(row("sun", Instant.parse("2026-11-15T20:59:59Z")).on("gpt-4.1-mini", "simple").cost("1", "1").entry());
        m.record(row("mon", Instant.parse("2026-11-15T21:00:00Z")).on("gpt-4.1-mini", "simple").cost("2", "2").entry());
        m.record(row("yesterday", Instant.parse("2026-11-19T20:59:59.999Z")).on("gpt-4.1-mini", "simple").cost("4", "4").entry());
        m.record(row("today", Instant.parse("2026-11-19T21:00:00Z")).on("gpt-4.1-mini", "simple").cost("16", "16").entry());
        m.record(row("october", Instant.parse("2026-10-31T20:59:59Z")).on("gpt-4.1-mini", "simple").cost("100", "100").entry());
        Summary s = service().summary(Range.current(BudgetPeriod.DAY, NOW, MOSCOW));
        assertThat(s.budget()).extracting(b -> b.spent().picos())
                .containsExactly(usd("16"), usd("22"), usd("23")); // today; + mon + yesterday; + sun
        assertThat(s.budget().getFirst().text()).isEqualTo("$16.00 / $20.00 — 80%");
        assertThat(s.budget().getFirst().status()).isEqualTo(Status.AMBER); // at the 80% alert
        assertThat(s.budget().get(1).percent()).isEqualByComparingTo("22.00");
        assertThat(s.budget().get(1).status()).isEqualTo(Status.GREEN);
        assertThat(s.budget()).extracting(Summary.BudgetUse::label)
                .containsExactly("today (2026-11-20)", "this week (2026-W47)", "this month (2026-11)");
        assertThat(s.spend().total().picos()).isEqualTo(usd("16"));

        m.record(row("more", Instant.parse("2026-11-20T10:00:00Z")).on("gpt-4.1-mini", "simple").cost("4", "4").entry());
        assertThat(service().summary(Range.current(BudgetPeriod.DAY, NOW, MOSCOW)).budget().getFirst().status()).isEqualTo(Status.RED);
    }

    @Test
    void aBudgetThatRefusesRequestsIsRedWhateverItsSpendSays() {
        // $2 of $20 spent, but the next call's worst case did not fit: a budget refusal today, one
        // last month (outside every bar), and a rate-limit refusal (not the budget's doing).
        m.record(row("spent", Instant.parse("2026-11-20T10:00:00Z")).on("claude-sonnet-4-5", "complex").cost("2", "2").entry());
        m.record(row("refused-1", Instant.parse("2026-11-20T11:00:00Z")).refused("budget_exceeded", "complex").entry());
        m.record(row("refused-2", Instant.parse("2026-11-20T17:30:00Z")).refused("budget_exceeded", "complex").entry());
        m.record(row("limited", Instant.parse("2026-11-20T12:00:00Z")).refused("rate_limited", "simple").entry());
        m.record(row("october", Instant.parse("2026-10-20T12:00:00Z")).refused("budget_exceeded", "simple").entry());

        Summary s = service().summary(Range.current(BudgetPeriod.DAY, NOW, MOSCOW));

        assertThat(s.budget().getFirst().text()).isEqualTo("$2.00 / $20.00 — 10% — 2 requests refused by the budget");
        assertThat(s.budget().getFirst().status()).isEqualTo(Status.RED);
        assertThat(s.budget().get(1).status()).isEqualTo(Status.RED); // the week's bar saw them too
        assertThat(s.budget().get(2).text()).isEqualTo("$2.00 (no budget)");
    }

    @Test
    void aRangeInTheFutureHasNothingElapsed() {
        Range tomorrow = new Range(Instant.parse("2026-11-20T21:00:00Z"), Instant.parse("2026-11-21T21:00:00Z"), MOSCOW, null);
        Summary s = service().summary(tomorrow);
        assertThat(s.spend().monthFactor()).isNull();
        assertThat(s.spend().projectedMonth()).isNull();
        assertThat(s.range().elapsedTo()).isEqualTo(tomorrow.from());
        assertThat(s.series().points()).hasSize(24);
    }

    @Test
    void cacheHitAtSixtyPercentIsAmberAndJustBelowIsRed() {
        m.record(row("a", Instant.parse("2026-11-20T10:00:00Z")).on("gemini-2.5-flash", "simple")
                .tokens(10_000, 6_000, 10).entry());
        assertThat(service().summary(Range.current(BudgetPeriod.DAY, NOW, MOSCOW)).figure("cacheHitRate").status()).isEqualTo(Status.AMBER);
        m.record(row("b", Instant.parse("2026-11-20T10:00:01Z")).on("gemini-2.5-flash", "simple")
                .tokens(1, 0, 10).entry());
        Figure hit = service().summary(Range.current(BudgetPeriod.DAY, NOW, MOSCOW)).figure("cacheHitRate");
        assertThat(hit.text()).isEqualTo("59.99%"); // 6000 / 10001 = 59.994…
        assertThat(hit.status()).isEqualTo(Status.RED);
    }

    @Test
    void aSingleRoutedModelIsJudgedByItsOwnCpsmTarget() {
        String flashOnly = "routing: { simple: gemini-2.5-flash, medium: gemini-2.5-flash, complex: gemini-2.5-flash }";
        // $0.16 by one student in 21 hours elapsed: 0.16 × 720 / 21 = 5.4857… a month, above Flash's $3.50
        m.record(row("a", Instant.parse("2026-11-19T21:00:00Z")).student("s1").on("gemini-2.5-flash", "simple")
                .cost("0.16", "0.16").entry());
        Summary s = m.service(MonitoringDb.config(flashOnly), NOW).summary(Range.current(BudgetPeriod.DAY, NOW, MOSCOW));
        assertThat(s.spend().perStudentMonth().picos()).isEqualTo(5_485_714_285_714L);
        assertThat(s.figure("cpsm").status()).isEqualTo(Status.AMBER);
        assertThat(s.figure("cpsm").target()).isEqualTo("$2.90–3.50 (critical > $15)");
        Summary mixed = service().summary(Range.current(BudgetPeriod.DAY, NOW, MOSCOW));
        assertThat(mixed.figure("cpsm").status()).isEqualTo(Status.GREEN);
    }

    @Test
    void providerSourcesAreShownAndAFailingOneIsSkipped() {
        SummaryService service = service();
        ProviderStatus key = new ProviderStatus("gemini-main", null, "gemini-main#1", "tier1", "ok", 850L, 1000L, null,
                null, null);
        service.addProviderStatusSource(() -> java.util.List.of(key));
        service.addProviderStatusSource(() -> {
            throw new IllegalStateException("boom");
        });
        assertThat(service.summary(Range.current(BudgetPeriod.DAY, NOW, MOSCOW)).providers()).containsExactly(key);
        assertThat(key.usedPercent()).isEqualTo(85.0);
    }
}
