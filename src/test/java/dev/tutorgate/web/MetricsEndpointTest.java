package dev.tutorgate.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tutorgate.core.Money;
import dev.tutorgate.monitoring.ProviderStatus;
import dev.tutorgate.provider.emulator.EmulatorSettings;
import dev.tutorgate.web.auth.IssuedToken;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code GET /metrics} after real requests: every value checked against the ledger. */
class MetricsEndpointTest {
    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(.*)})? (\\S+)$");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");
    static TutorgateFixture web;

    /** One sample line: name, labels, value. */
    record Sample(String name, Map<String, String> labels, double value) {
    }

    @BeforeAll
    static void traffic() throws Exception {
        web = new TutorgateFixture(EmulatorSettings.builder().cachedFraction(0.5).ttftMs(30).answerTokens(30).build(),
                "limits: { studentRequestsPerMinute: 3 }");
        IssuedToken s = web.student("Metrics");
        for (int i = 0; i < 3; i++) {
            HttpResponse<String> r = web.post("/api/chat", s.token(), "{\"message\": \"What is pip, part " + i + "?\"}",
                    "Accept", "text/event-stream");
            assertThat(r.statusCode()).isEqualTo(200);
        }
        assertThat(web.post("/api/chat", s.token(), "{\"message\": \"And now?\"}").statusCode()).isEqualTo(429);
    }

    @AfterAll
    static void stop() {
        web.close();
    }

    static List<Sample> scrape() throws Exception {
        HttpResponse<String> r = web.get("/metrics", null);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/plain; version=0.0.4");
        List<Sample> out = new ArrayList<>();
        for (String line : r.body().split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            Matcher m = SAMPLE.matcher(line);
            assertThat(m.matches()).as(line).isTrue();
            Map<String, String> labels = new LinkedHashMap<>();
            if (m.group(3) != null) {
                Matcher l = LABEL.matcher(m.group(3));
                while (l.find()) {
                    labels.put(l.group(1), l.group(2));
                }
            }
            out.add(new Sample(m.group(1), labels, Double.parseDouble(m.group(4))));
        }
        return out;
    }

    static double sum(List<Sample> samples, String name, Map<String, String> labels) {
        return samples.stream().filter(s -> s.name().equals(name))
                .filter(s -> s.labels().entrySet().containsAll(labels.entrySet()))
                .mapToDouble(Sample::value).sum();
    }

    static long sql(String query) {
        return MonitoringApiTest.sqlOn(web, query);
    }

    @Test
    void countersMatchTheLedger() throws Exception {
        List<Sample> m = scrape();
        assertThat(sum(m, "tutorgate_requests_total", Map.of())).isEqualTo(sql("SELECT COUNT(*) FROM ledger WHERE is_final = 1"));
        assertThat(sum(m, "tutorgate_requests_total", Map.of("outcome", "ok", "model", "gpt-4.1-mini"))).isEqualTo(3);
        assertThat(sum(m, "tutorgate_requests_total", Map.of("outcome", "rejected", "model", "none"))).isEqualTo(1);
        assertThat(sum(m, "tutorgate_rejections_total", Map.of("reason", "rate_limited"))).isEqualTo(1);
        assertThat(sum(m, "tutorgate_calls_total", Map.of("model", "gpt-4.1-mini", "provider", "emulated", "outcome", "ok")))
                .isEqualTo(3);
        assertThat(sum(m, "tutorgate_tokens_total", Map.of("kind", "cached")))
                .isEqualTo(sql("SELECT SUM(cached_tokens) FROM ledger"));
        assertThat(sum(m, "tutorgate_tokens_total", Map.of("kind", "output")))
                .isEqualTo(sql("SELECT SUM(output_tokens) FROM ledger"));
        assertThat(sum(m, "tutorgate_tokens_total", Map.of("kind", "input")) + sum(m, "tutorgate_tokens_total", Map.of("kind", "cached")))
                .isEqualTo(sql("SELECT SUM(input_tokens) FROM ledger"));
        BigDecimal cost = BigDecimal.valueOf(sum(m, "tutorgate_cost_usd_total", Map.of("model", "gpt-4.1-mini")));
        assertThat(cost).isCloseTo(Money.usd(sql("SELECT SUM(cost_picos) FROM ledger")), org.assertj.core.data.Offset.offset(new BigDecimal("1e-12")));
        assertThat(sum(m, "tutorgate_cost_without_cache_usd_total", Map.of())).isGreaterThan(cost.doubleValue());
        assertThat(sum(m, "tutorgate_errors_total", Map.of())).isZero();
    }

    @Test
    void latencyHistogramsCountTheAnsweredCalls() throws Exception {
        List<Sample> m = scrape();
        long withTtft = sql("SELECT COUNT(*) FROM ledger WHERE outcome = 'ok' AND model <> 'offline' AND ttft_ms IS NOT NULL");
        assertThat(withTtft).isEqualTo(3);
        assertThat(sum(m, "tutorgate_ttft_seconds_count", Map.of("model", "gpt-4.1-mini"))).isEqualTo(withTtft);
        assertThat(sum(m, "tutorgate_ttft_seconds_sum", Map.of())).isCloseTo(
                sql("SELECT SUM(ttft_ms) FROM ledger WHERE ttft_ms IS NOT NULL AND outcome = 'ok'") / 1000.0,
                org.assertj.core.data.Offset.offset(1e-9));
        assertThat(m).anySatisfy(s -> {
            assertThat(s.name()).isEqualTo("tutorgate_ttft_seconds_bucket");
            assertThat(s.labels()).containsEntry("le", "0.8");
        });
        double infinite = sum(m, "tutorgate_latency_seconds_bucket", Map.of("le", "+Inf"));
        assertThat(infinite).isEqualTo(3);
    }

    @Test
    void budgetAndProviderGauges() throws Exception {
        List<Sample> m = scrape();
        assertThat(sum(m, "tutorgate_budget_limit_usd", Map.of("scope", "app_daily"))).isEqualTo(20.0);
        double spent = sum(m, "tutorgate_budget_spent_usd", Map.of("scope", "app_daily"));
        assertThat(spent).isCloseTo(sql("SELECT SUM(cost_picos) FROM ledger") / 1e12, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(sum(m, "tutorgate_budget_remaining_usd", Map.of("scope", "app_daily"))).isCloseTo(20.0 - spent,
                org.assertj.core.data.Offset.offset(1e-9));

        // the real sources: resilience's circuit per model and key, the tier throttle's use per key
        assertThat(sum(m, "tutorgate_provider_state", Map.of("model", "gpt-4.1-mini", "key", "emulated#1", "state", "ok")))
                .isEqualTo(1);
        assertThat(sum(m, "tutorgate_provider_state", Map.of("model", "gpt-4.1-mini", "key", "emulated#1", "state", "open")))
                .isZero();
        assertThat(m).anySatisfy(s -> {
            assertThat(s.name()).isEqualTo("tutorgate_provider_rpm_used");
            assertThat(s.labels()).containsEntry("key", "emulated#1").containsEntry("model", "any");
            assertThat(s.value()).isBetween(0.0, 3.0); // the three calls, while they are in the last minute
        });

        web.monitoring().watchProviders(() -> List.of(new ProviderStatus("emulated", null, "emulated#9", "tier1",
                "open", 750L, 1000L, null, null, "circuit open after 5 failures")));
        List<Sample> after = scrape();
        assertThat(sum(after, "tutorgate_provider_rpm_used", Map.of("provider", "emulated", "key", "emulated#9"))).isEqualTo(750);
        assertThat(sum(after, "tutorgate_provider_headroom_ratio", Map.of("key", "emulated#9"))).isCloseTo(0.25,
                org.assertj.core.data.Offset.offset(1e-9));
        assertThat(sum(after, "tutorgate_provider_state", Map.of("key", "emulated#9", "state", "open"))).isEqualTo(1);
        assertThat(sum(after, "tutorgate_provider_state", Map.of("key", "emulated#9", "state", "ok"))).isZero();
        com.fasterxml.jackson.databind.JsonNode providers = MonitoringApiTest.getJsonOn(web, "/api/admin/summary").get("providers");
        assertThat(providers).anySatisfy(p -> {
            assertThat(p.get("keyAlias").asText()).isEqualTo("emulated#9");
            assertThat(p.get("state").asText()).isEqualTo("open");
        }).anySatisfy(p -> {
            assertThat(p.get("model").asText()).isEqualTo("gpt-4.1-mini");
            assertThat(p.get("keyAlias").asText()).isEqualTo("emulated#1");
            assertThat(p.get("state").asText()).isEqualTo("ok");
        });
    }
}
