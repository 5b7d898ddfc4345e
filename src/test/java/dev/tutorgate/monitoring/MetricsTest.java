package dev.tutorgate.monitoring;

import static dev.tutorgate.monitoring.MonitoringDb.row;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tutorgate.budget.BudgetLimits;
import dev.tutorgate.budget.InMemoryCounterStore;
import dev.tutorgate.budget.ReservingBudgetGuard;
import dev.tutorgate.budget.SpendHistory;
import dev.tutorgate.ledger.Ledger;
import dev.tutorgate.ledger.LedgerEntry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Metrics facade on its own: every kind of ledger row, budget and provider gauges, and the Grafana dashboard. */
class MetricsTest {
    private static final Instant T = Instant.parse("2026-11-20T10:00:00Z");

    /** One row of every kind: answered (streamed), failed, retried, fallback, offline, refused. */
    static List<LedgerEntry> everyKind() {
        return List.of(
                row("a", T).on("gemini-2.5-flash", "simple").tokens(1_000, 800, 50).cost("0.0001", "0.0003")
                        .times(400L, 900L).entry(),
                row("b", T).attempt(1, false).on("claude-sonnet-4-5", "complex").failed("rate_limited").times(null, 90L).entry(),
                row("b", T).attempt(2, true).on("gpt-4.1-mini", "complex").fallback("rate_limited").tokens(2_000, 0, 60)
                        .cost("0.0002", "0.0002").times(700L, 2_000L).entry(),
                row("c", T).on("offline", "simple").fallback("budget").times(3L, 9L).entry(),
                row("d", T).refused("rate_limited", null).entry());
    }

    static Set<String> exportedNames(Metrics metrics) {
        Set<String> names = new HashSet<>();
        for (String line : metrics.scrape().split("\n")) {
            if (!line.startsWith("#") && !line.isBlank()) {
                names.add(line.replaceAll("[{ ].*", ""));
            }
        }
        return names;
    }

    private static Metrics fed() {
        Metrics metrics = new Metrics();
        everyKind().forEach(metrics::recorded);
        return metrics;
    }

    @Test
    void rowsBecomeCountersWithTheirLabels() {
        String text = fed().scrape();
        assertThat(text).contains("tutorgate_requests_total{complexity=\"simple\",model=\"gemini-2.5-flash\",outcome=\"ok\"} 1.0");
        assertThat(text).contains("tutorgate_requests_total{complexity=\"unknown\",model=\"none\",outcome=\"rejected\"} 1.0");
        assertThat(text).contains("tutorgate_errors_total{kind=\"rate_limited\",model=\"claude-sonnet-4-5\"} 1.0");
        assertThat(text).contains("tutorgate_retries_total{model=\"gpt-4.1-mini\"} 1.0");
        assertThat(text).contains("tutorgate_fallbacks_total{model=\"offline\",reason=\"budget\"} 1.0");
        assertThat(text).contains("tutorgate_rejections_total{reason=\"rate_limited\"} 1.0");
        assertThat(text).contains("tutorgate_tokens_total{kind=\"cached\",model=\"gemini-2.5-flash\"} 800.0");
        assertThat(text).contains("tutorgate_tokens_total{kind=\"input\",model=\"gemini-2.5-flash\"} 200.0");
        assertThat(text).contains("tutorgate_ttft_seconds_count{model=\"gpt-4.1-mini\"} 1");
        assertThat(text).doesNotContain("tutorgate_ttft_seconds_count{model=\"offline\"}"); // the course search is not a model
        assertThat(text).contains("tutorgate_cost_usd_total{model=\"gemini-2.5-flash\"} 1.0E-4");
    }

    @Test
    void moneyIsSummedExactlyAndConvertedOnce() {
        Metrics metrics = new Metrics();
        LedgerEntry tenth = row("x", T).on("gpt-4.1-mini", "simple").cost("0.1", "0.1").entry();
        for (int i = 0; i < 1_000; i++) {
            metrics.recorded(tenth);
        }
        // 1000 × $0.1 summed as doubles gives 99.9999999999986; summed in picos it is 100 exactly
        assertThat(metrics.scrape()).contains("tutorgate_cost_usd_total{model=\"gpt-4.1-mini\"} 100.0\n");
    }

    @Test
    void theMeteredLedgerCountsOnlyCommittedRows() {
        Metrics metrics = new Metrics();
        List<LedgerEntry> written = new ArrayList<>();
        Ledger failing = entry -> {
            if (entry.requestId().equals("bad")) {
                throw new IllegalStateException("disk full");
            }
            written.add(entry);
        };
        MeteredLedger ledger = new MeteredLedger(failing, metrics);
        ledger.record(row("good", T).on("gpt-4.1-mini", "simple").entry());
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ledger.record(row("bad", T).on("gpt-4.1-mini", "simple").entry()))
                .hasMessage("disk full");
        assertThat(written).hasSize(1);
        assertThat(metrics.scrape()).contains("tutorgate_requests_total{complexity=\"simple\",model=\"gpt-4.1-mini\",outcome=\"ok\"} 1.0");
    }

    @Test
    void theDatabaseWriterIsCountedAtEachScrape(@TempDir Path dir) {
        try (MonitoringDb m = new MonitoringDb(dir)) {
            Metrics metrics = new Metrics();
            metrics.database(m.db);
            assertThat(metrics.scrape()).contains("tutorgate_db_transactions_total 0.0")
                    .contains("tutorgate_db_writes_total{outcome=\"committed\"} 0.0")
                    .contains("tutorgate_db_queued_writes 0.0");
            m.record(row("a", T).on("gpt-4.1-mini", "simple").entry());
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> m.record(row("a", T).on("gpt-4.1-mini", "simple").entry()));
            assertThat(metrics.scrape()).contains("tutorgate_db_transactions_total 1.0")
                    .contains("tutorgate_db_writes_total{outcome=\"committed\"} 1.0")
                    .contains("tutorgate_db_writes_total{outcome=\"failed\"} 1.0");
        }
    }

    @Test
    void budgetGaugesReadTheGuardAtEachScrape() throws Exception {
        Clock clock = Clock.fixed(T, ZoneOffset.UTC);
        ReservingBudgetGuard guard = new ReservingBudgetGuard(BudgetLimits.from(MonitoringDb.config("")),
                new InMemoryCounterStore(), SpendHistory.NONE, clock);
        Metrics metrics = new Metrics();
        metrics.budget(guard);
        assertThat(metrics.scrape()).contains("tutorgate_budget_remaining_usd{scope=\"app_daily\"} 20.0")
                .contains("tutorgate_budget_limit_usd{scope=\"app_weekly\"} 100.0");
        var hold = guard.reserve("s1", dev.tutorgate.core.Money.picosFromUsd("2"));
        assertThat(metrics.scrape()).contains("tutorgate_budget_reserved_usd{scope=\"app_daily\"} 2.0")
                .contains("tutorgate_budget_remaining_usd{scope=\"app_daily\"} 18.0");
        hold.settle(dev.tutorgate.core.Money.picosFromUsd("0.5"));
        assertThat(metrics.scrape()).contains("tutorgate_budget_spent_usd{scope=\"app_daily\"} 0.5")
                .contains("tutorgate_budget_remaining_usd{scope=\"app_daily\"} 19.5");
    }

    @Test
    void providerGaugesFollowTheirSource() {
        Metrics metrics = new Metrics();
        List<ProviderStatus> now = new ArrayList<>(List.of(new ProviderStatus("gemini-main", null, "gemini-main#1", "free",
                "ok", 12L, 15L, 100_000L, 250_000L, null)));
        metrics.providers(() -> List.copyOf(now));
        String first = metrics.scrape();
        assertThat(first).contains("tutorgate_provider_rpm_used{key=\"gemini-main#1\",model=\"any\",provider=\"gemini-main\"} 12.0");
        assertThat(first).containsPattern("tutorgate_provider_headroom_ratio\\{[^}]*\\} 0\\.2\n");
        assertThat(first).contains("tutorgate_provider_state{key=\"gemini-main#1\",model=\"any\",provider=\"gemini-main\",state=\"ok\"} 1.0");
        now.set(0, new ProviderStatus("gemini-main", null, "gemini-main#1", "free", "open", 15L, 15L, null, 250_000L, "429s"));
        String second = metrics.scrape();
        assertThat(second).contains("state=\"open\"} 1.0").contains("state=\"ok\"} 0.0");
        assertThat(second).containsPattern("tutorgate_provider_headroom_ratio\\{[^}]*\\} 0\\.0");
        metrics.providers(() -> {
            throw new IllegalStateException("a broken source");
        });
        assertThat(metrics.scrape()).contains("state=\"open\"} 1.0");
    }

    @Test
    void theGrafanaDashboardUsesOnlyExportedMetrics(@TempDir Path dir) throws Exception {
        Metrics metrics = fed();
        metrics.budget(new ReservingBudgetGuard(BudgetLimits.from(MonitoringDb.config("")), new InMemoryCounterStore(),
                SpendHistory.NONE, Clock.fixed(T, ZoneOffset.UTC)));
        metrics.providers(() -> List.of(new ProviderStatus("p", null, "p#1", "tier1", "ok", 1L, 10L, 1L, 10L, null)));
        Set<String> exported;
        try (MonitoringDb m = new MonitoringDb(dir)) {
            metrics.database(m.db);
            exported = exportedNames(metrics);
        }
        JsonNode dashboard = new ObjectMapper().readTree(Path.of("deploy/grafana/tutorgate.json").toFile());
        assertThat(dashboard.get("uid").asText()).isEqualTo("tutorgate");
        Set<String> used = new TreeSet<>();
        Pattern metric = Pattern.compile("tutorgate_[a-z_]+");
        for (JsonNode panel : dashboard.get("panels")) {
            assertThat(panel.get("gridPos").get("w").asInt()).isBetween(1, 24);
            assertThat(panel.get("targets")).isNotEmpty();
            for (JsonNode target : panel.get("targets")) {
                Matcher m = metric.matcher(target.get("expr").asText());
                while (m.find()) {
                    used.add(m.group());
                }
            }
        }
        assertThat(used).hasSizeGreaterThan(12);
        assertThat(exported).containsAll(used);
    }
}
