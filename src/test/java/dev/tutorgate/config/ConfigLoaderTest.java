package dev.tutorgate.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigLoaderTest {
    private static final String THREE_PROVIDERS = """
            admin: { token: "${TUTORGATE_ADMIN_TOKEN}" }
            providers:
              - name: gemini-main
                type: gemini
                apiKeys: ["${GEMINI_API_KEY}", "${GEMINI_API_KEY_2}"]
                tier: tier1
              - name: openai-main
                type: openai
                apiKeys: ["${OPENAI_API_KEY}"]
              - name: local-llama
                type: openai-compatible
                baseUrl: http://127.0.0.1:8000/v1
            models:
              - name: gemini-2.5-flash
                provider: gemini-main
              - name: gpt-4.1-mini
                provider: openai-main
              - name: llama-3.1-8b
                provider: local-llama
                price: { input: 0, output: 0 }
                contextWindow: 131072
            routing:
              simple: gemini-2.5-flash
              medium: gpt-4.1-mini
              complex: gpt-4.1-mini
              fallbacks: [llama-3.1-8b, offline]
            alerts:
              webhookUrl: https://hooks.slack.com/services/T000/B000/XXXXSECRET
            """;

    @Test
    void embeddedDefaultsFollowTheBrief() {
        TutorgateConfig c = ConfigLoader.fromYaml(null, "defaults", Map.of()).config();
        assertThat(c.limits().studentRequestsPerMinute()).isEqualTo(10);
        assertThat(c.budget().dailyUsd()).isEqualByComparingTo("20");
        assertThat(c.budget().alertAtFraction()).isEqualTo(0.8);
        assertThat(c.retry().maxAttempts()).isEqualTo(3);
        assertThat(c.retry().backoffSeconds()).containsExactly(1.0, 2.0, 4.0);
        assertThat(c.routing().fallbacks()).containsExactly("offline");
        assertThat(c.admin().token()).isNull();
        assertThat(c.prices()).extracting(TutorgateConfig.Price::model)
                .contains("gemini-2.5-flash", "gpt-4.1-mini", "claude-sonnet-4-5");
    }

    @Test
    void secretsComeFromTheEnvironmentAndUnsetKeysAreSkipped() {
        LoadedConfig loaded = ConfigLoader.fromYaml(THREE_PROVIDERS, "test.yaml",
                Map.of("GEMINI_API_KEY", "g-secret-1", "OPENAI_API_KEY", "o-secret", "TUTORGATE_ADMIN_TOKEN", "adm"));
        TutorgateConfig c = loaded.config();
        assertThat(c.provider("gemini-main").orElseThrow().apiKeys()).containsExactly("g-secret-1");
        assertThat(loaded.warnings()).anySatisfy(w -> assertThat(w).contains("providers[0].apiKeys[1]").contains("GEMINI_API_KEY_2"));
        assertThat(c.admin().token()).isEqualTo("adm");
        assertThat(c.provider("gemini-main").orElseThrow().type()).isEqualTo(ProviderType.GEMINI);
    }

    @Test
    void environmentOverridesNameSettingsLikeTheYaml() {
        TutorgateConfig c = ConfigLoader.fromYaml(THREE_PROVIDERS, "test.yaml", Map.of(
                "TUTORGATE_BUDGET_DAILYUSD", "5.50",
                "TUTORGATE_LIMITS_STUDENTREQUESTSPERMINUTE", "3",
                "TUTORGATE_PROVIDERS_1_BASEURL", "http://127.0.0.1:9100",
                "TUTORGATE_HOME", "/opt/tutorgate")).config();
        assertThat(c.budget().dailyUsd()).isEqualByComparingTo(new BigDecimal("5.50"));
        assertThat(c.limits().studentRequestsPerMinute()).isEqualTo(3);
        assertThat(c.provider("openai-main").orElseThrow().baseUrl()).isEqualTo("http://127.0.0.1:9100");
    }

    @Test
    void aTypoInAnOverrideIsAnError() {
        assertThatThrownBy(() -> ConfigLoader.fromYaml(null, "defaults", Map.of("TUTORGATE_BUDGET_DAILYUDS", "5")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("TUTORGATE_BUDGET_DAILYUDS")
                .hasMessageContaining("budget");
    }

    @Test
    void everyProblemNamesItsKey() {
        String yaml = """
                providers:
                  - name: p1
                    type: openai
                    apiKeys: [k]
                models:
                  - name: m1
                    provider: nowhere
                    price: { input: 1, output: 2 }
                    contextWindow: 1000
                routing: { simple: m2, medium: m1, complex: offline, fallbacks: [offline] }
                budget: { dailyUsd: -1, timeZone: Mars/Olympus }
                retry: { maxAttempts: 0 }
                """;
        assertThatThrownBy(() -> ConfigLoader.fromYaml(yaml, "bad.yaml", Map.of()))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).anySatisfy(p ->
                                assertThat(p).startsWith("models[0] (m1).provider").contains("'nowhere'").contains("p1"))
                        .anySatisfy(p -> assertThat(p).startsWith("routing.simple").contains("'m2'"))
                        .anySatisfy(p -> assertThat(p).startsWith("budget.dailyUsd").contains("negative"))
                        .anySatisfy(p -> assertThat(p).startsWith("budget.timeZone"))
                        .anySatisfy(p -> assertThat(p).startsWith("retry.maxAttempts")));
    }

    @Test
    void unknownProviderTypeAndUnknownKeysAreNamed() {
        assertThatThrownBy(() -> ConfigLoader.fromYaml("providers: [{name: x, type: gemnii}]", "t", Map.of()))
                .hasMessageContaining("providers[0].type").hasMessageContaining("gemnii").hasMessageContaining("openai-compatible");
        assertThatThrownBy(() -> ConfigLoader.fromYaml("budget: { dailyUSD: 5 }", "t", Map.of()))
                .hasMessageContaining("budget.dailyUSD").hasMessageContaining("unknown setting");
        assertThatThrownBy(() -> ConfigLoader.fromYaml("budget: { dailyUsd: lots }", "t", Map.of()))
                .hasMessageContaining("budget.dailyUsd");
        assertThatThrownBy(() -> ConfigLoader.fromYaml("server: [1, 2", "broken.yaml", Map.of()))
                .hasMessageContaining("broken.yaml").hasMessageContaining("not valid YAML");
    }

    @Test
    void aModelWithoutAKnownPriceIsRefused() {
        String yaml = """
                providers: [{ name: p, type: openai, apiKeys: [k] }]
                models: [{ name: mystery-model, provider: p, contextWindow: 1000 }]
                """;
        assertThatThrownBy(() -> ConfigLoader.fromYaml(yaml, "t", Map.of()))
                .hasMessageContaining("models[0] (mystery-model).price");
    }

    @Test
    void theDumpNeverShowsSecrets() {
        TutorgateConfig c = ConfigLoader.fromYaml(THREE_PROVIDERS,
                "test.yaml", Map.of("GEMINI_API_KEY", "g-secret-1", "OPENAI_API_KEY", "o-secret",
                        "TUTORGATE_ADMIN_TOKEN", "admin-secret")).config();
        String dump = ConfigDump.redactedYaml(c);
        assertThat(dump).doesNotContain("g-secret-1", "o-secret", "admin-secret", "XXXXSECRET", "pw123")
                .contains("***").contains("hooks.slack.com").contains("gemini-main");
    }

    @Test
    void redisIsRefusedRatherThanSilentlyIgnored() {
        assertThatThrownBy(() -> ConfigLoader.fromYaml("storage: { redis: \"redis://127.0.0.1:6379\" }", "t", Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("storage.redis").hasMessageContaining("not available");
    }

    @Test
    void databaseAndRedisUrlsLoseTheirCredentialsInTheDump() {
        assertThat(ConfigDump.withoutCredentials("jdbc:postgresql://db/tg?user=u&password=pw123"))
                .doesNotContain("pw123").contains("password=***");
        assertThat(ConfigDump.withoutCredentials("redis://user:pw456@cache:6379")).doesNotContain("pw456");
    }

    @Test
    void aPostgresqlLedgerIsRefusedAtValidation() {
        assertThatThrownBy(() -> ConfigLoader.fromYaml("storage: { ledger: \"jdbc:postgresql://db/tg\" }", "t", Map.of()))
                .hasMessageContaining("storage.ledger").hasMessageContaining("PostgreSQL").hasMessageContaining("jdbc:sqlite:");
    }

    @Test
    void aProviderWithoutKeysIsWarnedAboutWithItsOwnVariableName() {
        LoadedConfig loaded = ConfigLoader.fromYaml("providers: [{ name: claude, type: anthropic }]", "t", Map.of());
        assertThat(loaded.warnings()).anySatisfy(w -> assertThat(w).contains("claude").contains("${ANTHROPIC_API_KEY}"));
    }
}
