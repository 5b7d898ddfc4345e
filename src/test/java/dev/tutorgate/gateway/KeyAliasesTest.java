package dev.tutorgate.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tutorgate.config.ConfigLoader;
import dev.tutorgate.config.ProviderType;
import dev.tutorgate.config.TutorgateConfig;
import dev.tutorgate.limits.KeyUsage;
import dev.tutorgate.limits.QueueingProviderThrottle;
import dev.tutorgate.limits.TierCatalog;
import dev.tutorgate.provider.ApiKey;
import dev.tutorgate.scaling.KeyTier;
import dev.tutorgate.scaling.ThrottleTierMonitor;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * One naming of keys for the dispatcher's keys, the provider throttle's lanes and the tier monitor:
 * an unset {@code ${ENV}} key or a blank one is skipped by all of them, never numbered by one and not
 * by another (which would count a key's calls under another key's limits).
 */
class KeyAliasesTest {
    private static final String YAML = """
            providers:
              - { name: gemini-main, type: gemini, apiKeys: ["${GEMINI_KEY_A}", "${GEMINI_KEY_B}"], tier: tier1 }
              - { name: local, type: openai-compatible, baseUrl: "http://localhost:8000/v1" }
            models:
              - { name: gemini-2.5-flash, provider: gemini-main }
            """;

    private static List<String> dispatcherAliases(TutorgateConfig config, String provider) {
        return ProviderKeys.fromConfig(config).keys(provider).stream().map(ApiKey::alias).toList();
    }

    private static List<String> throttleAliases(TutorgateConfig config) {
        return QueueingProviderThrottle.fromConfig(config, TierCatalog.bundled()).usage().stream()
                .map(KeyUsage::keyAlias).toList();
    }

    private static List<String> monitorAliases(TutorgateConfig config) {
        return ThrottleTierMonitor.withoutTraffic(config, TierCatalog.bundled(), Clock.systemUTC()).status().keys()
                .stream().map(KeyTier::keyAlias).toList();
    }

    @Test
    void anUnsetEnvironmentKeyIsSkippedEverywhere() {
        TutorgateConfig config = ConfigLoader.fromYaml(YAML, "test", Map.of("GEMINI_KEY_B", "secret-b")).config();

        assertThat(dispatcherAliases(config, "gemini-main")).containsExactly("gemini-main#1");
        assertThat(ProviderKeys.fromConfig(config).next("gemini-main").secret()).isEqualTo("secret-b");
        assertThat(throttleAliases(config)).containsExactly("gemini-main#1", "local#1");
        assertThat(monitorAliases(config)).containsExactly("gemini-main#1", "local#1");
    }

    @Test
    void aBlankKeyIsSkippedEverywhereAndAProviderWithoutKeysHasNone() {
        TutorgateConfig loaded = ConfigLoader.fromYaml(YAML, "test", Map.of("GEMINI_KEY_B", "secret-b")).config();
        TutorgateConfig.Provider gemini = new TutorgateConfig.Provider("gemini-main", ProviderType.GEMINI,
                null, Arrays.asList(" ", null, "k3"), null, "tier1", null);
        TutorgateConfig.Provider keyless = new TutorgateConfig.Provider("anthropic-main",
                ProviderType.ANTHROPIC, null, List.of(), null, "tier1", null);
        TutorgateConfig config = new TutorgateConfig(loaded.server(), loaded.admin(), loaded.course(),
                List.of(gemini, keyless), loaded.models(), loaded.prices(), loaded.routing(), loaded.limits(),
                loaded.scaling(), loaded.budget(), loaded.retry(), loaded.timeouts(), loaded.context(), loaded.storage(),
                loaded.alerts(), loaded.chat(), loaded.monitoring());

        assertThat(gemini.keyAliases()).containsExactly("gemini-main#1");
        assertThat(dispatcherAliases(config, "gemini-main")).containsExactly("gemini-main#1");
        assertThat(ProviderKeys.fromConfig(config).next("gemini-main").secret()).isEqualTo("k3");
        assertThat(dispatcherAliases(config, "anthropic-main")).isEmpty();
        assertThat(throttleAliases(config)).containsExactly("gemini-main#1");
        assertThat(monitorAliases(config)).containsExactly("gemini-main#1");
    }
}
