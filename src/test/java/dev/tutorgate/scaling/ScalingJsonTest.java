package dev.tutorgate.scaling;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.tutorgate.provider.RateLimitSnapshot;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The snapshot and the advice as the dashboard and {@code GET /api/admin/tiers} will serialise them. */
class ScalingJsonTest {
    private final ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    @Test
    void theTierStatusReadsAsPlainJsonWithoutSecrets() throws Exception {
        AdvisorFixture f = new AdvisorFixture(TierFixture.YAML);
        f.tiers.sendAndObserve("gemini-main#1", 9, 100);
        f.tiers.monitor.observe("openai-main#1", new RateLimitSnapshot(500L, 380L, f.tiers.now().plusSeconds(12),
                200_000L, 150_000L, null), f.tiers.now());

        String text = json.writeValueAsString(f.tiers.status());
        JsonNode tree = json.readTree(text);

        assertThat(text).doesNotContain("secret");
        JsonNode gemini = tree.get("providers").get(0);
        assertThat(gemini.get("provider").asText()).isEqualTo("gemini-main");
        assertThat(gemini.get("requestsPerMinute").get("limit").asLong()).isEqualTo(20);
        assertThat(gemini.get("requestsPerMinute").get("usedPercent").decimalValue()).isEqualByComparingTo("45.0");
        assertThat(gemini.get("requestsPerMinute").get("countedBy").asText()).isEqualTo("tutorgate");
        JsonNode key = tree.get("keys").get(0);
        assertThat(key.get("keyAlias").asText()).isEqualTo("gemini-main#1");
        assertThat(key.get("warning").asBoolean()).isTrue();
        assertThat(key.get("warnedAt").asText()).isEqualTo("2026-03-02T10:00:00Z");
        JsonNode openAi = tree.get("keys").get(2);
        assertThat(openAi.get("providerView").get("requestsReset").asText()).isEqualTo("2026-03-02T10:00:12Z");
        assertThat(openAi.get("providerViewFresh").asBoolean()).isTrue();
        assertThat(tree.get("warnAt").decimalValue()).isEqualByComparingTo("0.9");
    }

    @Test
    void adviceCarriesLevelsTopicsAndTypedNumbers() throws Exception {
        AdvisorFixture f = new AdvisorFixture(TierFixture.YAML);
        List<Advice> advice = f.advise(new FactsBuilder().students(501).costPerStudent("12.5"));

        JsonNode tree = json.readTree(json.writeValueAsString(advice));

        assertThat(tree.get(0).get("level").asText()).isEqualTo("warning");
        assertThat(tree.get(0).get("topic").asText()).isEqualTo("cost");
        JsonNode cost = tree.get(0).get("numbers").get(0);
        assertThat(cost.get("name").asText()).isEqualTo("Cost per student a month");
        assertThat(cost.get("value").decimalValue()).isEqualByComparingTo("12.50");
        assertThat(cost.get("unit").asText()).isEqualTo("USD");
        assertThat(cost.get("text").asText()).isEqualTo("$12.50");
        assertThat(tree.get(1).get("topic").asText()).isEqualTo("self_hosting");
        JsonNode words = tree.get(2).get("numbers").get(1);
        assertThat(words.get("value").isNull()).isTrue();
        assertThat(words.get("text").asText()).startsWith("> 500 students");
    }
}
