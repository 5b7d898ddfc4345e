package dev.tutorgate.monitoring;

import static dev.tutorgate.monitoring.MonitoringDb.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tutorgate.config.TutorgateConfig;
import dev.tutorgate.limits.TierCatalog;
import dev.tutorgate.scaling.Advice;
import dev.tutorgate.scaling.Fact;
import dev.tutorgate.scaling.ThrottleTierMonitor;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scaling advisor's recommendations in the summary, from real ledger rows and the tier monitor:
 * one Moscow day of 30 questions (18 simple, 9 medium, 3 complex) all answered by Claude Sonnet 4.5,
 * 5,000 input and 500 output tokens each, nothing cached, $0.02 each, three students.
 */
class ScalingRecommendationsTest {
    private static final ZoneId MOSCOW = ZoneId.of("Europe/Moscow");
    private static final Range DAY = new Range(Instant.parse("2026-11-19T21:00:00Z"), Instant.parse("2026-11-20T21:00:00Z"),
            MOSCOW, "2026-11-20");
    private static final Instant NOW = Instant.parse("2026-11-21T12:00:00Z");

    @TempDir
    Path dir;
    private MonitoringDb m;
    private SummaryService service;

    @BeforeEach
    void fill() {
        m = new MonitoringDb(dir);
        String[] students = {"s1", "s2", "s3"};
        for (String s : students) {
            m.student(s, s.toUpperCase());
        }
        Instant t = Instant.parse("2026-11-20T08:00:00Z");
        for (int i = 0; i < 30; i++) {
            String complexity = i < 18 ? "simple" : i < 27 ? "medium" : "complex";
            m.record(row("r" + i, t.plusSeconds(60L * i)).student(students[i % 3]).on("claude-sonnet-4-5", complexity)
                    .tokens(5_000, 0, 500).cost("0.02", "0.02").times(400L, 1_400L).entry());
        }
        TutorgateConfig config = MonitoringDb.config("");
        service = m.service(config, NOW);
        service.watchTiers(ThrottleTierMonitor.withoutTraffic(config, TierCatalog.bundled(), Clock.fixed(NOW, ZoneOffset.UTC)));
    }

    @AfterEach
    void close() {
        m.close();
    }

    @Test
    void theSummaryCarriesTheAdvisorsRecommendationsWithTheirNumbers() {
        Summary s = service.summary(DAY);

        assertThat(s.scaling().advice()).extracting(Advice::topic, Advice::level).containsExactly(
                tuple(Advice.Topic.CACHING, Advice.Level.WARNING),
                tuple(Advice.Topic.HYBRID_ROUTING, Advice.Level.INFO),
                tuple(Advice.Topic.TIER, Advice.Level.OK));
        Advice hybrid = s.scaling().advice().get(1);
        // all on Sonnet: 150,000 × $3 + 15,000 × $15 per 1M = $0.675; by complexity (60/30/10 on Flash / mini /
        // Sonnet) $0.1422: 78.9% saved. Spent $0.60 in the day → $18.00 a month → saving $14.21, $4.74 a student.
        assertThat(hybrid.title()).isEqualTo("Route by complexity: about 78.9% cheaper");
        assertThat(hybrid.numbers()).extracting(Fact::name, Fact::text).containsExactly(
                tuple("Calls on claude-sonnet-4-5", "100.0%"),
                tuple("Simple questions", "60.0%"),
                tuple("Medium questions", "30.0%"),
                tuple("Complex questions", "10.0%"),
                tuple("This traffic all on claude-sonnet-4-5", "$0.68"),
                tuple("The same routed by complexity", "$0.14"),
                tuple("Estimated saving", "78.9%"),
                tuple("Estimated saving a month", "$14.21"),
                tuple("Estimated saving per student a month", "$4.74"));
        Advice tier = s.scaling().advice().get(2);
        assertThat(tier.number("Tier of anthropic-main").orElseThrow().text()).isEqualTo("tier1");
        assertThat(tier.number("Spending a month (projected)").orElseThrow().text()).isEqualTo("$18.00");
    }

    @Test
    void theJsonAndTheReportShowThem() throws Exception {
        Summary s = service.summary(DAY);

        JsonNode json = new ObjectMapper().readTree(SummaryJson.writePretty(s));
        assertThat(json.get("scaling").get("advice").get(1).get("topic").asText()).isEqualTo("hybrid_routing");
        assertThat(json.get("scaling").get("advice").get(1).get("numbers").get(6).get("value").decimalValue())
                .isEqualByComparingTo("78.9");
        String text = SummaryText.render(s);
        assertThat(text).contains("! WARNING   Make the prompt cache hit more often")
                .contains("· consider  Route by complexity: about 78.9% cheaper")
                .contains("→ Set routing.simple: gemini-2.5-flash, routing.medium: gpt-4.1-mini")
                .contains("Estimated saving a month: $14.21");
        // the caching point once, with its numbers (no separate signal line repeating it)
        assertThat(text).containsOnlyOnce("of input tokens came from the prompt cache")
                .containsOnlyOnce("Cache hit rate: 0.0%")
                .contains("  3 students: Free tier + Gemini 2.5 Flash ($0–150 a month); 1 warning.")
                .contains("  → < 50     Free tier + Gemini 2.5 Flash");
    }
}
