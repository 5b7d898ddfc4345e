package dev.tutorgate.limits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.tutorgate.config.ConfigLoader;
import dev.tutorgate.config.TutorgateConfig;
import dev.tutorgate.limits.ThrottledException.Reason;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60) // a waiter stuck on a manual clock fails the test instead of hanging the build
class QueueingProviderThrottleTest {
    private static final String KEY = "gemini-main#1";

    private final ManualTicker ticker = new ManualTicker();
    private final QueueingProviderThrottle throttle = new QueueingProviderThrottle(Duration.ofSeconds(5), 10, ticker);
    /** Refuses whatever does not fit at once: for checks of the counting itself. */
    private final QueueingProviderThrottle impatient = new QueueingProviderThrottle(Duration.ZERO, 10, ticker);

    private static ProviderLimits rpm(long rpm) {
        return new ProviderLimits(rpm, null, null, null, null);
    }

    private static ProviderLimits tpm(long tpm) {
        return new ProviderLimits(null, tpm, null, null, ProviderLimits.TokenCounting.INPUT_AND_OUTPUT);
    }

    /** Acquires on a virtual thread, as the gateway's request threads do. */
    private CompletableFuture<ThrottlePermit> acquireLater(String key, long input, long output) {
        CompletableFuture<ThrottlePermit> result = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> {
            try {
                result.complete(throttle.acquire(key, input, output));
            } catch (Throwable t) {
                result.completeExceptionally(t);
            }
        });
        return result;
    }

    private void awaitQueued(String key, int queued) {
        await().atMost(Duration.ofSeconds(10)).until(() -> throttle.usage(key).queued() == queued);
    }

    private static ThrottledException refusal(CompletableFuture<ThrottlePermit> future) throws Exception {
        try {
            future.get(10, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            return (ThrottledException) e.getCause();
        }
        throw new AssertionError("expected a refusal, got a permit");
    }

    @Test
    void aRequestBeyondRpmWaitsAndPassesWhenTheWindowFrees() throws Exception {
        throttle.register(KEY, rpm(3));
        for (int i = 0; i < 3; i++) {
            throttle.acquire(KEY, 100, 100);
        }
        ticker.advance(Duration.ofSeconds(58));

        CompletableFuture<ThrottlePermit> fourth = acquireLater(KEY, 100, 100);
        awaitQueued(KEY, 1);
        ticker.advance(Duration.ofSeconds(2));
        assertThat(fourth).isNotDone();
        ticker.advance(Duration.ofSeconds(1)); // 61 s after the first three: their slot has left the window

        assertThat(fourth.get(10, TimeUnit.SECONDS)).isNotNull();
        KeyUsage usage = throttle.usage(KEY);
        assertThat(usage.requestsLastMinute()).isEqualTo(1);
        assertThat(usage.queued()).isZero();
        assertThat(usage.admitted()).isEqualTo(4);
        assertThat(usage.refused()).isZero();
    }

    @Test
    void aRequestThatCouldNotPassWithinTheMaximumWaitIsRefusedAtOnce() throws Exception {
        throttle.register(KEY, rpm(3));
        for (int i = 0; i < 3; i++) {
            throttle.acquire(KEY, 100, 100);
        }
        ticker.advance(Duration.ofSeconds(10));

        assertThatThrownBy(() -> throttle.acquire(KEY, 100, 100))
                .isInstanceOfSatisfying(ThrottledException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.WAIT_TOO_LONG);
                    assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(51));
                    assertThat(e.keyAlias()).isEqualTo(KEY);
                });
        assertThat(throttle.usage(KEY).refused()).isEqualTo(1);
        assertThat(throttle.usage(KEY).queued()).isZero();
    }

    @Test
    void aQueuedRequestWhoseTimeRunsOutIsRefusedAndTheOneAheadStillPasses() throws Exception {
        throttle.register(KEY, rpm(1));
        throttle.acquire(KEY, 1, 1);
        ticker.advance(Duration.ofSeconds(57));
        CompletableFuture<ThrottlePermit> second = acquireLater(KEY, 1, 1);
        awaitQueued(KEY, 1);
        CompletableFuture<ThrottlePermit> third = acquireLater(KEY, 1, 1);
        awaitQueued(KEY, 2);

        ticker.advance(Duration.ofSeconds(4)); // room for one: the second takes it, the third cannot get any in time

        assertThat(second.get(10, TimeUnit.SECONDS)).isNotNull();
        ThrottledException e = refusal(third);
        assertThat(e.reason()).isEqualTo(Reason.WAIT_TOO_LONG);
        assertThat(throttle.usage(KEY).queued()).isZero();
    }

    @Test
    void waitersAreServedFirstComeFirstServedEvenWhenALaterOneWouldFit() throws Exception {
        throttle.register(KEY, tpm(1_000));
        ThrottlePermit big = throttle.acquire(KEY, 500, 300); // 800 of 1000
        CompletableFuture<ThrottlePermit> medium = acquireLater(KEY, 300, 0); // needs 300: only if big returns tokens
        awaitQueued(KEY, 1);
        CompletableFuture<ThrottlePermit> small = acquireLater(KEY, 100, 0); // would fit now, but medium came first
        awaitQueued(KEY, 2);
        assertThat(small).isNotDone();

        big.complete(500, 50); // used 550, not 800: room for both, in order

        assertThat(medium.get(10, TimeUnit.SECONDS)).isNotNull();
        assertThat(small.get(10, TimeUnit.SECONDS)).isNotNull();
        assertThat(throttle.usage(KEY).tokensLastMinute()).isEqualTo(950);
    }

    @Test
    void aHeadThatOnlyCompletionsCouldHelpGivesUpAtItsDeadline() throws Exception {
        throttle.register(KEY, tpm(1_000));
        throttle.acquire(KEY, 500, 300); // never completes within the test
        CompletableFuture<ThrottlePermit> waiting = acquireLater(KEY, 300, 0);
        awaitQueued(KEY, 1);

        ticker.advance(Duration.ofSeconds(5));

        assertThat(refusal(waiting).reason()).isEqualTo(Reason.WAIT_TOO_LONG);
    }

    @Test
    void theQueueIsBounded() throws Exception {
        QueueingProviderThrottle shortQueue = new QueueingProviderThrottle(Duration.ofSeconds(5), 2, ticker);
        shortQueue.register(KEY, rpm(1));
        shortQueue.acquire(KEY, 1, 1);
        ticker.advance(Duration.ofSeconds(57));
        List<CompletableFuture<ThrottlePermit>> queued = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            CompletableFuture<ThrottlePermit> f = new CompletableFuture<>();
            Thread.ofVirtual().start(() -> {
                try {
                    f.complete(shortQueue.acquire(KEY, 1, 1));
                } catch (Throwable t) {
                    f.completeExceptionally(t);
                }
            });
            queued.add(f);
            int expected = i + 1;
            await().atMost(Duration.ofSeconds(10)).until(() -> shortQueue.usage(KEY).queued() == expected);
        }

        assertThatThrownBy(() -> shortQueue.acquire(KEY, 1, 1))
                .isInstanceOfSatisfying(ThrottledException.class, e -> assertThat(e.reason()).isEqualTo(Reason.QUEUE_FULL));
        assertThat(queued).noneMatch(CompletableFuture::isDone);
    }

    @Test
    void aZeroLengthQueueOrZeroWaitNeverQueues() {
        QueueingProviderThrottle noWait = new QueueingProviderThrottle(Duration.ZERO, 10, ticker);
        noWait.register(KEY, rpm(1));
        assertThatThrownBy(() -> {
            noWait.acquire(KEY, 1, 1);
            noWait.acquire(KEY, 1, 1);
        }).isInstanceOfSatisfying(ThrottledException.class, e -> assertThat(e.reason()).isEqualTo(Reason.WAIT_TOO_LONG));
    }

    @Test
    void tokensAreChargedAtTheEstimateAndCorrectedToWhatWasUsed() throws Exception {
        impatient.register(KEY, tpm(1_000));
        ThrottlePermit permit = impatient.acquire(KEY, 300, 200);
        assertThat(impatient.usage(KEY).tokensLastMinute()).isEqualTo(500);
        assertThat(impatient.usage(KEY).outputTokensLastMinute()).isEqualTo(200);

        permit.complete(300, 50);
        permit.complete(300, 1_000); // only the first completion counts

        KeyUsage usage = impatient.usage(KEY);
        assertThat(usage.tokensLastMinute()).isEqualTo(350);
        assertThat(usage.tpmHeadroom()).isEqualTo(650L);
        assertThat(usage.rpmHeadroom()).isNull(); // no RPM limit on this key
        assertThatThrownBy(() -> impatient.acquire(KEY, 600, 100)).isInstanceOf(ThrottledException.class);
        impatient.acquire(KEY, 600, 50);
    }

    @Test
    void anthropicCountsInputAndOutputTokensSeparately() throws Exception {
        impatient.register(KEY, new ProviderLimits(null, 1_000L, 300L, null, ProviderLimits.TokenCounting.INPUT));
        ThrottlePermit first = impatient.acquire(KEY, 200, 250);
        assertThat(impatient.usage(KEY).tokensLastMinute()).isEqualTo(200);
        assertThat(impatient.usage(KEY).outputTokensLastMinute()).isEqualTo(250);
        assertThatThrownBy(() -> impatient.acquire(KEY, 100, 100)).isInstanceOf(ThrottledException.class);

        first.complete(200, 40);

        impatient.acquire(KEY, 100, 100);
        assertThat(impatient.usage(KEY).outputTokensLastMinute()).isEqualTo(140);
        assertThat(impatient.usage(KEY).outputTpmHeadroom()).isEqualTo(160L);
    }

    @Test
    void aRequestLargerThanTheTokenLimitCanNeverPass() {
        throttle.register(KEY, tpm(1_000));
        assertThatThrownBy(() -> throttle.acquire(KEY, 900, 200))
                .isInstanceOfSatisfying(ThrottledException.class, e -> assertThat(e.reason()).isEqualTo(Reason.TOO_LARGE));
        throttle.register("zero#1", rpm(0));
        assertThatThrownBy(() -> throttle.acquire("zero#1", 1, 1))
                .isInstanceOfSatisfying(ThrottledException.class, e -> assertThat(e.reason()).isEqualTo(Reason.TOO_LARGE));
    }

    @Test
    void theDailyLimitHoldsForADay() throws Exception {
        throttle.register(KEY, new ProviderLimits(null, null, null, 2L, null));
        throttle.acquire(KEY, 1, 1);
        ticker.advance(Duration.ofHours(12));
        throttle.acquire(KEY, 1, 1);
        ticker.advance(Duration.ofHours(11));
        assertThatThrownBy(() -> throttle.acquire(KEY, 1, 1)).isInstanceOf(ThrottledException.class);
        assertThat(throttle.usage(KEY).requestsLastDay()).isEqualTo(2);
        ticker.advance(Duration.ofHours(1).plusMinutes(1));
        throttle.acquire(KEY, 1, 1);
    }

    @Test
    void aCancelledPermitGivesItsRequestBack() throws Exception {
        throttle.register(KEY, rpm(1));
        ThrottlePermit permit = throttle.acquire(KEY, 10, 10);
        permit.cancel();
        permit.cancel();
        assertThat(throttle.usage(KEY).requestsLastMinute()).isZero();
        throttle.acquire(KEY, 10, 10);
        assertThatThrownBy(() -> throttle.acquire(KEY, 10, 10)).isInstanceOf(ThrottledException.class);
    }

    @Test
    void keysAreIndependentAndAnUnknownKeyIsCountedButNotLimited() throws Exception {
        throttle.register("a#1", rpm(1));
        throttle.register("b#1", rpm(1));
        throttle.acquire("a#1", 1, 1);
        assertThatThrownBy(() -> throttle.acquire("a#1", 1, 1)).isInstanceOf(ThrottledException.class);
        throttle.acquire("b#1", 1, 1);
        for (int i = 0; i < 100; i++) {
            throttle.acquire("self-hosted#1", 1_000, 1_000);
        }
        assertThat(throttle.usage("self-hosted#1").requestsLastMinute()).isEqualTo(100);
        assertThat(throttle.usage()).extracting(KeyUsage::keyAlias).containsExactly("a#1", "b#1", "self-hosted#1");
    }

    @Test
    void anInterruptedWaiterLeavesTheQueueAndTheNextOneMovesUp() throws Exception {
        throttle.register(KEY, rpm(1));
        throttle.acquire(KEY, 1, 1);
        ticker.advance(Duration.ofSeconds(57));
        CompletableFuture<ThrottledException> firstRefusal = new CompletableFuture<>();
        AtomicInteger interruptFlag = new AtomicInteger();
        Thread first = Thread.ofVirtual().start(() -> {
            try {
                throttle.acquire(KEY, 1, 1);
            } catch (ThrottledException e) {
                interruptFlag.set(Thread.currentThread().isInterrupted() ? 1 : 0);
                firstRefusal.complete(e);
            }
        });
        awaitQueued(KEY, 1);
        CompletableFuture<ThrottlePermit> second = acquireLater(KEY, 1, 1);
        awaitQueued(KEY, 2);

        first.interrupt();
        assertThat(firstRefusal.get(10, TimeUnit.SECONDS).reason()).isEqualTo(Reason.INTERRUPTED);
        assertThat(interruptFlag.get()).isEqualTo(1);
        awaitQueued(KEY, 1);
        ticker.advance(Duration.ofSeconds(4));
        assertThat(second.get(10, TimeUnit.SECONDS)).isNotNull();
    }

    @Test
    void manyVirtualThreadsWaitingNeverGetMoreThanTheTierAllows() throws Exception {
        QueueingProviderThrottle patient = new QueueingProviderThrottle(Duration.ofMinutes(3), 100, ticker);
        patient.register(KEY, rpm(10));
        AtomicInteger admitted = new AtomicInteger();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            threads.add(Thread.ofVirtual().start(() -> {
                try {
                    patient.acquire(KEY, 1, 1);
                    admitted.incrementAndGet();
                } catch (ThrottledException e) {
                    throw new AssertionError(e);
                }
            }));
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> admitted.get() == 10 && patient.usage(KEY).queued() == 20);

        ticker.advance(Duration.ofSeconds(61));
        await().atMost(Duration.ofSeconds(10)).until(() -> admitted.get() == 20 && patient.usage(KEY).queued() == 10);
        assertThat(patient.usage(KEY).requestsLastMinute()).isEqualTo(10);

        ticker.advance(Duration.ofSeconds(61));
        for (Thread thread : threads) {
            thread.join(Duration.ofSeconds(10));
        }
        assertThat(admitted.get()).isEqualTo(30);
        assertThat(patient.usage(KEY).admitted()).isEqualTo(30);
    }

    @Test
    void keysComeFromTheConfigurationWithTheirTiersLimits() throws Exception {
        String yaml = """
                providers:
                  - name: gemini-main
                    type: gemini
                    apiKeys: ["g-1", "g-2"]
                    tier: tier1
                    limits: { rpm: 2 }
                  - name: claude
                    type: anthropic
                    apiKeys: ["c-1"]
                    tier: tier1
                limits: { providerQueueMaxWaitMs: 0, providerQueueMaxLength: 5 }
                """;
        TutorgateConfig config = ConfigLoader.fromYaml(yaml, "test.yaml", Map.of()).config();
        QueueingProviderThrottle fromConfig = QueueingProviderThrottle.fromConfig(config, TierCatalog.bundled());

        assertThat(fromConfig.usage()).extracting(KeyUsage::keyAlias).containsExactly("claude#1", "gemini-main#1", "gemini-main#2");
        assertThat(fromConfig.usage("gemini-main#2").limits()).isEqualTo(
                new ProviderLimits(2L, 1_000_000L, null, 10_000L, ProviderLimits.TokenCounting.INPUT_AND_OUTPUT));
        assertThat(fromConfig.usage("claude#1").limits().outputTpm()).isEqualTo(8_000L);
        fromConfig.acquire("gemini-main#1", 1, 1);
        fromConfig.acquire("gemini-main#1", 1, 1);
        assertThatThrownBy(() -> fromConfig.acquire("gemini-main#1", 1, 1)).isInstanceOf(ThrottledException.class);
        fromConfig.acquire("gemini-main#2", 1, 1);
    }
}
