package dev.tutorgate.scaling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tutorgate.config.ConfigException;
import dev.tutorgate.config.ConfigLoader;
import dev.tutorgate.config.TutorgateConfig;
import java.math.BigDecimal;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ScalingSettingsTest {

    private static TutorgateConfig load(String yaml) {
        return ConfigLoader.fromYaml(yaml, "test", Map.of()).config();
    }

    @Test
    void theEmbeddedDefaultsAreTheRecordsDefaults() {
        assertThat(load(null).scaling()).isEqualTo(TutorgateConfig.Scaling.DEFAULTS);
        assertThat(TutorgateConfig.Scaling.DEFAULTS.warnAtFraction()).isEqualTo(0.9);
        assertThat(TutorgateConfig.Scaling.DEFAULTS.selfHostMonthlyUsd()).isEqualByComparingTo("2000");
    }

    @Test
    void settingsAreReadAndOthersKeepTheirDefaults() {
        TutorgateConfig.Scaling s = load("scaling: { warnAtFraction: 0.75, selfHostMonthlyUsd: 1500.50 }").scaling();

        assertThat(s.warnAtFraction()).isEqualTo(0.75);
        assertThat(s.selfHostMonthlyUsd()).isEqualByComparingTo(new BigDecimal("1500.50"));
        assertThat(s.providerViewMaxAgeSeconds()).isEqualTo(60);
        assertThat(s.headroomTarget()).isEqualTo(0.2);
    }

    @Test
    void keysShareLimitsIsReadPerProviderAndOffWhenAbsent() {
        TutorgateConfig c = load("""
                providers:
                  - { name: a, type: gemini, apiKeys: [x, y], tier: tier1, keysShareLimits: true }
                  - { name: b, type: gemini, apiKeys: [z], tier: tier1 }
                """);

        assertThat(c.provider("a").orElseThrow().sharesLimits()).isTrue();
        assertThat(c.provider("b").orElseThrow().sharesLimits()).isFalse();
        assertThat(c.provider("b").orElseThrow().keysShareLimits()).isNull();
    }

    @Test
    void badValuesAreNamedWithWhatWouldBeRight() {
        assertThatThrownBy(() -> load("""
                scaling:
                  warnAtFraction: 1.5
                  providerViewMaxAgeSeconds: 0
                  headroomTarget: 1
                  selfHostMonthlyUsd: -1
                """))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("scaling.warnAtFraction: 1.5 must be above 0 and at most 1")
                .hasMessageContaining("scaling.providerViewMaxAgeSeconds: must be at least 1")
                .hasMessageContaining("scaling.headroomTarget: 1.0 must be at least 0 and below 1")
                .hasMessageContaining("scaling.selfHostMonthlyUsd");
        assertThatThrownBy(() -> load("scaling: { warnAtFraction: 0 }"))
                .hasMessageContaining("scaling.warnAtFraction: 0.0 must be above 0");
        assertThatThrownBy(() -> load("scaling: { warnAt: 0.9 }")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("warnAt");
        assertThatThrownBy(() -> load("providers: [{ name: a, type: gemini, keysShareLimits: maybe }]"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("keysShareLimits");
    }
}
