package dev.tutorgate.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tutorgate.resilience.Health;
import dev.tutorgate.resilience.KeyHealth;
import dev.tutorgate.resilience.ModelHealth;
import dev.tutorgate.resilience.ProviderHealth;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Resilience's health records (what ProviderHealth reports) as provider status rows. */
class ResilienceStatusSourceTest {
    private static final Instant T = Instant.parse("2026-11-20T10:00:00Z");

    @Test
    void eachModelOnEachKeyBecomesARow() {
        KeyHealth ready = new KeyHealth("gemini-main#1", Health.OK, true, "ready", "closed", null, null, null, null, null, T);
        KeyHealth open = new KeyHealth("gemini-main#2", Health.DOWN, true, "ready", "open", null, null, null,
                "unavailable", T, null);
        KeyHealth refused = new KeyHealth("openai-main#1", Health.DOWN, false, "invalid", "closed", null, null, T,
                "invalid_key", T, null);
        KeyHealth probing = new KeyHealth("anthropic-main#1", Health.DEGRADED, true, "cooling", "half_open", T, null, null,
                "rate_limited", T, null);
        ProviderHealth health = () -> List.of(
                new ModelHealth("gemini-2.5-flash", "gemini-main", Health.DEGRADED, "unavailable", T, T, List.of(ready, open)),
                new ModelHealth("gpt-4.1-mini", "openai-main", Health.DOWN, "invalid_key", T, null, List.of(refused)),
                new ModelHealth("claude-sonnet-4-5", "anthropic-main", Health.DEGRADED, null, null, null, List.of(probing)),
                new ModelHealth("gpt-4.1", "openai-main", Health.OK, null, null, null, List.of()));
        List<ProviderStatus> rows = new ResilienceStatusSource(health, MonitoringDb.config("")).providerStatus();
        assertThat(rows).extracting(ProviderStatus::model, ProviderStatus::keyAlias, ProviderStatus::state, ProviderStatus::detail)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("gemini-2.5-flash", "gemini-main#1", "ok", null),
                        org.assertj.core.groups.Tuple.tuple("gemini-2.5-flash", "gemini-main#2", "open",
                                "circuit open; last error unavailable"),
                        org.assertj.core.groups.Tuple.tuple("gpt-4.1-mini", "openai-main#1", "open",
                                "invalid; out of rotation; last error invalid_key"),
                        org.assertj.core.groups.Tuple.tuple("claude-sonnet-4-5", "anthropic-main#1", "half_open",
                                "circuit half-open; cooling; last error rate_limited"),
                        org.assertj.core.groups.Tuple.tuple("gpt-4.1", null, "ok", null));
        assertThat(rows.getFirst().tier()).isEqualTo("tier1");
        assertThat(rows.getFirst().usedPercent()).isNull();
    }
}
