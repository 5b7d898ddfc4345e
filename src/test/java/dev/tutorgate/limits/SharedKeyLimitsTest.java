package dev.tutorgate.limits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tutorgate.config.ConfigLoader;
import dev.tutorgate.config.TutorgateConfig;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code keysShareLimits: true}: a provider's keys are counted together under one account's limits. */
class SharedKeyLimitsTest {
    private final ManualTicker ticker = new ManualTicker();

    private QueueingProviderThrottle throttle(boolean shared) {
        TutorgateConfig config = ConfigLoader.fromYaml("""
                limits: { providerQueueMaxWaitMs: 0 }
                providers:
                  - name: openai-main
                    type: openai
                    apiKeys: ["k1", "k2"]
                    tier: tier1
                    limits: { rpm: 3 }
                    keysShareLimits: %s
                """.formatted(shared), "test", Map.of()).config();
        return QueueingProviderThrottle.fromConfig(config, TierCatalog.bundled(), ticker);
    }

    @Test
    void sharedKeysFillOneWindow() throws Exception {
        QueueingProviderThrottle throttle = throttle(true);
        throttle.acquire("openai-main#1", 10, 10).complete(10, 10);
        throttle.acquire("openai-main#2", 10, 10).complete(10, 10);
        throttle.acquire("openai-main#1", 10, 10).complete(10, 10);

        assertThatThrownBy(() -> throttle.acquire("openai-main#2", 10, 10))
                .isInstanceOfSatisfying(ThrottledException.class,
                        e -> assertThat(e.reason()).isEqualTo(ThrottledException.Reason.WAIT_TOO_LONG));
        KeyUsage usage = throttle.usage("openai-main#2");
        assertThat(usage.keyAlias()).isEqualTo("openai-main#*");
        assertThat(usage.requestsLastMinute()).isEqualTo(3);
        assertThat(usage.admitted()).isEqualTo(3);
        assertThat(usage.refused()).isEqualTo(1);
        assertThat(throttle.usage("openai-main#1")).isEqualTo(usage);
        assertThat(throttle.usage()).singleElement().isEqualTo(usage); // listed once, not once per key
    }

    @Test
    void keysOfTheirOwnEachGetTheWholeLimit() throws Exception {
        QueueingProviderThrottle throttle = throttle(false);
        for (int i = 0; i < 3; i++) {
            throttle.acquire("openai-main#1", 10, 10).complete(10, 10);
            throttle.acquire("openai-main#2", 10, 10).complete(10, 10);
        }

        assertThat(throttle.usage()).extracting(KeyUsage::keyAlias, KeyUsage::requestsLastMinute)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("openai-main#1", 3L),
                        org.assertj.core.groups.Tuple.tuple("openai-main#2", 3L));
    }
}
