package dev.tutorgate.scaling;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tutorgate.alerts.Alert;
import dev.tutorgate.provider.ErrorKind;
import dev.tutorgate.provider.ProviderException;
import dev.tutorgate.provider.RateLimitSnapshot;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The warning at 90% of a key's limits per minute: once per key and window, cleared when use drops. */
class RpmWarningTest {
    private final TierFixture f = new TierFixture(); // gemini-main keys: 10 RPM, 100,000 TPM each

    /** OpenAI-style headers: {@code used} of 500 requests, tokens not reported. */
    private static RateLimitSnapshot requestsUsed(long used) {
        return new RateLimitSnapshot(500L, 500 - used, null, null, null, null);
    }

    @Test
    void raisedOnceWhenAKeyReaches90PercentOfItsRpmAndNotAgainWhileItStaysThere() {
        f.sendAndObserve("gemini-main#1", 8, 100); // 8 of 10: 80%
        assertThat(f.alerts).isEmpty();

        f.sendAndObserve("gemini-main#1", 1, 100); // 9 of 10: exactly 90%
        f.sendAndObserve("gemini-main#1", 1, 100); // 10 of 10
        for (int i = 0; i < 20; i++) {
            f.monitor.observe("gemini-main#1", RateLimitSnapshot.NONE, f.now());
        }
        f.status();

        Alert alert = f.alerts.getFirst();
        assertThat(f.alerts).hasSize(1);
        assertThat(alert.key()).isEqualTo("tier:gemini-main#1:" + f.now().getEpochSecond());
        assertThat(alert.severity()).isEqualTo(Alert.Severity.WARNING);
        assertThat(alert.title()).isEqualTo("gemini-main#1 at 90% of its requests per minute");
        assertThat(alert.text()).contains("used 9 of 10 requests per minute (as tutorgate counts)").contains("Add API keys");
        assertThat(alert.facts()).containsEntry("Key", "gemini-main#1").containsEntry("Provider", "gemini-main")
                .containsEntry("Requests per minute", "9 / 10 (90%)")
                .containsEntry("Tokens per minute", "900 / 100,000 (0.9%)")
                .containsEntry("Counted by", "tutorgate").containsEntry("Warning at", "90%");
        assertThat(alert.facts().toString()).doesNotContain("g-secret");
        assertThat(f.key("gemini-main#1").warning()).isTrue();
        assertThat(f.key("gemini-main#1").warnedAt()).isEqualTo(f.now());
    }

    @Test
    void otherKeysAreNotWarnedAbout() {
        f.sendAndObserve("gemini-main#1", 9, 100);
        f.sendAndObserve("gemini-main#2", 8, 100);

        assertThat(f.alerts).extracting(a -> a.facts().get("Key")).containsExactly("gemini-main#1");
        assertThat(f.key("gemini-main#2").warning()).isFalse();
        assertThat(f.provider("gemini-main").warnings()).isEqualTo(1);
        assertThat(f.provider("openai-main").warnings()).isZero();
    }

    @Test
    void clearedWhenUseDropsAndRaisedAgainWhenItRisesAgain() {
        f.sendAndObserve("gemini-main#1", 9, 100);
        Instant firstAt = f.now();

        f.advance(Duration.ofSeconds(62)); // the nine calls have left the throttle's minute
        assertThat(f.key("gemini-main#1").warning()).isFalse(); // looking is enough: no traffic needed
        assertThat(f.alerts).hasSize(1);

        f.sendAndObserve("gemini-main#1", 9, 100);

        assertThat(f.alerts).extracting(Alert::key).containsExactly(
                "tier:gemini-main#1:" + firstAt.getEpochSecond(), "tier:gemini-main#1:" + f.now().getEpochSecond());
        assertThat(f.key("gemini-main#1").warning()).isTrue();
    }

    @Test
    void useFlappingAroundTheEdgeWarnsOncePerMinute() {
        f.monitor.observe("openai-main#1", requestsUsed(460), f.now()); // 92%
        f.advance(Duration.ofSeconds(5));
        f.monitor.observe("openai-main#1", requestsUsed(300), f.now()); // 60%: cleared
        assertThat(f.key("openai-main#1").warning()).isFalse();
        f.advance(Duration.ofSeconds(5));
        f.monitor.observe("openai-main#1", requestsUsed(470), f.now()); // 94% again, 10 s after the warning
        assertThat(f.key("openai-main#1").warning()).isTrue();
        assertThat(f.alerts).hasSize(1);

        f.advance(Duration.ofSeconds(5));
        f.monitor.observe("openai-main#1", requestsUsed(100), f.now()); // cleared
        f.advance(Duration.ofSeconds(45)); // 60 s after the first warning
        f.monitor.observe("openai-main#1", requestsUsed(455), f.now()); // 91%

        assertThat(f.alerts).hasSize(2);
        assertThat(f.alerts.get(1).title()).isEqualTo("openai-main#1 at 91% of its requests per minute");
        assertThat(f.alerts.get(1).facts()).containsEntry("Counted by", "provider");
        assertThat(f.alerts.get(1).text()).contains("other applications on the account included");
    }

    @Test
    void justBelowTheShareRaisesNothing() {
        // 449 of 500 is 89.8%
        f.monitor.observe("openai-main#1", requestsUsed(449), f.now());
        assertThat(f.alerts).isEmpty();
        f.monitor.observe("openai-main#1", requestsUsed(450), f.now());
        assertThat(f.alerts).hasSize(1);
    }

    @Test
    void tokensPerMinuteNearTheLimitWarnsToo() {
        f.sendAndObserve("gemini-main#2", 1, 95_000);

        assertThat(f.alerts).singleElement().satisfies(alert -> {
            assertThat(alert.title()).isEqualTo("gemini-main#2 at 95% of its tokens per minute");
            assertThat(alert.facts()).containsEntry("Requests per minute", "1 / 10 (10%)")
                    .containsEntry("Tokens per minute", "95,000 / 100,000 (95%)");
        });
    }

    @Test
    void keysSharingAnAccountWarnOnceForTheAccount() {
        RateLimitSnapshot high = new RateLimitSnapshot(50L, 4L, null, null, null, null); // 46 of 50: 92%
        f.monitor.observe("anthropic-main#1", high, f.now());
        f.monitor.observe("anthropic-main#2", high, f.now());
        f.status();

        assertThat(f.alerts).singleElement().satisfies(alert -> {
            assertThat(alert.key()).startsWith("tier:anthropic-main#*:");
            assertThat(alert.title()).isEqualTo("anthropic-main's keys (one shared account) at 92% of its requests per minute");
            assertThat(alert.facts()).containsEntry("Key", "anthropic-main#1, anthropic-main#2");
        });
        assertThat(f.key("anthropic-main#1").warning()).isTrue();
        assertThat(f.key("anthropic-main#2").warning()).isTrue();
        assertThat(f.provider("anthropic-main").warnings()).isEqualTo(1);
    }

    @Test
    void theShareIsConfigurable() {
        TierFixture half = new TierFixture(TierFixture.YAML + "scaling: { warnAtFraction: 0.5 }\n");
        half.sendAndObserve("gemini-main#1", 4, 100);
        assertThat(half.alerts).isEmpty();
        half.sendAndObserve("gemini-main#1", 1, 100);
        assertThat(half.alerts).singleElement().extracting(Alert::title)
                .isEqualTo("gemini-main#1 at 50% of its requests per minute");
        assertThat(half.status().warnAt()).isEqualByComparingTo("0.5");
    }

    @Test
    void aRateLimitedErrorIsCountedAndItsHeadersObserved() {
        ProviderException limited = new ProviderException(ErrorKind.RATE_LIMITED, 429, Duration.ofSeconds(2),
                "rate limited", null, null, requestsUsed(500), null);
        ProviderException down = new ProviderException(ErrorKind.UNAVAILABLE, 503, null, "overloaded");
        f.monitor.observeError("openai-main#1", limited, f.now());
        f.monitor.observeError("openai-main#1", down, f.now());
        f.monitor.observeError("openai-main#1", new ProviderException(ErrorKind.QUOTA_EXHAUSTED, 429, null, "quota"),
                f.now());

        KeyTier key = f.key("openai-main#1");
        assertThat(key.rateLimitedLastDay()).isEqualTo(2);
        assertThat(key.requestsPerMinute().used()).isEqualTo(500);
        assertThat(f.alerts).hasSize(1);
        assertThat(f.provider("openai-main").rateLimitedLastDay()).isEqualTo(2);
    }

    @Test
    @Timeout(30)
    void manyThreadsCrossingTogetherRaiseOneWarning() throws Exception {
        f.send("gemini-main#1", 9, 100);
        int threads = 32;
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> running = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            running.add(Thread.ofVirtual().start(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                for (int n = 0; n < 50; n++) {
                    f.monitor.observe("gemini-main#1", RateLimitSnapshot.NONE, f.now());
                }
            }));
        }
        start.countDown();
        for (Thread thread : running) {
            thread.join();
        }

        assertThat(f.alerts).hasSize(1);
    }
}
